/**
 * The few extension APIs the content script uses, straight from the browser's namespace:
 * `browser` (Firefox, promise-based) or `chrome` (Chromium MV3, promise-based without a callback).
 * webextension-polyfill is not needed for these and would add about 3 KB gzip to every AliExpress
 * page (the content script's budget, issue #6, is 30 KB gzip).
 */
import type { StorageChanges } from './overlay/storage';

type ChangeListener = (changes: StorageChanges, area: string) => void;

export interface ContentExt {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    connect(info: { name: string }): {
      postMessage(message: unknown): void;
      onMessage: { addListener(l: (m: unknown) => void): void };
      onDisconnect: { addListener(l: () => void): void };
    };
  };
  storage: {
    local: {
      get(keys: string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    onChanged: {
      addListener(listener: ChangeListener): void;
      removeListener(listener: ChangeListener): void;
    };
  };
}

const g = globalThis as unknown as { browser?: ContentExt; chrome?: ContentExt };
export const ext: ContentExt = (g.browser ?? g.chrome) as ContentExt;
