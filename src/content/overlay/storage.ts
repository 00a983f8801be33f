/**
 * What the overlay and the chips read: orders straight from storage.local (`order:<id>`, parsed
 * with the model's schema, never trusted as is) and one small preference of our own. They never
 * write orders; the one write is the collapsed preference, a UI choice that no rule depends on.
 */
import { StoredOrder } from '../../core/model';
import { z } from '../../core/z';

export const ORDER_KEY_PREFIX = 'order:';
/** Whether the buyer collapsed the order panel (boolean). Declared for the store in src/store/items.ts. */
export const OVERLAY_COLLAPSED_KEY = 'ui:overlayCollapsed';

export type StorageChanges = Record<string, { newValue?: unknown; oldValue?: unknown }>;

/** The slice of `browser.storage` the faces on the page use; tests pass an in-memory one. */
export interface PageStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  /** Calls `listener` with every change to storage.local; returns the unsubscribe. */
  subscribe(listener: (changes: StorageChanges) => void): () => void;
}

export const orderKey = (orderId: string): string => ORDER_KEY_PREFIX + orderId;

export function parseOrder(value: unknown): StoredOrder | undefined {
  if (value === undefined) return undefined;
  const parsed = z.safeParse(StoredOrder, value);
  return parsed.success ? parsed.data : undefined;
}

export async function loadOrders(
  storage: PageStorage,
  ids: readonly string[],
): Promise<Map<string, StoredOrder>> {
  const found = new Map<string, StoredOrder>();
  if (ids.length === 0) return found;
  const all = await storage.get(ids.map(orderKey));
  for (const id of ids) {
    const order = parseOrder(all[orderKey(id)]);
    if (order) found.set(id, order);
  }
  return found;
}

export async function loadCollapsed(storage: PageStorage): Promise<boolean | undefined> {
  const value = (await storage.get([OVERLAY_COLLAPSED_KEY]))[OVERLAY_COLLAPSED_KEY];
  return typeof value === 'boolean' ? value : undefined;
}

/** Ids of the orders a change touched. */
export function changedOrderIds(changes: StorageChanges): string[] {
  return Object.keys(changes)
    .filter((key) => key.startsWith(ORDER_KEY_PREFIX))
    .map((key) => key.slice(ORDER_KEY_PREFIX.length));
}
