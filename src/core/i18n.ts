/**
 * Core texts are i18n keys, translated by a function the UI passes in (backed by
 * `browser.i18n.getMessage` in the extension). The English tables in evidence.ts and templates.ts
 * are the source for `public/_locales/en/messages.json`; their `$1`…`$9` are positional
 * substitutions, as `getMessage(key, substitutions)` takes them.
 */
export type Translate = (key: string, substitutions?: readonly string[]) => string;

/** A `Translate` over a plain table (tests, and the English fallback). Unknown keys come back as is. */
export function translatorFrom(table: Readonly<Record<string, string>>): Translate {
  return (key, substitutions = []) => {
    const text = table[key];
    if (text === undefined) return key;
    return text.replace(/\$([1-9])/g, (whole, n: string) => substitutions[Number(n) - 1] ?? whole);
  };
}

/**
 * Page texts (store names, item titles) go into messages the buyer pastes elsewhere: keep them
 * plain text. Angle brackets and control characters are dropped, runs of spaces folded, length capped.
 */
export function plainText(text: string, max = 200): string {
  let kept = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    kept += ch === '<' || ch === '>' || code < 0x20 || code === 0x7f ? ' ' : ch;
  }
  const clean = kept.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
