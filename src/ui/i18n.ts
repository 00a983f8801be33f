/**
 * The one `t()` the faces use: popup, options and the on-page overlay.
 *
 * It calls `i18n.getMessage` straight on the extension namespace (src/platform/native.ts) rather
 * than through webextension-polyfill: getMessage is synchronous everywhere, and the content script
 * with the overlay must stay small. It matches core's `Translate`, so core texts
 * (evidence checklists, message templates) are translated by passing `t` in.
 *
 * A key missing from messages.json comes back as the key itself, never as an empty string, so a
 * forgotten key is visible on screen (and `test/unit/ui/locales.test.ts` fails on it first).
 */
import type { Translate } from '../core/i18n';
import { nativeI18n as extensionI18n } from '../platform/native';

let override: Translate | null = null;

/** Tests (and benches outside the extension) install a translator over a plain table. */
export function setTranslator(translate: Translate | null): void {
  override = translate;
}

export const t: Translate = (key, substitutions) => {
  if (override) return override(key, substitutions);
  const getMessage = extensionI18n()?.getMessage;
  if (!getMessage) return key;
  const text = substitutions?.length ? getMessage(key, [...substitutions]) : getMessage(key);
  return text || key;
};

let language: string | undefined;

/**
 * The UI language as a BCP 47 tag (e.g. `pt-BR`), for `Intl` date and number formats. Asked of
 * the browser once per page (it does not change while a page lives): the popup asks once per row.
 */
export function uiLanguage(): string {
  if (language !== undefined) return language;
  const getUILanguage = extensionI18n()?.getUILanguage;
  const fallback = typeof navigator !== 'undefined' ? navigator.language : 'en';
  if (!getUILanguage) return fallback; // outside an extension (tests): nothing to keep
  // A browser may answer '' (headless Chromium does): the page's language then, kept as well.
  language = getUILanguage().replace('_', '-') || fallback;
  return language;
}
