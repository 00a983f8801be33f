import { countdownUnits } from '../core/durations';
import { uiLanguage } from './i18n';

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function dateFormat(lang: string, timeZone: string | undefined, withTime: boolean): Intl.DateTimeFormat {
  const id = `d|${lang}|${timeZone ?? ''}|${withTime}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
    cache.set(id, f);
  }
  return f;
}

function relativeFormat(lang: string): Intl.RelativeTimeFormat {
  const id = `r|${lang}`;
  let f = cache.get(id) as Intl.RelativeTimeFormat | undefined;
  if (!f) {
    f = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'long' });
    cache.set(id, f);
  }
  return f;
}

export interface FormatOptions {
  readonly lang?: string;
  readonly timeZone?: string;
}

/** "Sep 4, 2026, 00:00" in the buyer's zone. */
export function formatInstant(t: number, opts: FormatOptions = {}): string {
  return dateFormat(opts.lang ?? uiLanguage(), opts.timeZone, true).format(t);
}

/** A civil date (`YYYY-MM-DD`) as the page meant it: no zone shift. */
export function formatCivil(civil: string, opts: FormatOptions = {}): string {
  const [y, m, d] = civil.split('-').map(Number);
  if (!y || !m || !d) return civil;
  return dateFormat(opts.lang ?? uiLanguage(), 'UTC', false).format(Date.UTC(y, m - 1, d));
}

/**
 * "in 3 days", "in 5 hours", "2 days ago". Truncated toward now, never rounded up, so the popup
 * never promises more time than is left (like the badge); under two days it counts hours.
 */
export function formatCountdown(msLeft: number, opts: FormatOptions = {}): string {
  const rtf = relativeFormat(opts.lang ?? uiLanguage());
  const abs = Math.abs(msLeft);
  const sign = msLeft < 0 ? -1 : 1;
  const { value, unit } = countdownUnits(abs);
  return rtf.format(sign * value, unit);
}
