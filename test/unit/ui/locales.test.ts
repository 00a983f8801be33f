/**
 * Every language is complete: exactly the keys of `en`, with the same substitutions; every key the
 * code asks for exists; every core code has a label; core's English tables are the English file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPUTE_REASONS, EVIDENCE, EVIDENCE_TEXT_EN } from '../../../src/core/evidence';
import { STAGE_PATH } from '../../../src/core/forecast';
import { FORECAST_TEXT_EN, stageKey, verdictKey } from '../../../src/core/forecast-text';
import { GROUPS, NEXT_STEPS, STAGES } from '../../../src/core/journey';
import { WINDOW_KINDS } from '../../../src/core/ladder';
import { OrderStatus, SourceKind } from '../../../src/core/model';
import { TEMPLATE_TEXT_EN } from '../../../src/core/templates';
import {
  actionKey,
  confidenceKey,
  journeyStageKey,
  kindKey,
  pageKey,
  reasonKey,
  stateKey,
  statusKey,
  stepKey,
  urgencyKey,
  windowNoteKey,
} from '../../../src/ui/labels';

const root = join(import.meta.dirname, '..', '..', '..');
const localesDir = join(root, 'public', '_locales');
const REQUIRED = ['en', 'es', 'pt_BR', 'fr', 'de', 'pl'];

type Messages = Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, unknown> }
>;
const load = (lang: string): Messages =>
  JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8')) as Messages;
const locales = readdirSync(localesDir).filter((d) => statSync(join(localesDir, d)).isDirectory());
const en = load('en');

/** `$1`…`$9` (direct substitutions) and `$name$` placeholders, sorted; `$$` is a literal dollar. */
function substitutions(message: string): string[] {
  const found = message.replaceAll('$$', '').match(/\$[1-9]|\$[A-Za-z0-9_@]+\$/g) ?? [];
  return [...new Set(found)].sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('locales', () => {
  it('has every required language', () => {
    for (const lang of REQUIRED) expect(locales).toContain(lang);
  });

  it('uses only message names Chrome accepts', () => {
    for (const lang of locales) {
      for (const name of Object.keys(load(lang)))
        expect(name, `${lang}: ${name}`).toMatch(/^[A-Za-z0-9_@]+$/);
    }
  });

  it.each(locales.filter((l) => l !== 'en'))(
    '%s has exactly the keys of en, with the same substitutions',
    (lang) => {
      const messages = load(lang);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [name, entry] of Object.entries(en)) {
        const other = messages[name];
        expect(other?.message, `${lang}: ${name}`).toBeTypeOf('string');
        expect(other?.message.trim(), `${lang}: ${name} is empty`).not.toBe('');
        expect(substitutions(other?.message ?? ''), `${lang}: ${name}`).toEqual(substitutions(entry.message));
        expect(Object.keys(other?.placeholders ?? {}).sort(), `${lang}: ${name}`).toEqual(
          Object.keys(entry.placeholders ?? {}).sort(),
        );
      }
    },
  );

  it('has every key the sources ask for with t(...) or getMessage(...)', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*'([A-Za-z0-9_@]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !(k in en));
    expect(missing).toEqual([]);
  });

  it('has a label for every core code', () => {
    const keys = [
      ...WINDOW_KINDS.map(kindKey),
      ...(
        [
          'confirm-or-dispute',
          'ask-extension',
          'open-dispute',
          'claim-coupon',
          'request-return',
          'check-seller-answer',
          'escalate',
          'await-platform',
          'change-reason',
          'ship-return',
        ] as const
      ).map(actionKey),
      ...OrderStatus.options.map(statusKey),
      statusKey(undefined),
      ...(['stated', 'estimated', 'stale'] as const).map(confidenceKey),
      ...(['overdue', 'urgent', 'soon', 'later'] as const).map(urgencyKey),
      ...(['upcoming', 'open', 'closed'] as const).map(stateKey),
      ...(
        [
          'sources-disagree',
          'counted-from-order-date',
          'economy-line-may-be-longer',
          'counted-from-delivery',
        ] as const
      ).map(windowNoteKey),
      ...SourceKind.options.map(pageKey),
      ...STAGES.map(journeyStageKey),
      ...NEXT_STEPS.map(stepKey),
      ...GROUPS.map((g) => `popup_group_${g.replaceAll('-', '_')}`),
      ...DISPUTE_REASONS.map(reasonKey),
      ...DISPUTE_REASONS.map((r) => `evidence_title_${r.replaceAll('-', '_')}`),
      ...DISPUTE_REASONS.map((r) => `template_dispute_reason_${r.replaceAll('-', '_')}`),
      ...Object.values(EVIDENCE).flatMap((items) => items.flatMap((i) => [i.text, i.why])),
      ...[...STAGE_PATH, 'unknown' as const].map(stageKey),
      ...(['no-tracking', 'delivered', 'on-track', 'late', 'at-risk'] as const).map(verdictKey),
    ];
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });

  it("holds core's English evidence and template texts word for word", () => {
    for (const [name, text] of Object.entries({
      ...EVIDENCE_TEXT_EN,
      ...TEMPLATE_TEXT_EN,
      ...FORECAST_TEXT_EN,
    })) {
      expect(en[name]?.message, name).toBe(text);
    }
  });
});
