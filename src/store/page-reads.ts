/**
 * What a page read writes: its orders merged into IndexedDB, their summaries, the page kind's
 * health and the forecast history. A page read never touches the buyer's own data (checklists,
 * notes, handled marks, snoozes, prefs). The worker runs every write one at a time
 * (src/store/queue.ts), so a read-modify-write never interleaves with another.
 */

import type { ParserHealth } from '../aliexpress/health';
import { mergeSnapshot } from '../core/merge';
import type { OrderSnapshot, StoredOrder } from '../core/model';
import type { OrderSummary, StoredSummary } from '../core/summary';
import { DAY_MS } from '../core/time';
import type { Platform, StorageArea } from '../platform/types';
import { learnDelivered } from './forecast-history';
import {
  type Health,
  ITEMS,
  MAX_ORDERS,
  type PageKind,
  parseItem,
  type UnreadableReason,
  writeItem,
} from './items';
import { readOrders, storedSummaries, summaryChanges, summaryContext } from './orders';
import { setAsideOrders } from './quarantine';
import { writeSummaries } from './summaries';

/**
 * Merges each snapshot into its order (core/merge.ts: a read updates what it saw and keeps what it
 * did not), writes the orders that changed to IndexedDB, and returns the summary writes that bring
 * their summaries up to date, for the caller to write (`writeSummaries`, with its other changes in
 * one storage.local write, one `onChanged`). The current summaries of these orders are compared: a
 * summary missing after a worker died between the two writes is written again even when the order
 * did not change.
 * A page read never touches checklists, notes, handled marks or snoozes. An existing record that
 * fails its schema is set aside (quarantine) first; the read then starts a good record.
 */
export async function applySnapshots(
  platform: Platform,
  snapshots: readonly OrderSnapshot[],
  /** Called with the merged orders and their summaries as soon as they are built, before any write. */
  built?: (orders: StoredOrder[], summaries: OrderSummary[]) => Promise<void>,
): Promise<{
  orders: StoredOrder[];
  summaries: OrderSummary[];
  put: StoredSummary[];
  remove: string[];
  full?: StoreFull;
}> {
  if (snapshots.length === 0) return { orders: [], summaries: [], put: [], remove: [] };
  const ids = [...new Set(snapshots.map((s) => s.orderId))];
  const [existing, stored] = await Promise.all([readOrders(platform, ids), storedSummaries(platform, ids)]);
  // Counting 10,000 orders costs IndexedDB about 30 ms: asked once the reads are in (it would
  // hold them up), so that it runs while the merge and the ladders below are computed, and
  // waited for only if a new order came.
  const counting = platform.orders.count();
  counting.catch(() => undefined);
  await setAsideOrders(platform, existing.broken, platform.now());
  const updated = new Map<string, StoredOrder>();
  for (const snapshot of snapshots) {
    const previous = updated.get(snapshot.orderId) ?? existing.orders.get(snapshot.orderId);
    updated.set(snapshot.orderId, mergeSnapshot(previous, snapshot));
  }
  const changes = summaryChanges(updated.values(), summaryContext(platform), stored);
  await built?.([...updated.values()], changes.summaries);
  const room = await makeRoom(
    platform,
    ids.filter((id) => !existing.orders.has(id)),
    counting,
  );
  // New orders that did not fit are not kept: nor their summaries.
  const kept = (id: string) => !room.refused.has(id);
  for (const id of room.refused) updated.delete(id);
  const changed = [...updated.values()].filter((order) => {
    const before = existing.orders.get(order.orderId);
    return !before || JSON.stringify(before) !== JSON.stringify(order);
  });
  await platform.orders.put(changed);
  const put = changes.put.filter((s) => kept(s.orderId));
  const remove = changes.remove.filter(kept);
  const summaries = changes.summaries.filter((s) => kept(s.orderId));
  const full =
    room.evicted.length > 0 || room.refused.size > 0
      ? { evicted: room.evicted.length, refused: room.refused.size, at: platform.now() }
      : undefined;
  return {
    orders: [...updated.values()],
    summaries,
    put,
    remove: [...remove, ...room.evicted],
    ...(full ? { full } : {}),
  };
}

/** How long ago every window of an order must have closed for it to make room for new ones. */
export const EVICT_AFTER_MS = 90 * DAY_MS;

/**
 * The store keeps at most MAX_ORDERS orders (issue #12: forged pages made 75,000). New orders past
 * it make room first by removing the orders whose every window closed more than 90 days ago,
 * oldest close first; an order with a window still open, or closed less long ago, is never
 * removed. New orders that still do not fit are not kept. The caller tells the buyer (health).
 */
async function makeRoom(
  platform: Platform,
  newIds: readonly string[],
  count: Promise<number>,
): Promise<{ evicted: string[]; refused: Set<string> }> {
  const none = { evicted: [], refused: new Set<string>() };
  if (newIds.length === 0) return none;
  const over = (await count) + newIds.length - MAX_ORDERS;
  if (over <= 0) return none;
  const planning = await platform.summaries.readPlanning(platform.now() - EVICT_AFTER_MS, new Set());
  const evicted = planning.settled
    .filter((s) => s.head.lastAt !== null)
    .sort((a, b) => (a.head.lastAt ?? 0) - (b.head.lastAt ?? 0) || a.head.readAt - b.head.readAt)
    .slice(0, over)
    .map((s) => s.orderId);
  if (evicted.length > 0) await platform.orders.delete(evicted);
  return { evicted, refused: new Set(newIds.slice(newIds.length - (over - evicted.length))) };
}

/** What the store did when it was full: orders removed to make room, new orders not kept. */
export interface StoreFull {
  evicted: number;
  refused: number;
  at: number;
}

/** The health item with this page kind's last read (or wall) recorded. */
export function withHealth(
  current: unknown,
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth; unreadable?: UnreadableReason; full?: StoreFull },
): Health {
  const health = parseItem(ITEMS.health, current);
  const previous = health[kind];
  // The store being full is said for a month after it last was.
  const full =
    entry.full ?? (previous?.full && entry.at - previous.full.at < 30 * DAY_MS ? previous.full : undefined);
  const url = entry.url.slice(0, 2_000);
  // A wall keeps the last good read's health (it says nothing about the parser); a read clears the wall.
  const next = entry.unreadable
    ? {
        ...(previous?.health ? { health: previous.health } : {}),
        at: entry.at,
        url,
        unreadable: entry.unreadable,
        ...(full ? { full } : {}),
      }
    : { ...(entry.health ? { health: entry.health } : {}), at: entry.at, url, ...(full ? { full } : {}) };
  return { ...health, [kind]: next };
}

/**
 * Called once a read's orders are merged and their summaries built, before anything is written:
 * with those summaries, and the buyer's preferences, ledger and forecast history (as stored, with
 * what this read taught the forecast), so that the worker can show the read's own order at once.
 * The writes follow (a new order that a full store cannot keep is not written: the scheduler run
 * after the read then shows that).
 */
export type OnOrdersRead = (summaries: OrderSummary[], items: Record<string, unknown>) => Promise<void>;

/**
 * A page read: its orders merged into IndexedDB, then their summaries, then the page kind's health
 * and the `changes` signal in ONE storage.local write, so faces hear of it once. Returns the
 * summaries of the orders it read, as now stored.
 */
export async function recordRead(
  platform: Platform,
  snapshots: readonly OrderSnapshot[],
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth },
  onOrdersRead?: OnOrdersRead,
): Promise<OrderSummary[]> {
  const stored = await platform.storage.get([
    ITEMS.health.key,
    ITEMS.forecastHistory.key,
    ...(onOrdersRead ? [ITEMS.prefs.key, ITEMS.ledger.key] : []),
  ]);
  const learnt = (orders: Iterable<StoredOrder>) => learnDelivered(stored[ITEMS.forecastHistory.key], orders);
  const early =
    onOrdersRead &&
    ((orders: StoredOrder[], summaries: OrderSummary[]) => {
      const history = learnt(orders);
      return onOrdersRead(summaries, history ? { ...stored, [ITEMS.forecastHistory.key]: history } : stored);
    });
  const { orders, summaries, put, remove, full } = await applySnapshots(platform, snapshots, early);
  const extra: Record<string, unknown> = {
    [ITEMS.health.key]: withHealth(stored[ITEMS.health.key], kind, { ...entry, ...(full ? { full } : {}) }),
  };
  const history = learnt(orders);
  if (history !== undefined) extra[ITEMS.forecastHistory.key] = history;
  await writeSummaries(platform, put, remove, extra);
  return summaries;
}

/** The last read of each page kind, for the popup's "AliExpress changed its page" notice. */
export async function recordHealth(
  storage: StorageArea,
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth; unreadable?: UnreadableReason },
): Promise<void> {
  const all = await storage.get([ITEMS.health.key]);
  await writeItem(storage, ITEMS.health, withHealth(all[ITEMS.health.key], kind, entry));
}
