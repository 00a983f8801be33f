/** Lengths of time in milliseconds. A module of its own: the page bundles need them without time.ts's zone code. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
