/**
 * What a page read writes: its orders merged into IndexedDB, their summaries, the page kind's
 * health and the forecast history. A page read never touches the buyer's own data (checklists,
 * notes, handled marks, snoozes, prefs). The worker runs every write one at a time
 * (src/store/queue.ts), so a read-modify-write never interleaves with another.
 */

import type { ParserHealth } from '../aliexpress/health';
import { learn } from '../core/forecast';
import { mergeSnapshot } from '../core/merge';
import type { OrderSnapshot, StoredOrder } from '../core/model';
import type { StoredSummary } from '../core/summary';
import type { Platform, StorageArea } from '../platform/types';
import {
  type Health,
  ITEMS,
  type PageKind,
  parseItem,
  type StageHistory,
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
): Promise<{ orders: StoredOrder[]; put: StoredSummary[]; remove: string[] }> {
  if (snapshots.length === 0) return { orders: [], put: [], remove: [] };
  const ids = [...new Set(snapshots.map((s) => s.orderId))];
  const [existing, stored] = await Promise.all([readOrders(platform, ids), storedSummaries(platform, ids)]);
  await setAsideOrders(platform, existing.broken, platform.now());
  const updated = new Map<string, StoredOrder>();
  for (const snapshot of snapshots) {
    const previous = updated.get(snapshot.orderId) ?? existing.orders.get(snapshot.orderId);
    updated.set(snapshot.orderId, mergeSnapshot(previous, snapshot));
  }
  const changed = [...updated.values()].filter((order) => {
    const before = existing.orders.get(order.orderId);
    return !before || JSON.stringify(before) !== JSON.stringify(order);
  });
  await platform.orders.put(changed);
  const { put, remove } = summaryChanges(updated.values(), summaryContext(platform), stored);
  return { orders: [...updated.values()], put, remove };
}

/** The health item with this page kind's last read (or wall) recorded. */
export function withHealth(
  current: unknown,
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth; unreadable?: UnreadableReason },
): Health {
  const health = parseItem(ITEMS.health, current);
  const previous = health[kind];
  const url = entry.url.slice(0, 2_000);
  // A wall keeps the last good read's health (it says nothing about the parser); a read clears the wall.
  const next = entry.unreadable
    ? {
        ...(previous?.health ? { health: previous.health } : {}),
        at: entry.at,
        url,
        unreadable: entry.unreadable,
      }
    : { ...(entry.health ? { health: entry.health } : {}), at: entry.at, url };
  return { ...health, [kind]: next };
}

/**
 * A page read: its orders merged into IndexedDB, then their summaries, then the page kind's health
 * and the `changes` signal in ONE storage.local write, so views hear of it once.
 */
export async function recordRead(
  platform: Platform,
  snapshots: readonly OrderSnapshot[],
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth },
): Promise<StoredOrder[]> {
  const stored = await platform.storage.get([ITEMS.health.key, ITEMS.forecastHistory.key]);
  const { orders, put, remove } = await applySnapshots(platform, snapshots);
  const extra: Record<string, unknown> = {
    [ITEMS.health.key]: withHealth(stored[ITEMS.health.key], kind, entry),
  };
  const history = learnDelivered(stored[ITEMS.forecastHistory.key], orders);
  if (history !== undefined) extra[ITEMS.forecastHistory.key] = history;
  await writeSummaries(platform, put, remove, extra);
  return orders;
}

/**
 * The forecast history with every delivered parcel among `orders` learnt (src/core/forecast.ts
 * `learn`: once per order, outliers kept out), or undefined when nothing new was learnt.
 */
export function learnDelivered(current: unknown, orders: readonly StoredOrder[]): StageHistory | undefined {
  const before = parseItem(ITEMS.forecastHistory, current);
  let history: StageHistory = before;
  for (const order of orders) {
    const tracking = order.reads.tracking?.tracking;
    if (tracking?.delivered !== true) continue;
    history = learn(history, order.orderId, tracking) as StageHistory;
  }
  return history === before ? undefined : history;
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
