/** Lengths of time in milliseconds. A module of its own: the page bundles need them without time.ts's zone code. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type CountdownUnit = 'day' | 'hour' | 'minute';
export const UNIT_MS: Readonly<Record<CountdownUnit, number>> = {
  day: DAY_MS,
  hour: HOUR_MS,
  minute: MINUTE_MS,
};

/**
 * The one rounding behind every countdown (badge, notifications, popup, the page's chips and
 * pill): days from 2 days up, then hours, then minutes (at least 1). Truncated, never rounded up,
 * so no face ever shows more time than is left.
 */
export function countdownUnits(ms: number): { readonly value: number; readonly unit: CountdownUnit } {
  if (ms >= 2 * DAY_MS) return { value: Math.floor(ms / DAY_MS), unit: 'day' };
  if (ms >= HOUR_MS) return { value: Math.floor(ms / HOUR_MS), unit: 'hour' };
  return { value: Math.max(1, Math.floor(ms / MINUTE_MS)), unit: 'minute' };
}
