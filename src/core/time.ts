/**
 * Civil dates and instants in the buyer's time zone.
 *
 * AliExpress states most deadlines as dates without a time ("Refund if no delivery before Sep 4,
 * 2026"). We read such a date with the conservative reading: it closes at the START of that day in
 * the buyer's time zone, so a reminder can come early but never late.
 *
 * Counting ("7 days after receipt") is civil-date arithmetic first (days on the calendar, so a DST
 * change or a leap day never shifts the result by an hour or a day), then one conversion to an
 * instant.
 *
 * Nothing here reads the host's time zone or clock: every function takes the IANA zone and the
 * instant it needs. Offsets come from `tzOffset` of @date-fns/tz (Intl-backed, host independent).
 * We do not construct `TZDate` from wall-clock fields in hot paths: that path goes through the host
 * zone's local `Date` setters and corrects afterwards, which is slower (~13 µs) and harder to trust
 * at DST edges than the small fixed-point search below; the tests cross-check both.
 */
import { tzOffset } from '@date-fns/tz';
import type { CivilDate } from './model';

export { DAY_MS, HOUR_MS, MINUTE_MS } from './durations';

import { DAY_MS, HOUR_MS, MINUTE_MS } from './durations';

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of `epochDayOf`, as `[year, month (1-12), day]`. */
export function civilPartsOfEpochDay(epochDay: number): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function formatCivil(year: number, month: number, day: number): CivilDate {
  const y = String(year).padStart(4, '0');
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/** The digit at `i` (0-9), or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. The schema has already checked its shape. */
export function epochDayOfCivil(civil: CivilDate): number {
  // The ladder parses several dates per order: read the digits in place (no substrings).
  if (civil.length === 10 && civil.charCodeAt(4) === 45 && civil.charCodeAt(7) === 45) {
    const y0 = digitAt(civil, 0);
    const y1 = digitAt(civil, 1);
    const y2 = digitAt(civil, 2);
    const y3 = digitAt(civil, 3);
    const m0 = digitAt(civil, 5);
    const m1 = digitAt(civil, 6);
    const d0 = digitAt(civil, 8);
    const d1 = digitAt(civil, 9);
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0) {
      return epochDayOf(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
    }
  }
  // Anything else reads as before (Number() of each part).
  const year = Number(civil.slice(0, 4));
  const month = Number(civil.slice(5, 7));
  const day = Number(civil.slice(8, 10));
  return epochDayOf(year, month, day);
}

export function civilOfEpochDay(epochDay: number): CivilDate {
  const [y, m, d] = civilPartsOfEpochDay(epochDay);
  return formatCivil(y, m, d);
}

/** True when the string is a real calendar date (the schema accepts `2026-02-31`; this does not). */
export function isRealCivilDate(civil: string): civil is CivilDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(civil)) return false;
  return civilOfEpochDay(epochDayOfCivil(civil)) === civil;
}

/** `civil` plus `n` calendar days (n may be negative). Pure calendar arithmetic: no zone involved. */
export function addDays(civil: CivilDate, n: number): CivilDate {
  return civilOfEpochDay(epochDayOfCivil(civil) + n);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return epochDayOfCivil(to) - epochDayOfCivil(from);
}

// ---------------------------------------------------------------------------------------------
// Offsets, cached per zone and UTC hour. Zone rules never change offset twice within one hour, so
// when the offset at both ends of an hour agrees it holds for the whole hour; an hour containing a
// transition is marked and answered exactly each time (rare: two hours a year per zone).

const MIXED = Number.NaN;
const offsetCache = new Map<string, Map<number, number>>();

function zoneCache(timeZone: string): Map<number, number> {
  let cache = offsetCache.get(timeZone);
  if (cache === undefined) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  return cache;
}

function exactOffset(timeZone: string, instant: number): number {
  return tzOffset(timeZone, new Date(instant));
}

/** UTC offset in minutes of `timeZone` at `instant` (e.g. -180 for São Paulo). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const cache = zoneCache(timeZone);
  const hour = Math.floor(instant / HOUR_MS);
  let cached = cache.get(hour);
  if (cached === undefined) {
    const start = exactOffset(timeZone, hour * HOUR_MS);
    const end = exactOffset(timeZone, hour * HOUR_MS + HOUR_MS - 1);
    cached = start === end ? start : MIXED;
    cache.set(hour, cached);
  }
  return Number.isNaN(cached) ? exactOffset(timeZone, instant) : cached;
}

const validZones = new Map<string, boolean>();

/** True for an IANA zone name (or offset) that this runtime's Intl knows. */
export function isValidTimeZone(timeZone: string): boolean {
  let ok = validZones.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      ok = !Number.isNaN(tzOffset(timeZone, new Date(0)));
    } catch {
      ok = false;
    }
    validZones.set(timeZone, ok);
  }
  return ok;
}

/** The wall-clock reading of `instant` in `timeZone` as ms since 1970-01-01T00:00 "local". */
function localMs(instant: number, timeZone: string): number {
  return instant + offsetMinutes(instant, timeZone) * MINUTE_MS;
}

/** The calendar date of `instant` in `timeZone`. */
export function civilDateOf(instant: number, timeZone: string): CivilDate {
  return civilOfEpochDay(Math.floor(localMs(instant, timeZone) / DAY_MS));
}

/** Minutes since local midnight of `instant` in `timeZone` (0..1439). */
export function minuteOfDay(instant: number, timeZone: string): number {
  const local = localMs(instant, timeZone);
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/**
 * The instant at which the wall clock in `timeZone` shows `minute` minutes after midnight on
 * `civil`. In a gap (spring forward) the wall time does not exist: we return the first instant after
 * the gap, so "start of a day that begins at 01:00" is 01:00. In an overlap (fall back) we return the
 * earlier instant. Both are the readings that make a deadline come no later than meant.
 */
export function wallTimeToInstant(civil: CivilDate, minute: number, timeZone: string): number {
  return localToInstant(epochDayOfCivil(civil) * DAY_MS + minute * MINUTE_MS, timeZone);
}

function localToInstant(local: number, timeZone: string): number {
  // Transitions are at least days apart, so the offsets one day either side bracket every
  // candidate reading of `local`.
  const before = offsetMinutes(local - DAY_MS, timeZone);
  const after = offsetMinutes(local + DAY_MS, timeZone);
  const a = local - before * MINUTE_MS;
  const aOk = localMs(a, timeZone) === local;
  if (before === after) {
    if (aOk) return a;
  } else {
    const b = local - after * MINUTE_MS;
    const bOk = localMs(b, timeZone) === local;
    if (aOk && bOk) return Math.min(a, b);
    if (aOk) return a;
    if (bOk) return b;
  }
  // A gap: the wall time is skipped. Reading it with the earlier offset lands just after the gap
  // for a forward jump (the first existing instant with a later wall time).
  return a;
}

const dayStartCache = new Map<string, Map<number, number>>();

/** The first instant of `civil` in `timeZone` (the moment a date-only deadline closes). Cached. */
export function startOfDay(civil: CivilDate, timeZone: string): number {
  return startOfEpochDay(epochDayOfCivil(civil), timeZone);
}

/** `startOfDay` keyed by epoch day, for hot loops that already have the number. */
export function startOfEpochDay(epochDay: number, timeZone: string): number {
  let cache = dayStartCache.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    dayStartCache.set(timeZone, cache);
  }
  let start = cache.get(epochDay);
  if (start === undefined) {
    start = localToInstant(epochDay * DAY_MS, timeZone);
    cache.set(epochDay, start);
  }
  return start;
}

/** The start of the day `n` calendar days after `civil`: how every "within N days of X" closes. */
export function closeAfterDays(civil: CivilDate, n: number, timeZone: string): number {
  return startOfEpochDay(epochDayOfCivil(civil) + n, timeZone);
}

/**
 * The same wall-clock time `n` calendar days later (or earlier for negative n): "7 days before
 * closing" keeps the hour even across a DST change.
 */
export function addCalendarDaysToInstant(instant: number, n: number, timeZone: string): number {
  const local = localMs(instant, timeZone);
  return localToInstant(local + n * DAY_MS, timeZone);
}

/** `HH:MM` (24-hour) → minutes after midnight, or undefined when malformed. */
export function parseHhMm(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * A wall time as the refunds page gives it (`2022-03-23 21:19:58` or `2022-03-23T21:19:58`, no
 * zone) read in `timeZone`. Undefined when it cannot be read.
 */
export function parseLocalDateTime(text: string, timeZone: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (!match) return undefined;
  const [, date, hh, mm, ss] = match;
  if (date === undefined || !isRealCivilDate(date)) return undefined;
  const hours = Number(hh);
  const minutes = Number(mm);
  if (hours > 23 || minutes > 59) return undefined;
  return wallTimeToInstant(date, hours * 60 + minutes, timeZone) + Number(ss ?? 0) * 1000;
}
