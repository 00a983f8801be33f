/**
 * The views' window on the store: parse everything once with the store's own schemas
 * (src/store/state.ts), then again on every `storage.onChanged` of the local area. Views read
 * order summaries (`sum:<id>`), never full orders (those live where only the worker reads them).
 * Views never write storage; they send commands (src/messages-client.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ITEMS } from '../store/items';
import { loadState, loadSummaries, type ReadableStorage, type StoreState } from '../store/state';

/**
 * Summaries are read in this many `get`s at once. Chrome serves them in parallel: 2,000 realistic
 * summaries (2.9 MB) come in about 110 ms this way against 165 ms in one `get(null)` (measured on
 * the bench machine); the reading costs in proportion to the bytes, not the keys.
 */
const READ_PARTS = 8;

/** A storage area that can list its keys (Chrome 130+, Firefox 143+). */
type ListableStorage = ReadableStorage & { getKeys?: () => Promise<string[]> };

/**
 * What the popup and the options page show, as `loadState` parses it, with the summaries read in
 * parallel parts and each parsed as it arrives. Full orders (`order:` keys of a store not yet
 * migrated) are not read at all. Where the area cannot list its keys, one `loadState`.
 */
export async function loadFaceState(area: ListableStorage): Promise<StoreState> {
  if (typeof area.getKeys !== 'function') return loadState(area);
  const keys = await area.getKeys();
  const ids: string[] = [];
  const other: string[] = [];
  for (const key of keys) {
    if (key.startsWith(ITEMS.summaries.prefix)) ids.push(key.slice(ITEMS.summaries.prefix.length));
    else if (!key.startsWith(ITEMS.orders.prefix)) other.push(key);
  }
  const size = Math.max(1, Math.ceil(ids.length / READ_PARTS));
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += size) parts.push(ids.slice(i, i + size));
  const [state, ...found] = await Promise.all([
    // Everything but summaries and orders: prefs, ledger, checklists, notes, health, quarantine.
    loadState({ get: () => area.get(other) }),
    ...parts.map((part) => loadSummaries(area, part)),
  ]);
  // A summary failing its schema is left out here; the worker sets it aside on its next run.
  state.summaries = found
    .flat()
    .sort((a, b) => b.view.lastReadAt - a.view.lastReadAt || (a.orderId < b.orderId ? -1 : 1));
  return state;
}

export function useStoreState(): StoreState | null {
  const [state, setState] = useState<StoreState | null>(null);
  useEffect(() => {
    let live = true;
    // Changes that arrive while a load runs are picked up by the load that follows them.
    let pending: Promise<void> | null = null;
    let again = false;
    const load = (): void => {
      if (pending) {
        again = true;
        return;
      }
      pending = loadFaceState(browser.storage.local).then((s) => {
        performance.mark('pc-state-loaded');
        if (live) setState(s);
        pending = null;
        if (again) {
          again = false;
          load();
        }
      });
    };
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'local') load();
    };
    load();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return state;
}
