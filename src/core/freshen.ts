/**
 * Staleness, the one rule: a date read longer ago than `staleAfterDays`, on an order that can
 * still change, is stale. The ladder applies it when it builds, the view to the whole order, and
 * `freshen` again at display time. Zod-free and zone-free: the panel on AliExpress's pages runs
 * `freshen` on every summary it shows (summary.ts re-exports it).
 */
import { DAY_MS } from './durations';
import type { Confidence, DeadlineWindow } from './windows';

/** A date read longer ago than this, on an order that can still change, is shown as stale. */
export const DEFAULT_STALE_AFTER_DAYS = 7;

export const staleAfterMs = (staleAfterDays: number = DEFAULT_STALE_AFTER_DAYS): number =>
  staleAfterDays * DAY_MS;

/** Whether a read at `readAt` is stale at `now` (never on a final order, never without a read). */
export function isStale(final: boolean, readAt: number | null, now: number, limitMs: number): boolean {
  return !final && readAt !== null && now - readAt > limitMs;
}

/** A window's confidence: stale beats everything, else what its source is. */
export function confidenceOf(stale: boolean, source: DeadlineWindow['source']): Confidence {
  return stale ? 'stale' : source.type === 'stated' ? 'stated' : 'estimated';
}

/** What `freshen` reads and rewrites of a summary (kept structural: summary.ts builds on this file). */
interface Freshenable {
  readonly view: { readonly final: boolean; readonly lastReadAt: number; readonly stale: boolean };
  readonly windows: readonly Pick<DeadlineWindow, 'seenAt' | 'source' | 'confidence'>[];
}

/**
 * The summary as of `now`: a window whose date depends on a read older than `staleAfterDays`, on
 * an order that can still change, is stale; a summary built while it was stale and since re-read
 * is not. Returns the same object when nothing changed (cheap for 10,000 orders).
 */
export function freshen<S extends Freshenable>(
  summary: S,
  now: number,
  staleAfterDays: number = DEFAULT_STALE_AFTER_DAYS,
): S {
  const limit = staleAfterMs(staleAfterDays);
  const { view } = summary;
  // An order never read (lastReadAt 0) is not stale: there is no date to doubt.
  const viewStale = isStale(view.final, view.lastReadAt > 0 ? view.lastReadAt : null, now, limit);
  let changed = viewStale !== view.stale;
  const windows = summary.windows.map((w) => {
    const confidence = confidenceOf(isStale(view.final, w.seenAt, now, limit), w.source);
    if (confidence === w.confidence) return w;
    changed = true;
    return { ...w, confidence };
  });
  return changed ? { ...summary, view: { ...view, stale: viewStale }, windows } : summary;
}
