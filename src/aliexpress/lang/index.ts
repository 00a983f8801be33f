import type { OrderStatus } from '../../core/model';
import { key } from '../text';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';
import { pl } from './pl';
import { pt } from './pt';
import type { LangTable } from './types';

export type { LangTable } from './types';

/** Every language we read. Adding one = one file in this folder + one entry here. */
export const LANGS: readonly LangTable[] = [en, pt, es, fr, de, pl, it, nl];

export function langByCode(code: string | undefined): LangTable | undefined {
  if (!code) return undefined;
  // 'pt-BR', 'pt_BR', 'PT' all mean pt.
  const base = code.trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.find((lang) => lang.code === base);
}

/** The language tables with the preferred one first (the rest follow, for mixed-language pages). */
export function langsInOrder(preferred: string | undefined): LangTable[] {
  const first = langByCode(preferred);
  return first ? [first, ...LANGS.filter((lang) => lang !== first)] : [...LANGS];
}

export type LabelKind = keyof LangTable['labels'];

/** A table's texts by comparison key, computed once: readers look words up thousands of times per list. */
export interface KeyedTable {
  statuses: ReadonlyMap<string, OrderStatus>;
  /** Month key (no trailing dot) → 1..12. */
  months: ReadonlyMap<string, number>;
  labels: ReadonlyMap<string, LabelKind>;
}

export const monthKey = (word: string): string => key(word).replace(/\.$/, '');

const keyedTables = new Map<LangTable, KeyedTable>();

export function keyed(table: LangTable): KeyedTable {
  const cached = keyedTables.get(table);
  if (cached) return cached;
  const statuses = new Map<string, OrderStatus>();
  for (const [text, status] of Object.entries(table.statuses)) statuses.set(key(text), status);
  const months = new Map<string, number>();
  table.months.forEach((names, index) => {
    for (const name of names) months.set(monthKey(name), index + 1);
  });
  const labels = new Map<string, LabelKind>();
  for (const [kind, texts] of Object.entries(table.labels) as Array<[LabelKind, string[]]>) {
    for (const text of texts) if (!labels.has(key(text))) labels.set(key(text), kind);
  }
  const result = { statuses, months, labels };
  keyedTables.set(table, result);
  return result;
}
