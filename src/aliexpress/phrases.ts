/**
 * The protection windows a page states in words: "Refund if no delivery before <date>",
 * "within N days of confirming receipt", etc. Templates from every language table are tried (the
 * page language first: a Brazilian order can show English texts with BRL prices, as the real
 * detail capture does); when none matches, a clue fallback reads "N <day word>" and dates near
 * clue words, so an unseen wording still gives its number.
 */
import type { StatedWindows } from '../core/model';
import { type DateContext, parseDate } from './dates';
import { LANGS, type LangTable, langsInOrder } from './lang';
import { cap, clauses, escapeRegExp, key } from './text';

type PhraseKind = keyof LangTable['phrases'];
type DayKind = 'returnDaysAfterReceipt' | 'disputeDaysAfterOrder' | 'freeReturnDaysAfterDelivery';

/** Placeholders → capture groups. A date capture stops at a clause separator; parseDate finds the date inside. */
const PLACEHOLDERS: Record<string, string> = {
  '{date}': '([^·•|;\\n]{1,80})',
  '{n}': '(\\d{1,3})',
  '{coupon}': '(\\S.{0,38}?)',
};

interface Compiled {
  regex: RegExp;
  slots: string[];
}

const compiled = new Map<string, Compiled>();

function compile(template: string): Compiled {
  const cached = compiled.get(template);
  if (cached) return cached;
  const slots: string[] = [];
  const source = template
    .split(/(\{date\}|\{n\}|\{coupon\})/)
    .map((part) => {
      const placeholder = PLACEHOLDERS[part];
      if (placeholder) {
        slots.push(part);
        return placeholder;
      }
      // Spacing and colons vary ("Estimated delivery date: Aug 3" vs "…date Aug 3").
      return escapeRegExp(part).replace(/\s+/g, '\\s*').replace(/:/g, ':?');
    })
    .join('');
  const result = { regex: new RegExp(source, 'iu'), slots };
  compiled.set(template, result);
  return result;
}

interface TemplateHit {
  date?: string;
  n?: number;
  coupon?: string;
}

function matchTemplate(text: string, template: string): TemplateHit | undefined {
  const { regex, slots } = compile(template);
  const match = regex.exec(text);
  if (!match) return undefined;
  const hit: TemplateHit = {};
  slots.forEach((slot, i) => {
    const value = match[i + 1];
    if (value === undefined) return;
    if (slot === '{date}') hit.date = value;
    if (slot === '{n}') hit.n = Number(value);
    if (slot === '{coupon}') hit.coupon = value.trim();
  });
  return hit;
}

const validDays = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isInteger(n) && n > 0 && n <= 365 ? n : undefined;

const DAY_WORDS = [...new Set(LANGS.flatMap((lang) => lang.dayWords.map((word) => key(word))))].sort(
  (a, b) => b.length - a.length,
);
const DAY_NUMBER = new RegExp(`(\\d{1,3})\\s*(?:${DAY_WORDS.map(escapeRegExp).join('|')})(?!\\p{L})`, 'u');

function hasClue(keyed: string, tables: readonly LangTable[], clue: keyof LangTable['clues']): boolean {
  return tables.some((table) => table.clues[clue].some((word) => keyed.includes(key(word))));
}

/**
 * Read every window a text states. Later calls fill only what earlier ones left empty
 * (`into` is updated in place and returned), so callers can feed several texts of one page.
 */
export function readWindows(text: unknown, ctx: DateContext, into: StatedWindows = {}): StatedWindows {
  if (typeof text !== 'string' || !text.trim()) return into;
  // Reminders and service texts are a few hundred characters; more is not a phrase we read.
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const tables = langsInOrder(ctx.lang);
  for (const clause of clauses(sample)) {
    readClause(clause, tables, ctx, into);
  }
  return into;
}

function readClause(
  clause: string,
  tables: readonly LangTable[],
  ctx: DateContext,
  into: StatedWindows,
): void {
  const kinds: PhraseKind[] = [
    'protectionEnd',
    'couponDelayedBy',
    'returnDaysAfterReceipt',
    'disputeDaysAfterOrder',
    'freeReturnDaysAfterDelivery',
    'estimatedDelivery',
  ];
  let matchedAny = false;
  for (const kind of kinds) {
    for (const table of tables) {
      let hit: TemplateHit | undefined;
      for (const template of table.phrases[kind]) {
        hit = matchTemplate(clause, template);
        if (hit) break;
      }
      if (!hit) continue;
      matchedAny = true;
      apply(kind, hit, ctx, into);
      break;
    }
  }
  if (!matchedAny) readByClues(clause, tables, ctx, into);
}

function apply(kind: PhraseKind, hit: TemplateHit, ctx: DateContext, into: StatedWindows): void {
  switch (kind) {
    case 'protectionEnd':
    case 'estimatedDelivery': {
      const date = parseDate(hit.date, ctx);
      if (date && !into[kind]) into[kind] = date;
      return;
    }
    case 'couponDelayedBy': {
      const date = parseDate(hit.date, ctx);
      if (date && !into.couponDelayedBy) into.couponDelayedBy = date;
      const coupon = cap(hit.coupon, 300);
      if (coupon && !into.couponText) into.couponText = coupon;
      return;
    }
    default: {
      const days = validDays(hit.n);
      if (days && !into[kind]) into[kind] = days;
    }
  }
}

function readByClues(
  clause: string,
  tables: readonly LangTable[],
  ctx: DateContext,
  into: StatedWindows,
): void {
  const keyed = key(clause);
  const date = parseDate(clause, ctx);
  if (date) {
    if (hasClue(keyed, tables, 'protection')) {
      into.protectionEnd ??= date;
      return;
    }
    if (hasClue(keyed, tables, 'coupon')) {
      into.couponDelayedBy ??= date;
      return;
    }
    if (hasClue(keyed, tables, 'estimated')) {
      into.estimatedDelivery ??= date;
      return;
    }
  }
  const days = validDays(Number(DAY_NUMBER.exec(keyed)?.[1]));
  if (!days || hasClue(keyed, tables, 'estimated')) return;
  let kind: DayKind | undefined;
  // Receipt before placed: "…after confirming receipt of the order" mentions the order too.
  if (hasClue(keyed, tables, 'receipt')) kind = 'returnDaysAfterReceipt';
  else if (hasClue(keyed, tables, 'placed')) kind = 'disputeDaysAfterOrder';
  else if (hasClue(keyed, tables, 'delivery')) kind = 'freeReturnDaysAfterDelivery';
  if (kind) into[kind] ??= days;
}
