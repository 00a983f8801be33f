/**
 * The one way a closing moment is shown: as the last day on which the buyer can still act.
 *
 * Windows close at an instant, usually the start of a day ("Refund if no delivery before Dec 4"
 * closes at 00:00 on Dec 4). A buyer reads a bare date as the last day to act, so "Dec 4" would be
 * one day late: we show "last day Thu, Dec 3". Only a close that is not at midnight (a time the
 * page stated) keeps its time: "last day Thu, Dec 3, until 14:30".
 *
 * Intl only (no zone library): the chips and the panel on AliExpress's pages use it too, and their
 * script has a size budget. Formatters are cached per language and zone.
 */
import type { Translate } from './i18n';

export interface LastDayContext {
  /** For the year: shown only when the last day is not in the current year. */
  readonly now: number;
  readonly timeZone: string;
  /** BCP 47, e.g. `pt-BR`. */
  readonly lang: string;
}

export const LAST_DAY_TEXT_EN: Readonly<Record<string, string>> = {
  last_day: 'last day $1',
  last_day_until: 'last day $1, until $2',
};

export interface LastDay {
  /** The last civil day (`YYYY-MM-DD`, in the buyer's zone) on which the buyer can act. */
  readonly date: string;
  /** `HH:MM` when the window closes during that day (not at its start), else undefined. */
  readonly until?: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(id);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(lang, options);
    cache.set(id, f);
  }
  return f;
}

function safeLang(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function parts(at: number, timeZone: string): { date: string; hm: string } {
  const p = fmt('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hm: `${get('hour')}:${get('minute')}` };
}

/** The last day to act for a window closing at `closesAt`, in `timeZone`. */
export function lastDayOf(closesAt: number, timeZone: string): LastDay {
  const at = parts(closesAt, timeZone);
  const before = parts(closesAt - 1, timeZone).date;
  // Closing at the very start of a day (00:00, or 01:00 where DST skips midnight): the day before,
  // which the last millisecond before the close belongs to, is the last one, all of it.
  if (before !== at.date) return { date: before };
  return { date: at.date, until: at.hm };
}

/** The civil day (`YYYY-MM-DD`) an instant falls on in `timeZone` (an opening: "from Thu, Dec 3"). */
export function dayOf(at: number, timeZone: string): string {
  return parts(at, timeZone).date;
}

/** "Thu, Dec 3" (with the year when not this year) for a civil date, in `lang`. */
export function formatDay(civil: string, ctx: LastDayContext): string {
  const lang = safeLang(ctx.lang);
  const [y, m, d] = civil.split('-').map(Number);
  if (!y || !m || !d) return civil;
  const thisYear = parts(ctx.now, ctx.timeZone).date.slice(0, 4);
  const options: Intl.DateTimeFormatOptions = {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  };
  if (String(y) !== thisYear) options.year = 'numeric';
  return fmt(lang, options).format(Date.UTC(y, m - 1, d, 12));
}

/**
 * The day a window opens ("Tue, Dec 8"), with its time when it opens during the day ("Tue, Dec 8,
 * 2:30 PM"): before that time it is not open yet.
 */
export function formatOpening(opensAt: number, ctx: LastDayContext): string {
  const at = parts(opensAt, ctx.timeZone);
  const day = formatDay(at.date, ctx);
  return at.hm === '00:00' ? day : `${day}, ${formatTime(at.hm, ctx.lang)}`;
}

function formatTime(hm: string, lang: string): string {
  const [h, m] = hm.split(':').map(Number);
  return fmt(safeLang(lang), { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(
    Date.UTC(2000, 0, 1, h ?? 0, m ?? 0),
  );
}

/** "last day Thu, Dec 3" in the buyer's language: every face shows a close this way. */
export function formatLastDay(closesAt: number, ctx: LastDayContext, t: Translate): string {
  const last = lastDayOf(closesAt, ctx.timeZone);
  const day = formatDay(last.date, ctx);
  return last.until === undefined
    ? t('last_day', [day])
    : t('last_day_until', [day, formatTime(last.until, ctx.lang)]);
}
