/**
 * Every drift is said in plain words in all six UI languages: each effect on each page kind, and
 * each kind of change, resolves to a written sentence with its blanks filled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Drift, DriftEffect, DriftKind } from '../../../src/aliexpress/drift';
import { translatorFrom } from '../../../src/core/i18n';
import { type DriftPage, driftDetail, driftSentences } from '../../../src/ui/drift';

const LANGS = ['en', 'es', 'pt_BR', 'fr', 'de', 'pl'];
const PAGES: DriftPage[] = ['list', 'detail', 'tracking', 'refunds'];

function translator(lang: string) {
  const file = join(import.meta.dirname, '..', '..', '..', 'public', '_locales', lang, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  return translatorFrom(Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, v.message])));
}

describe.each(LANGS)('drift in plain words (%s)', (lang) => {
  const t = translator(lang);

  it('one sentence per effect, on every page kind, none of them a bare key or with a blank left', () => {
    for (const page of PAGES) {
      const lines = driftSentences(t, page, DriftEffect.options);
      expect(lines).toHaveLength(DriftEffect.options.length);
      for (const line of lines) {
        expect(line).not.toMatch(/^drift_|\$\d/);
        expect(line.length).toBeGreaterThan(15);
      }
    }
  });

  it('names exactly what changed, for each kind of change', () => {
    for (const kind of DriftKind.options) {
      const drift: Drift = {
        kind,
        where: 'detail_simple_order_info_component',
        effect: 'dates',
        text: 'Xyz',
        expected: 'string',
      };
      const line = driftDetail(t, drift);
      expect(line).not.toMatch(/^drift_|\$\d/);
      expect(line).toContain(
        kind === 'unknown-status' || kind === 'unknown-date' ? 'Xyz' : 'detail_simple_order_info_component',
      );
    }
  });
});

it('the order page says what the issue asks for, in English', () => {
  const t = translator('en');
  expect(driftSentences(t, 'detail', ['dates'])).toEqual([
    "the order page's dates could not be read; deadlines for this order are estimated",
  ]);
});
