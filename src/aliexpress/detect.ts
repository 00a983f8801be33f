/**
 * Which language a page is in. The texts themselves decide first (a status or label that only one
 * table knows); `ctx.lang` and the host's language subdomain break ties and decide when the texts
 * say nothing. Shared words ("Cancelado" is pt and es, "jun" is in five month tables) only count
 * toward every language that has them.
 */
import { keyed, LANGS, langByCode } from './lang';
import { key } from './text';

export interface LangEvidence {
  statusTexts?: readonly (string | undefined)[];
  labels?: readonly (string | undefined)[];
  dates?: readonly (string | undefined)[];
  ctxLang?: string | undefined;
  pageUrl?: string | undefined;
}

/** The language a host's subdomain serves (`pt.aliexpress.com` → pt, `aliexpress.us` → en). */
export function langFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url, 'https://www.aliexpress.com/').hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === 'aliexpress.us' || host.endsWith('.aliexpress.us')) return 'en';
  const sub = /^([a-z]{2})\.aliexpress\.com$/.exec(host)?.[1];
  return LANGS.find((lang) => sub && lang.code !== 'en' && lang.subdomains.includes(sub))?.code;
}

function monthWords(text: string): string[] {
  return [...key(text).matchAll(/\p{L}{3,}/gu)].map((m) => m[0]);
}

export function detectLang(evidence: LangEvidence): string | undefined {
  const scores = new Map<string, number>();
  const bump = (code: string, by: number): void => {
    scores.set(code, (scores.get(code) ?? 0) + by);
  };
  // Normalise each text once, not once per language: a 50-order list brings ~150 texts.
  const keysOf = (texts: readonly (string | undefined)[] | undefined): string[] =>
    (texts ?? []).flatMap((text) => (text ? [key(text)] : []));
  const statuses = keysOf(evidence.statusTexts);
  const labels = keysOf(evidence.labels);
  const words = (evidence.dates ?? []).flatMap((text) => (text ? monthWords(text.slice(0, 100)) : []));
  for (const table of LANGS) {
    const tables = keyed(table);
    for (const k of statuses) if (tables.statuses.has(k)) bump(table.code, 3);
    for (const k of labels) if (tables.labels.has(k)) bump(table.code, 2);
    for (const word of words) if (tables.months.has(word)) bump(table.code, 1);
  }
  const hinted = langByCode(evidence.ctxLang)?.code ?? langFromUrl(evidence.pageUrl);
  if (scores.size === 0) return hinted;
  const best = Math.max(...scores.values());
  const leaders = [...scores].filter(([, score]) => score === best).map(([code]) => code);
  if (hinted && leaders.includes(hinted)) return hinted;
  // A tie between languages with no hint to break it: the first in table order (en first).
  return leaders[0];
}
