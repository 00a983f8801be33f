/**
 * The toolbar badge: a countdown short enough for a badge (Chrome shows about 4 characters).
 *
 * Units are truncated, never rounded up, so the badge never shows more time than is left:
 * 2 days or more → "5d"; under 2 days → hours ("47h", the urgent range reads better in hours);
 * under 1 hour → minutes ("45m", at least "1m"); closed → "!".
 */

import { type CountdownUnit, countdownUnits, UNIT_MS } from './durations';
import type { Urgency } from './ladder';

const MAX_DAYS = 999;

const SUFFIX: Readonly<Record<CountdownUnit, string>> = { day: 'd', hour: 'h', minute: 'm' };

/** The number the badge shows of a countdown (days capped at 999: four characters). */
function shownUnits(msLeft: number): { value: number; unit: CountdownUnit } {
  const { value, unit } = countdownUnits(msLeft);
  return { value: unit === 'day' ? Math.min(MAX_DAYS, value) : value, unit };
}

export function formatBadge(msLeft: number): string {
  if (msLeft <= 0) return '!';
  const { value, unit } = shownUnits(msLeft);
  return `${value}${SUFFIX[unit]}`;
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
  // Beyond the cap the text stays "999d" until fewer than 999 days are left.
  const { value, unit } = shownUnits(msLeft);
  // "1m" stays until the close, then "!".
  if (unit === 'minute' && value === 1) return closesAt;
  // The text changes one millisecond after exactly `value` units are left.
  return closesAt - value * UNIT_MS[unit] + 1;
}
