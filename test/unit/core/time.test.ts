import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CivilDate } from '../../../src/core/model';
import {
  addCalendarDaysToInstant,
  addDays,
  civilDateOf,
  closeAfterDays,
  DAY_MS,
  daysBetween,
  HOUR_MS,
  isRealCivilDate,
  isValidTimeZone,
  minuteOfDay,
  offsetMinutes,
  parseHhMm,
  parseLocalDateTime,
  startOfDay,
  wallTimeToInstant,
} from '../../../src/core/time';
import { at, ZONES } from './helpers';

/** Calendar days between the dates of two instants in `timeZone` (positive when `to` is later). */
const calendarDaysBetween = (from: number, to: number, timeZone: string): number =>
  daysBetween(civilDateOf(from, timeZone), civilDateOf(to, timeZone));
/** Whole hours from `from` to `to` (elapsed time, truncated toward zero). */
const hoursBetween = (from: number, to: number): number => Math.trunc((to - from) / HOUR_MS);

// From 2000: Kiritimati skipped 1994-12-31 (it moved from -10 to +14), a day that has no start,
// and no AliExpress order (the site opened in 2010) is dated before then.
const civilArb = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2040, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10) as CivilDate);
const zoneArb = fc.constantFrom(...ZONES);

describe('civil-date arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-07-15', 90, '2026-10-13'],
    ['2026-07-28', 7, '2026-08-04'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ] as const)('%s + %i days = %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
    expect(daysBetween(from, to)).toBe(n);
  });

  it('agrees with UTC calendar arithmetic for any date and count', () => {
    fc.assert(
      fc.property(civilArb, fc.integer({ min: -2000, max: 2000 }), (civil, n) => {
        const expected = new Date(Date.parse(`${civil}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
        expect(addDays(civil, n)).toBe(expected);
        expect(daysBetween(civil, addDays(civil, n))).toBe(n);
      }),
    );
  });

  it('rejects impossible calendar dates the regex lets through', () => {
    expect(isRealCivilDate('2026-02-29')).toBe(false);
    expect(isRealCivilDate('2024-02-29')).toBe(true);
    expect(isRealCivilDate('2026-04-31')).toBe(false);
  });
});

describe('civil dates in a zone', () => {
  it('reads a date-only deadline as the start of that day in the buyer zone', () => {
    expect(startOfDay('2026-09-04', 'America/Sao_Paulo')).toBe(at('2026-09-04T00:00:00-03:00'));
    expect(startOfDay('2026-09-04', 'Asia/Tokyo')).toBe(at('2026-09-04T00:00:00+09:00'));
    expect(startOfDay('2026-09-04', 'Pacific/Kiritimati')).toBe(at('2026-09-04T00:00:00+14:00'));
    expect(startOfDay('2026-09-04', 'Asia/Kathmandu')).toBe(at('2026-09-04T00:00:00+05:45'));
  });

  it('starts a day that skips midnight at the first instant that exists', () => {
    // Chile springs forward at 24:00 on the first Saturday of September: Sep 6, 2026 starts at 01:00.
    expect(startOfDay('2026-09-06', 'America/Santiago')).toBe(at('2026-09-06T01:00:00-03:00'));
    // Cuba and Lebanon move their clocks at midnight too.
    expect(startOfDay('2026-03-08', 'America/Havana')).toBe(at('2026-03-08T01:00:00-04:00'));
    expect(startOfDay('2026-03-29', 'Asia/Beirut')).toBe(at('2026-03-29T01:00:00+03:00'));
  });

  it('counts calendar days across DST, so a day can be 23 or 25 hours', () => {
    const tz = 'America/New_York';
    expect(closeAfterDays('2026-03-07', 1, tz)).toBe(at('2026-03-08T00:00:00-05:00'));
    expect(closeAfterDays('2026-03-07', 2, tz)).toBe(at('2026-03-09T00:00:00-04:00'));
    expect(closeAfterDays('2026-03-07', 2, tz) - closeAfterDays('2026-03-07', 1, tz)).toBe(23 * HOUR_MS);
    expect(closeAfterDays('2026-10-31', 2, tz) - closeAfterDays('2026-10-31', 1, tz)).toBe(25 * HOUR_MS);
    // 7 days before a close keeps the wall time across the change.
    const close = at('2026-03-10T09:00:00-04:00');
    expect(addCalendarDaysToInstant(close, -7, tz)).toBe(at('2026-03-03T09:00:00-05:00'));
    expect(hoursBetween(addCalendarDaysToInstant(close, -7, tz), close)).toBe(7 * 24 - 1);
    expect(calendarDaysBetween(addCalendarDaysToInstant(close, -7, tz), close, tz)).toBe(7);
  });

  it('start of day is the first instant of that date, for any date and zone', () => {
    fc.assert(
      fc.property(civilArb, zoneArb, (civil, tz) => {
        const start = startOfDay(civil, tz);
        expect(civilDateOf(start, tz)).toBe(civil);
        expect(civilDateOf(start - 1, tz)).toBe(addDays(civil, -1));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with TZDate of @date-fns/tz', () => {
    fc.assert(
      fc.property(civilArb, zoneArb, (civil, tz) => {
        const [y, m, d] = civil.split('-').map(Number) as [number, number, number];
        expect(startOfDay(civil, tz)).toBe(new TZDate(y, m - 1, d, tz).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('adds calendar days to a day start across DST and leap days', () => {
    fc.assert(
      fc.property(civilArb, fc.integer({ min: -400, max: 400 }), zoneArb, (civil, n, tz) => {
        const shifted = closeAfterDays(civil, n, tz);
        expect(civilDateOf(shifted, tz)).toBe(addDays(civil, n));
        expect(minuteOfDay(shifted, tz)).toBeLessThanOrEqual(60);
        expect(calendarDaysBetween(startOfDay(civil, tz), shifted, tz)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips wall times that exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('1995-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') }),
        zoneArb,
        (instant, tz) => {
          const minute = minuteOfDay(instant, tz);
          const civil = civilDateOf(instant, tz);
          const back = wallTimeToInstant(civil, minute, tz);
          // Same wall minute; in an overlap the earlier of the two instants.
          expect(Math.floor(back / 60_000)).toBeLessThanOrEqual(Math.floor(instant / 60_000));
          expect(civilDateOf(back, tz)).toBe(civil);
          expect(minuteOfDay(back, tz)).toBe(minute);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('knows offsets, including half hours and +14', () => {
    expect(offsetMinutes(at('2026-07-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(at('2026-07-01T00:00:00Z'), 'Pacific/Kiritimati')).toBe(840);
    expect(offsetMinutes(at('2026-07-01T00:00:00Z'), 'America/Sao_Paulo')).toBe(-180);
    // The hour that contains New York's spring-forward instant (07:00Z) is answered exactly.
    expect(offsetMinutes(at('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-240);
  });

  it('refuses an unknown zone instead of guessing', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('America/Sao_Paulo')).toBe(true);
    expect(() => startOfDay('2026-09-04', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('parses the refunds page wall time in the buyer zone, and HH:MM', () => {
    expect(parseLocalDateTime('2022-03-23 21:19:58', 'America/Sao_Paulo')).toBe(
      at('2022-03-23T21:19:58-03:00'),
    );
    expect(parseLocalDateTime('2022-03-23T21:19', 'Asia/Tokyo')).toBe(at('2022-03-23T21:19:00+09:00'));
    expect(parseLocalDateTime('2022-02-30 10:00:00', 'UTC')).toBeUndefined();
    expect(parseLocalDateTime('yesterday', 'UTC')).toBeUndefined();
    expect(parseHhMm('22:00')).toBe(1320);
    expect(parseHhMm('24:00')).toBeUndefined();
  });
});
