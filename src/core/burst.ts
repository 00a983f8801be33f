/**
 * Bursts of page reads (pure). A first browse or a browser start reads many pages within seconds;
 * reminders found meanwhile are held until the reads settle, then shown as ONE notification. The
 * hold also lets a read that closes a window (tracking says delivered, read a second after the
 * order page) cancel a reminder before it is shown: a held reminder is planned again when the hold
 * ends, from the summaries as they are then.
 *
 * The burst lives in storage (the worker sleeps; no timer holds anything): each read stamps it, and
 * the scheduler's one alarm is set to the hold's end.
 */
import { z } from './z';

/** How long after the last read of a burst reminders wait for the next one. */
export const HOLD_MS = 8_000;
/** However the reads go on, nothing waits longer than this after the burst's first read. */
export const MAX_HOLD_MS = 60_000;

export const ReadBurst = z.object({
  /** The first read of the burst. */
  startedAt: z.number(),
  /** The latest read. */
  lastAt: z.number(),
});
export type ReadBurst = z.infer<typeof ReadBurst>;

/** The burst after a read at `now`: the same burst if the last read is under `HOLD_MS` ago. */
export function noteRead(burst: ReadBurst | undefined, now: number): ReadBurst {
  if (burst === undefined || now - burst.lastAt >= HOLD_MS || now < burst.startedAt)
    return { startedAt: now, lastAt: now };
  return { startedAt: burst.startedAt, lastAt: Math.max(burst.lastAt, now) };
}

/** When reminders may be shown: null when nothing holds them at `now`. */
export function heldUntil(burst: ReadBurst | undefined, now: number): number | null {
  if (burst === undefined) return null;
  const until = Math.min(burst.lastAt + HOLD_MS, burst.startedAt + MAX_HOLD_MS);
  return until > now ? until : null;
}

/**
 * Whether reminders due now wait for `until`: never when one of them would close by then (a money
 * deadline beats a tidy notification).
 */
export function holds(due: readonly { closesAt: number | null }[], until: number | null): until is number {
  if (until === null || due.length === 0) return false;
  return due.every((r) => r.closesAt === null || r.closesAt > until);
}
