/**
 * The content-script half of the DOM fallback: it only collects texts by selector (textContent,
 * one attribute), and interprets nothing. Dates, languages, statuses and validation happen in the
 * worker (`readListText` / `readDetailText` in dom.ts), so that the page's main thread and the
 * content-script bundle carry none of that weight. No zod here on purpose: the worker parses what
 * this sends with `PageText` (dom-text.ts) before using it.
 */
import { LOGIN_HOSTS, SELECTORS } from './selectors';

export interface DomElement {
  readonly textContent: string | null;
  readonly childElementCount: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export interface DomDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  readonly documentElement?: { getAttribute(name: string): string | null } | null;
}

export interface ListCardText {
  status?: string | undefined;
  headerInfo: string[];
  store?: string | undefined;
  total?: string | undefined;
  itemTitles: string[];
  itemQuantities: string[];
  detailHref?: string | undefined;
}

export interface ListPageText {
  kind: 'list';
  lang?: string | undefined;
  /** How many elements each selector matched (parser health). */
  counts: Record<string, number>;
  cards: ListCardText[];
  hasMore: boolean;
}

export interface DetailPageText {
  kind: 'detail';
  lang?: string | undefined;
  counts: Record<string, number>;
  status?: string | undefined;
  infoRows: string[];
  /** Each price row's leaf texts, label first, value last. */
  priceRows: string[][];
  itemTitles: string[];
  /** Leaf elements' texts that hold a digit: one clause each, where stated windows are found. */
  leafTexts: string[];
}

export type PageText = ListPageText | DetailPageText;

/** Caps that keep a hostile or huge page from costing the buyer anything. */
export const EXTRACT_LIMITS = { cards: 500, rows: 50, items: 100, leaves: 5000, text: 1000 } as const;

function all(root: DomDocument | DomElement, selector: string): DomElement[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

export function text(element: DomElement | null | undefined): string | undefined {
  const content = element?.textContent?.replace(/\s+/g, ' ').trim();
  return content ? content.slice(0, EXTRACT_LIMITS.text) : undefined;
}

function counts(doc: DomDocument, selectors: Record<string, string>): Record<string, number> {
  return Object.fromEntries(Object.values(selectors).map((s) => [s, all(doc, s).length]));
}

const pageLang = (doc: DomDocument) => doc.documentElement?.getAttribute('lang') ?? undefined;

export function extractListDom(doc: DomDocument): ListPageText {
  const S = SELECTORS.list;
  return {
    kind: 'list',
    lang: pageLang(doc),
    counts: counts(doc, {
      card: S.card,
      status: S.status,
      headerInfo: S.headerInfo,
      store: S.store,
      total: S.total,
    }),
    cards: all(doc, S.card)
      .slice(0, EXTRACT_LIMITS.cards)
      .map((card) => ({
        status: text(card.querySelector(S.status)),
        headerInfo: all(card, S.headerInfo)
          .slice(0, 10)
          .map((row) => text(row) ?? ''),
        store: text(card.querySelector(S.store)),
        total: text(card.querySelector(S.total)),
        itemTitles: all(card, S.itemTitle)
          .slice(0, EXTRACT_LIMITS.items)
          .map((e) => text(e) ?? ''),
        itemQuantities: all(card, S.itemQuantity)
          .slice(0, EXTRACT_LIMITS.items)
          .map((e) => text(e) ?? ''),
        detailHref: card.querySelector(S.detailLink)?.getAttribute('href')?.slice(0, 2000) ?? undefined,
      })),
    hasMore: all(doc, S.more).length > 0,
  };
}

export function extractDetailDom(doc: DomDocument): DetailPageText {
  const S = SELECTORS.detail;
  const leafTexts: string[] = [];
  for (const element of all(doc, 'body *')) {
    if (leafTexts.length >= EXTRACT_LIMITS.leaves) break;
    if (element.childElementCount > 0) continue;
    const content = text(element);
    if (content && /\d/.test(content)) leafTexts.push(content);
  }
  return {
    kind: 'detail',
    lang: pageLang(doc),
    counts: counts(doc, { infoRow: S.infoRow, priceItem: S.priceItem, item: S.item }),
    status: text(doc.querySelector(S.status)),
    infoRows: all(doc, S.infoRow)
      .slice(0, EXTRACT_LIMITS.rows)
      .map((row) => text(row) ?? ''),
    priceRows: all(doc, S.priceItem)
      .slice(0, EXTRACT_LIMITS.rows)
      .map((row) =>
        all(row, '*')
          .filter((e) => e.childElementCount === 0)
          .slice(0, 10)
          .map((e) => text(e) ?? ''),
      ),
    itemTitles: all(doc, S.item)
      .slice(0, EXTRACT_LIMITS.items)
      .map((block) => text(block.querySelector(S.itemTitle)) ?? ''),
    leafTexts,
  };
}

/** A captcha (bot wall) or login page instead of the orders, or null. */
export function detectWall(doc: DomDocument, url: string): 'captcha' | 'login' | null {
  const has = (selectors: readonly string[]): boolean =>
    selectors.some((selector) => {
      try {
        return doc.querySelector(selector) !== null;
      } catch {
        return false;
      }
    });
  if (has(SELECTORS.wall.captcha)) return 'captcha';
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    // an unreadable URL is not a login page by itself
  }
  if (LOGIN_HOSTS.includes(host) || has(SELECTORS.wall.login)) return 'login';
  return null;
}
