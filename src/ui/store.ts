/**
 * The views' window on the store: parse everything once with the store's own schemas
 * (src/store/state.ts), then again on every `storage.onChanged` of the local area. Views never
 * write storage; they send commands (src/messages-client.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { loadState, type StoreState } from '../store/state';

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
      pending = loadState(browser.storage.local).then((s) => {
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

/** The buyer's IANA zone, as the browser reports it. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
