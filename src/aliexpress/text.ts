/**
 * Text normalisation shared by the language tables, the date parser and the readers.
 * Page texts carry stray spaces (pt "Concluído " is served with a trailing space), no-break
 * spaces and mixed case; tables are written the way people read them and compared through `key`.
 */

/** Printable ASCII only: nothing for Unicode normalisation to change (most page strings). */
const ASCII = /^[\x20-\x7e]*$/;

/** Trim, fold every kind of whitespace to one space, NFC. For texts we keep and show. */
export function clean(text: string): string {
  if (ASCII.test(text)) return text.replace(/ {2,}/g, ' ').trim();
  return text
    .normalize('NFC')
    .replace(/[\s\u00a0\u2007\u202f\u200b\ufeff]+/gu, ' ')
    .trim();
}

/**
 * A comparison key: cleaned, lower case, accents removed (so "Concluído", "concluido " and
 * "CONCLUÍDO" meet), trailing colons dropped ("Pedido feito em:" is a label with its colon).
 */
export function key(text: string): string {
  if (ASCII.test(text))
    return text
      .replace(/ {2,}/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/\s*:\s*$/u, '');
  return clean(text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s*:\s*$/u, '');
}

/** Cap a kept string to a schema limit after cleaning; empty becomes undefined. */
export function cap(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = clean(text);
  if (!cleaned) return undefined;
  return cleaned.length > max ? cleaned.slice(0, max) : cleaned;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Split a service or reminder text into clauses. The pages join clauses with " · " and run
 * sentences together without a space ("Order complete.If there are any problems"), so a period
 * is a boundary only when a capital letter follows (dates like "Sep. 4" and "juil. 2026" keep theirs).
 */
export function clauses(text: string): string[] {
  return clean(text)
    .split(/[·•|\n;]+|(?<=\p{Ll}|\))[.!?](?=\s*\p{Lu})/u)
    .map((part) => part.trim())
    .filter(Boolean);
}
