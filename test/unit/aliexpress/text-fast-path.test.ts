import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, key } from '../../../src/aliexpress/text';

// The full normalisation, as it was before the plain-ASCII fast path: the fast path must agree.
const fullClean = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/[\s\u00a0\u2007\u202f\u200b\ufeff]+/gu, ' ')
    .trim();
const fullKey = (text: string): string =>
  fullClean(text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s*:\s*$/u, '');

describe('text normalisation', () => {
  const texts = fc.oneof(
    fc.string({ unit: fc.constantFrom(' ', 'a', 'Z', ':', '1', '.', ',') }),
    fc.string({ unit: 'grapheme-ascii' }),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('Concluído ', '  Order date:  Jan 24, 2025 ', 'Pedido feito em:', '\tA\nB ', 'CONCLUÍDO'),
  );
  it('gives the same clean text and key on the fast path as the full normalisation', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(clean(text)).toBe(fullClean(text));
        expect(key(text)).toBe(fullKey(text));
      }),
      { numRuns: 3000 },
    );
  });
});
