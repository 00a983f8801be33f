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

/** Languages whose status tables contain this text (several: "Cancelado" is pt and es). */
export function langsOfStatusText(text: string): LangTable[] {
  const wanted = key(text);
  return LANGS.filter((lang) => Object.keys(lang.statuses).some((status) => key(status) === wanted));
}

/** Languages whose label tables contain this label. */
export function langsOfLabel(text: string): LangTable[] {
  const wanted = key(text);
  return LANGS.filter((lang) =>
    Object.values(lang.labels).some((labels) => labels.some((label) => key(label) === wanted)),
  );
}
