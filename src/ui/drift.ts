/**
 * Drift in plain words: what a partly read page costs the buyer, one sentence per effect, for the
 * popup's health note and the panel on AliExpress's pages (no zod here: the page bundle uses it).
 */
import type { Drift, DriftEffect } from '../aliexpress/drift';
import type { Translate } from '../core/i18n';

export type DriftPage = 'list' | 'detail' | 'tracking' | 'refunds';

/** Effects in the order the buyer should hear them: what changes deadlines first. */
const ORDER: readonly DriftEffect[] = [
  'orders',
  'dates',
  'deadlines',
  'status',
  'tracking',
  'cases',
  'items',
  'none',
];

/** One sentence per effect, e.g. "the order page's dates could not be read; deadlines for this order are estimated". */
export function driftSentences(t: Translate, page: DriftPage, effects: readonly DriftEffect[]): string[] {
  const pageName = t(`page_${page}`);
  return ORDER.filter((effect) => effects.includes(effect)).map((effect) =>
    effect === 'dates' && page === 'detail' ? t('drift_dates_order') : t(`drift_${effect}`, [pageName]),
  );
}

/** One line per drift, naming exactly what is missing or new (tags and field names as the page has them). */
export function driftDetail(t: Translate, drift: Drift): string {
  const kind = drift.kind.replaceAll('-', '_');
  if (drift.kind === 'wrong-type')
    return t(`drift_${kind}`, [drift.where, drift.text ?? '?', drift.expected ?? '?']);
  if (drift.kind === 'unknown-status' || drift.kind === 'unknown-date')
    return t(`drift_${kind}`, [drift.text ?? '', drift.where]);
  return t(`drift_${kind}`, [drift.where]);
}
