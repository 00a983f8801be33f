/**
 * What the overlay reads of storage itself: one small preference of our own, and the change events
 * that say an order's summary was rewritten (the summaries themselves come from the worker:
 * ../summaries.ts). The one write is the collapsed preference, a UI choice no rule depends on.
 */

import { KEYS } from '../../store/keys';

/** Whether the buyer collapsed the order panel (boolean; `ITEMS.overlayCollapsed` in src/store/items.ts). */
export const OVERLAY_COLLAPSED_KEY = KEYS.overlayCollapsed;

export type { StorageChanges } from '../../platform/native';

import type { StorageChanges } from '../../platform/native';

/** The slice of `browser.storage` the faces on the page use; tests pass an in-memory one. */
export interface PageStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  /** Calls `listener` with every change to storage.local; returns the unsubscribe. */
  subscribe(listener: (changes: StorageChanges) => void): () => void;
}

export async function loadCollapsed(storage: PageStorage): Promise<boolean | undefined> {
  const value = (await storage.get([OVERLAY_COLLAPSED_KEY]))[OVERLAY_COLLAPSED_KEY];
  return typeof value === 'boolean' ? value : undefined;
}
