/**
 * Orders in storage.local, one key per order (`order:<id>`), so that a page read writes only the
 * orders it changed. Every record is parsed with its schema on the way in and on the way out.
 */
import { mergeSnapshot } from '../core/merge';
import { type OrderSnapshot, StoredOrder } from '../core/model';
import { describeIssues, z } from '../core/z';
import type { Platform } from '../platform/types';

export const ORDER_PREFIX = 'order:';

export interface LoadedOrders {
  orders: StoredOrder[];
  /** Records that failed their schema: kept in storage untouched, listed for the popup. */
  broken: { key: string; reason: string }[];
}

export async function loadOrders(platform: Platform): Promise<LoadedOrders> {
  const all = await platform.storage.get(null);
  const orders: StoredOrder[] = [];
  const broken: LoadedOrders['broken'] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(ORDER_PREFIX)) continue;
    const parsed = z.safeParse(StoredOrder, value);
    if (parsed.success) orders.push(parsed.data);
    else broken.push({ key, reason: describeIssues(parsed.error) });
  }
  return { orders, broken };
}

/** Merges each snapshot into its order and writes the orders that changed. */
export async function applySnapshots(platform: Platform, snapshots: OrderSnapshot[]): Promise<StoredOrder[]> {
  if (snapshots.length === 0) return [];
  const keys = [...new Set(snapshots.map((s) => ORDER_PREFIX + s.orderId))];
  const existing = await platform.storage.get(keys);
  const updated = new Map<string, StoredOrder>();
  for (const snapshot of snapshots) {
    const key = ORDER_PREFIX + snapshot.orderId;
    const previous = updated.get(key) ?? parseOrUndefined(existing[key]);
    updated.set(key, mergeSnapshot(previous, snapshot));
  }
  await platform.storage.set(Object.fromEntries(updated));
  return [...updated.values()];
}

function parseOrUndefined(value: unknown): StoredOrder | undefined {
  if (value === undefined) return undefined;
  const parsed = z.safeParse(StoredOrder, value);
  return parsed.success ? parsed.data : undefined;
}
