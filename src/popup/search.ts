/**
 * Search over the popup's orders by item, store or order id (pure). Each order's text is folded
 * once per store change (lower case, accents dropped, spaces squeezed): a keystroke then costs one
 * `includes` per word per order, some 0.1 ms at 2,000 orders, far inside a frame.
 */
import type { OrderSummary } from '../core/summary';

/** Lower case, accents and other marks dropped, runs of space made one: "Écouteurs  USB" → "ecouteurs usb". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SearchEntry {
  readonly orderId: string;
  readonly text: string;
}

export function searchText(summary: Pick<OrderSummary, 'orderId' | 'view'>): string {
  const view = summary.view;
  const parts = [summary.orderId, view.storeName?.value ?? ''];
  for (const item of view.items?.value ?? []) parts.push(item.title);
  return fold(parts.join(' | '));
}

export function searchIndex(summaries: readonly Pick<OrderSummary, 'orderId' | 'view'>[]): SearchEntry[] {
  return summaries.map((s) => ({ orderId: s.orderId, text: searchText(s) }));
}

const wordsOf = (query: string): string[] => fold(query).split(' ').filter(Boolean);
/** The digits of a query of digits and spaces only ("8212 3139"), else ''. */
const digitsOf = (query: string): string => (/^[\d ]+$/.test(query.trim()) ? query.replace(/\D/g, '') : '');

/** A search's answer, kept so that the next keystroke, when it only narrows it, looks among these. */
export interface Search {
  readonly index: readonly SearchEntry[];
  readonly query: string;
  readonly found: readonly SearchEntry[];
}

/**
 * Whether every order `next` finds, `previous` found too: each word of `previous` is inside a word
 * of `next` (typing on; a lower-casing that depends on the word's end, as Greek's final sigma, is
 * not), and `next` matches ids only if `previous` did, on fewer digits.
 */
function narrows(previous: string, next: string): boolean {
  const digits = digitsOf(next);
  const before = digitsOf(previous);
  if (digits !== '' && (before === '' || !digits.includes(before))) return false;
  const words = wordsOf(next);
  return wordsOf(previous).every((w) => words.some((n) => n.includes(w)));
}

/**
 * The orders whose item, store or id contains every word of `query` (in any order), in the
 * index's order, or null for an empty query (no filter). Digits typed with spaces ("8212 3139")
 * match the id too. With the `previous` search of the same index, a query that narrows it looks
 * only among what it found (a keystroke typing on scans tens of orders, not 10,000).
 */
export function search(
  index: readonly SearchEntry[],
  query: string,
  previous?: Search | null,
): Search | null {
  const words = wordsOf(query);
  if (words.length === 0) return null;
  const digits = digitsOf(query);
  const among =
    previous && previous.index === index && narrows(previous.query, query) ? previous.found : index;
  const found: SearchEntry[] = [];
  for (const entry of among) {
    if (digits.length > 0 && entry.orderId.includes(digits)) {
      found.push(entry);
      continue;
    }
    let all = true;
    for (const word of words) {
      if (!entry.text.includes(word)) {
        all = false;
        break;
      }
    }
    if (all) found.push(entry);
  }
  return { index, query, found };
}
