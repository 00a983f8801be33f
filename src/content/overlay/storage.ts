/**
 * What the overlay reads of storage itself: one small preference of our own, the buyer's usual
 * delivery stage times (for the forecast every face shows alike), and the change events
 * that say an order's summary was rewritten (the summaries themselves come from the worker:
 * ../summaries.ts). The one write is the collapsed preference, a UI choice no rule depends on.
 */

import { historyFrom, type UsualTable, usualTable } from '../../core/forecast';
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

/** The buyer's stage times for the delivery forecast (`ITEMS.forecastHistory`, written by the worker). */
export const FORECAST_HISTORY_KEY = KEYS.forecastHistory;

export async function loadUsual(storage: PageStorage): Promise<UsualTable> {
  return usualTable(historyFrom((await storage.get([FORECAST_HISTORY_KEY]))[FORECAST_HISTORY_KEY]));
}
