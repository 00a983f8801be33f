/**
 * Staleness at display time. Zod-free and zone-free: the panel on AliExpress's pages runs it on
 * every summary it shows (summary.ts re-exports it).
 */
import { DAY_MS } from './durations';
import type { OrderSummary, SummaryWindow } from './summary';

/** A date read longer ago than this, on an order that can still change, is shown as stale. */
export const DEFAULT_STALE_AFTER_DAYS = 7;

/**
 * The summary as of `now`: a window whose date depends on a read older than `staleAfterDays`, on
 * an order that can still change, is stale; a summary built while it was stale and since re-read
 * is not. Returns the same object when nothing changed (cheap for 10,000 orders).
 */
export function freshen(
  summary: OrderSummary,
  now: number,
  staleAfterDays: number = DEFAULT_STALE_AFTER_DAYS,
): OrderSummary {
  const limit = staleAfterDays * DAY_MS;
  const { view } = summary;
  const viewStale = !view.final && view.lastReadAt > 0 && now - view.lastReadAt > limit;
  let changed = viewStale !== view.stale;
  const windows = summary.windows.map((w) => {
    const stale = !view.final && w.seenAt !== null && now - w.seenAt > limit;
    const confidence = stale ? 'stale' : w.source.type === 'stated' ? 'stated' : 'estimated';
    if (confidence === w.confidence) return w;
    changed = true;
    return { ...w, confidence } as SummaryWindow;
  });
  return changed ? { ...summary, view: { ...view, stale: viewStale }, windows } : summary;
}
