/**
 * The browser's own namespace, without webextension-polyfill: `browser` (Firefox, promise-based)
 * or `chrome` (Chromium MV3, promise-based without a callback). The content script on AliExpress's
 * pages uses it for the few APIs it needs (the polyfill would add about 3 KB gzip to every page;
 * the content script's budget is 30 KB gzip, README), and every face for `i18n.getMessage`, which
 * is synchronous everywhere. The popup's first screen reads storage through it too (the polyfill
 * is loaded only when a command is sent). Every other call goes through the polyfill (./browser.ts).
 */

export type StorageChanges = Record<string, { newValue?: unknown; oldValue?: unknown }>;

type ChangeListener = (changes: StorageChanges, area: string) => void;

export interface PageExt {
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
      get(keys: string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    onChanged: {
      addListener(listener: ChangeListener): void;
      removeListener(listener: ChangeListener): void;
    };
  };
}

const g = globalThis as unknown as { browser?: PageExt; chrome?: PageExt };
export const pageExt: PageExt = (g.browser ?? g.chrome) as PageExt;

type GetMessage = (name: string, substitutions?: string | string[]) => string;

interface I18nNamespace {
  i18n?: { getMessage?: GetMessage; getUILanguage?: () => string };
}

/** The namespace's i18n, looked up when asked (absent outside an extension: unit tests, benches). */
export function nativeI18n(): I18nNamespace['i18n'] | undefined {
  const ns = globalThis as unknown as { browser?: I18nNamespace; chrome?: I18nNamespace };
  return ns.browser?.i18n ?? ns.chrome?.i18n;
}
