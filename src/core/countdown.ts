/**
 * The toolbar badge: a countdown short enough for a badge (Chrome shows about 4 characters).
 *
 * Units are truncated, never rounded up, so the badge never shows more time than is left:
 * 2 days or more → "5d"; under 2 days → hours ("47h", the urgent range reads better in hours);
 * under 1 hour → minutes ("45m", at least "1m"); closed → "!".
 */

import type { Urgency } from './ladder';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

const MAX_DAYS = 999;

export function formatBadge(msLeft: number): string {
  if (msLeft <= 0) return '!';
  if (msLeft >= 2 * DAY_MS) return `${Math.min(MAX_DAYS, Math.floor(msLeft / DAY_MS))}d`;
  if (msLeft >= HOUR_MS) return `${Math.floor(msLeft / HOUR_MS)}h`;
  return `${Math.max(1, Math.floor(msLeft / MINUTE_MS))}m`;
}

/** Badge background per urgency (WCAG AA contrast with white text). */
export const BADGE_COLORS: Readonly<Record<Urgency, string>> = {
  overdue: '#8B0000',
  urgent: '#C5221F',
  soon: '#B06000',
  later: '#137333',
};

export function badgeColor(u: Urgency): string {
  return BADGE_COLORS[u];
}

/**
 * The first instant after `now` at which `formatBadge` of the same countdown shows a different
 * text, or null when it never changes again (already "!"). `msLeft` is counted at `now`.
 */
export function nextBadgeChange(msLeft: number, now: number): number | null {
  if (msLeft <= 0) return null;
  const closesAt = now + msLeft;
  let unit: number;
  let shown: number;
  if (msLeft >= 2 * DAY_MS) {
    unit = DAY_MS;
    // Beyond the cap the text stays "999d" until fewer than 999 days are left.
    shown = Math.min(MAX_DAYS, Math.floor(msLeft / DAY_MS));
  } else if (msLeft >= HOUR_MS) {
    unit = HOUR_MS;
    shown = Math.floor(msLeft / HOUR_MS);
  } else {
    // "1m" stays until the close, then "!".
    if (msLeft < 2 * MINUTE_MS) return closesAt;
    unit = MINUTE_MS;
    shown = Math.floor(msLeft / MINUTE_MS);
  }
  // The text changes one millisecond after exactly `shown` units are left.
  return closesAt - shown * unit + 1;
}
