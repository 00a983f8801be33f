/**
 * Every date shape the order pages show, read into civil dates (`YYYY-MM-DD`). Never throws;
 * anything unreadable or impossible (Feb 30) is `undefined`.
 *
 * Shapes (notes/aliexpress-pages.md): "Jul 15, 2026" (en), "8 jun, 2026" (pt, es),
 * "15 juil. 2026" (fr), "15. Juli 2026" (de), "15 lip 2026" / "15 lipca 2026" (pl), "2026-07-15",
 * "2022-03-23 21:19:58" (refund cases), "15.07.2026", "15/07/2026" and the year-less tracking
 * form "Sat | Sep. 19 18:46".
 */
import type { CivilDate } from '../core/model';
import { keyed, langByCode, langsInOrder, monthKey } from './lang';

export interface DateContext {
  /** Detected page language (`pt`); picks the month table tried first. */
  lang?: string | undefined;
  /** BCP 47 locale when known (`en-US`, `pt-BR`); decides day/month order of numeric dates. */
  locale?: string | undefined;
}

export interface DateTime {
  date: CivilDate;
  /** `HH:mm:ss` local wall time, when the text has one. */
  time?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A civil date if y-m-d is a real calendar day in a plausible range. */
export function civil(year: number, month: number, day: number): CivilDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Month number (1-12) of a month word, trying the page language first. */
export function monthOf(word: string, lang?: string): number | undefined {
  const wanted = monthKey(word);
  if (!wanted) return undefined;
  for (const table of langsInOrder(lang)) {
    const month = keyed(table).months.get(wanted);
    if (month) return month;
  }
  return undefined;
}

/**
 * Day/month order of numeric dates. Decided by the page's locale, never guessed from the
 * numbers alone: en-US writes month first, every other locale we read writes day first. Plain
 * "en" (www.aliexpress.com serves English worldwide) is unknown.
 */
export function numericOrder(ctx: DateContext = {}): 'dmy' | 'mdy' | undefined {
  const locale = ctx.locale?.trim().toLowerCase().replace('_', '-');
  if (locale) {
    if (locale === 'en-us') return 'mdy';
    if (locale.startsWith('en-')) return 'dmy';
    if (langByCode(locale) && !locale.startsWith('en')) return 'dmy';
  }
  const lang = langByCode(ctx.lang) ?? langByCode(locale);
  if (lang && lang.code !== 'en') return 'dmy';
  return undefined;
}

interface Candidate {
  index: number;
  result: DateTime;
}

const LETTERS = '\\p{L}{3,}\\.?';
const ISO = /(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/gu;
const NUMERIC = /(?<![\d./-])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d])/gu;
// "Jul 15, 2026", "Sep. 4, 2026", "July 15th 2026"
const MONTH_FIRST = new RegExp(
  `(?<!\\p{L})(${LETTERS})\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`,
  'gu',
);
// "8 jun, 2026", "15 juil. 2026", "15. Juli 2026", "15 lipca 2026", "3 de ago. de 2026"
const DAY_FIRST = new RegExp(
  `(?<![\\d.])(\\d{1,2})\\.?\\s*(?:de\\s+)?(${LETTERS})(?:\\s+de)?,?\\s+(\\d{4})(?!\\d)`,
  'gu',
);

function timeOf(h: string | undefined, m: string | undefined, s: string | undefined): string | undefined {
  if (h === undefined || m === undefined) return undefined;
  const hour = Number(h);
  const minute = Number(m);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** The first match of a global pattern that `read` accepts, with its position. */
function firstValid(
  pattern: RegExp,
  text: string,
  read: (m: RegExpExecArray) => DateTime | undefined,
): Candidate | undefined {
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    const result = read(match as RegExpExecArray);
    if (result) return { index: match.index ?? 0, result };
  }
  return undefined;
}

function candidates(text: string, ctx: DateContext): Candidate[] {
  const order = numericOrder(ctx);
  const found = [
    firstValid(ISO, text, (m) => {
      const date = civil(Number(m[1]), Number(m[2]), Number(m[3]));
      if (!date) return undefined;
      const time = timeOf(m[4], m[5], m[6]);
      return time ? { date, time } : { date };
    }),
    firstValid(NUMERIC, text, (m) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const year = Number(m[4]);
      // Without a locale the order is known only when one part cannot be a month, or both are equal.
      const use = order ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : a === b ? 'dmy' : undefined);
      const date = use === 'dmy' ? civil(year, b, a) : use === 'mdy' ? civil(year, a, b) : undefined;
      return date ? { date } : undefined;
    }),
    firstValid(MONTH_FIRST, text, (m) => {
      const month = m[1] ? monthOf(m[1], ctx.lang) : undefined;
      const date = month ? civil(Number(m[3]), month, Number(m[2])) : undefined;
      return date ? { date } : undefined;
    }),
    firstValid(DAY_FIRST, text, (m) => {
      const month = m[2] ? monthOf(m[2], ctx.lang) : undefined;
      const date = month ? civil(Number(m[3]), month, Number(m[1])) : undefined;
      return date ? { date } : undefined;
    }),
  ];
  return found.filter((candidate): candidate is Candidate => candidate !== undefined);
}

/** The first date in `text` (with its time when one is written, as in "2022-03-23 21:19:58"). */
export function parseDateTime(text: unknown, ctx: DateContext = {}): DateTime | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  // Dates are short; a huge string is not a date field, and capping keeps regexes cheap.
  const sample = text.length > 500 ? text.slice(0, 500) : text;
  const all = candidates(sample.normalize('NFC'), ctx);
  all.sort((x, y) => x.index - y.index);
  return all[0]?.result;
}

export function parseDate(text: unknown, ctx: DateContext = {}): CivilDate | undefined {
  return parseDateTime(text, ctx)?.date;
}

/**
 * Where `text` has a date any reader above could read (in any language, either numeric order),
 * as [start, end) ranges. The anonymiser keeps these verbatim so that an anonymised body reads to
 * the same dates.
 */
export function dateSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const each = (pattern: RegExp, valid: (m: RegExpMatchArray) => boolean) => {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      if (valid(match)) spans.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
    }
  };
  each(ISO, (m) => civil(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined);
  each(NUMERIC, (m) => {
    const year = Number(m[4]);
    return (
      civil(year, Number(m[3]), Number(m[1])) !== undefined ||
      civil(year, Number(m[1]), Number(m[3])) !== undefined
    );
  });
  each(MONTH_FIRST, (m) => {
    const month = m[1] ? monthOf(m[1]) : undefined;
    return month !== undefined && civil(Number(m[3]), month, Number(m[2])) !== undefined;
  });
  each(DAY_FIRST, (m) => {
    const month = m[2] ? monthOf(m[2]) : undefined;
    return month !== undefined && civil(Number(m[3]), month, Number(m[1])) !== undefined;
  });
  return spans;
}
