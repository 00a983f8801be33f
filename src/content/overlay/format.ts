import { countdownUnits } from '../../core/durations';
import { formatCountdown } from '../../ui/format';

export interface FormatContext {
  readonly now: number;
  readonly timeZone: string;
  /** BCP 47, e.g. `pt-BR`. */
  readonly lang: string;
}

export function safeLocale(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `d${locale}${JSON.stringify(options)}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(id, f);
  }
  return f;
}
function unitFormat(locale: string, unit: string): Intl.NumberFormat {
  const id = `n${locale}${unit}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' });
    cache.set(id, f);
  }
  return f;
}

/** "in 5 days", "in 20 hours", "3 days ago": the popup's countdown, at `at` from `ctx.now`. */
export function relativeTime(at: number, ctx: FormatContext): string {
  return formatCountdown(at - ctx.now, { lang: safeLocale(ctx.lang) });
}

/** "Thu, Sep 4" (with the year when it is not this year, and the time when it is not midnight). */
export function shortDate(at: number, ctx: FormatContext): string {
  const locale = safeLocale(ctx.lang);
  const parts = (options: Intl.DateTimeFormatOptions) =>
    dateFormat(locale, { timeZone: ctx.timeZone, ...options });
  const year = (ms: number) => parts({ year: 'numeric' }).format(ms);
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' };
  if (year(at) !== year(ctx.now)) options.year = 'numeric';
  const hm = parts({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (!/^0?0\D00$/.test(hm)) {
    options.hour = 'numeric';
    options.minute = '2-digit';
  }
  return parts(options).format(at);
}

/**
 * The short countdown of the chips and the collapsed pill, in the units the badge uses (days from 2
 * days up, then hours, then minutes; truncated), written by `Intl` ("5d", "5 d", "5 Tg.").
 */
export function shortCountdown(msLeft: number, lang: string): string {
  const { value, unit } = countdownUnits(msLeft);
  return unitFormat(safeLocale(lang), unit).format(value);
}
