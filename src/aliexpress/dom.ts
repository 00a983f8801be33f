/**
 * Reading the rendered page when no API response was seen. Only `textContent` and attributes are
 * read (never innerHTML), every selector comes from selectors.ts, and the output goes through the
 * same validation as the API readers.
 */
import type { Item, OrderSnapshot, StatedWindows } from '../core/model';
import { type DateContext, parseDate } from './dates';
import { detectLang } from './detect';
import { compact, localeOf, MAX_ITEMS, safeCtx, shortText, TEXT } from './draft';
import { HealthLog, type ReadContext, type ReadResult } from './health';
import { keyed, LANGS, type LabelKind } from './lang';
import { orderIdFromUrl } from './pages';
import { readWindows } from './phrases';
import { LOGIN_HOSTS, SELECTORS } from './selectors';
import { resolveStatus } from './status';
import { cap, key } from './text';

/** The part of the DOM we use; a real `Document` and happy-dom's both fit. */
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
  readonly documentElement: { getAttribute(name: string): string | null } | null;
}

function all(root: DomDocument | DomElement, selector: string): DomElement[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function text(element: DomElement | null | undefined): string | undefined {
  const content = element?.textContent;
  return typeof content === 'string' ? cap(content.slice(0, 20_000), TEXT) : undefined;
}

/** "Order date: Jan 24, 2025" → its label kind and value, using every language's labels. */
function labelled(line: string | undefined): { kind: LabelKind; label: string; value: string } | undefined {
  if (!line) return undefined;
  const colon = line.search(/[:：]/);
  if (colon <= 0) return undefined;
  const label = key(line.slice(0, colon));
  const value = line.slice(colon + 1).trim();
  for (const lang of LANGS) {
    const kind = keyed(lang).labels.get(label);
    if (kind) return { kind, label: line.slice(0, colon), value };
  }
  return undefined;
}

const idIn = (value: string | undefined): string | undefined => /\d{6,24}/.exec(value ?? '')?.[0];

function dateContext(
  doc: DomDocument,
  ctx: ReadContext,
  evidence: Parameters<typeof detectLang>[0],
): DateContext {
  const pageLang = ctx.lang ?? doc.documentElement?.getAttribute('lang') ?? undefined;
  const lang = detectLang({ ...evidence, ctxLang: pageLang, pageUrl: ctx.pageUrl });
  return { lang, locale: localeOf({ ...ctx, lang: pageLang }) };
}

function count(log: HealthLog, root: DomDocument, selectors: Record<string, string>): void {
  for (const selector of Object.values(selectors)) {
    const n = all(root, selector).length;
    if (n) log.found(`${selector} ×${n}`);
    else log.missing(selector);
  }
}

export function readListDom(doc: DomDocument, ctx: ReadContext): ReadResult {
  const log = new HealthLog('dom-list');
  const context = safeCtx(ctx);
  if (!context) {
    log.problem('no valid readAt in the read context');
    return log.finish([]);
  }
  const S = SELECTORS.list;
  count(log, doc, {
    card: S.card,
    status: S.status,
    headerInfo: S.headerInfo,
    store: S.store,
    total: S.total,
  });
  const cards = all(doc, S.card).slice(0, 500);
  const rows = cards.map((card) => all(card, S.headerInfo).map((row) => labelled(text(row))));
  const dates = dateContext(doc, context, {
    statusTexts: cards.map((card) => text(card.querySelector(S.status))),
    labels: rows.flat().map((row) => row?.label),
    dates: rows.flat().map((row) => (row?.kind === 'placedOn' ? row.value : undefined)),
  });

  const drafts: OrderSnapshot[] = [];
  cards.forEach((card, index) => {
    const info = rows[index] ?? [];
    const link = card.querySelector(S.detailLink)?.getAttribute('href') ?? undefined;
    const orderId =
      idIn(info.find((row) => row?.kind === 'orderId')?.value) ?? orderIdFromUrl(link ?? undefined);
    if (!orderId) {
      log.problem(`card #${index + 1}: no order id, skipped`);
      return;
    }
    const statusText = shortText(text(card.querySelector(S.status)));
    const resolved = resolveStatus({ text: statusText, lang: dates.lang });
    if (resolved.unknownText)
      log.problem(`unknown status text "${resolved.unknownText}" (lang ${dates.lang ?? '?'})`);
    const dateText = info.find((row) => row?.kind === 'placedOn')?.value;
    const placedOn = parseDate(dateText, dates);
    if (dateText && !placedOn) log.problem(`unreadable date "${dateText.slice(0, 60)}"`);
    const titles = all(card, S.itemTitle);
    const quantities = all(card, S.itemQuantity);
    const items: Item[] = [];
    titles.slice(0, MAX_ITEMS).forEach((titleElement, i) => {
      const title = text(titleElement);
      if (!title) return;
      const quantity = /(\d{1,6})/.exec(text(quantities[i]) ?? '')?.[1];
      items.push(compact({ title, quantity: quantity === undefined ? undefined : Number(quantity) }));
    });
    const draft: OrderSnapshot = compact({
      orderId,
      source: 'dom-list' as const,
      readAt: context.readAt,
      lang: dates.lang,
      status: resolved.status,
      statusText,
      placedOn,
      storeName: shortText(text(card.querySelector(S.store))),
      items: items.length ? items : undefined,
      totalText: valueAfterLabel(text(card.querySelector(S.total))),
      missing: [],
    });
    const missing = (['status', 'placedOn', 'storeName', 'items', 'totalText'] as const).filter(
      (name) => draft[name] === undefined,
    );
    draft.missing = [...missing];
    for (const name of missing) log.missing(name);
    drafts.push(draft);
  });
  if (all(doc, S.more).length) log.found('has more orders (load more button)');
  return log.finish(drafts);
}

/** "Total:€48.88" → "€48.88"; a text without a label stays whole. */
function valueAfterLabel(line: string | undefined): string | undefined {
  if (!line) return undefined;
  const colon = line.search(/[:：]/);
  return shortText(colon > 0 && colon < line.length - 1 ? line.slice(colon + 1) : line);
}

/** Leaf elements' texts: each is one clause the page shows, so phrase clues do not mix across blocks. */
function leafTexts(doc: DomDocument): string[] {
  const texts: string[] = [];
  for (const element of all(doc, 'body *')) {
    if (texts.length >= 5000) break;
    if (element.childElementCount > 0) continue;
    const content = text(element);
    if (content && content.length <= 1000 && /\d/.test(content)) texts.push(content);
  }
  return texts;
}

export function readDetailDom(doc: DomDocument, ctx: ReadContext): ReadResult {
  const log = new HealthLog('dom-detail');
  const context = safeCtx(ctx);
  if (!context) {
    log.problem('no valid readAt in the read context');
    return log.finish([]);
  }
  const S = SELECTORS.detail;
  count(log, doc, { infoRow: S.infoRow, priceItem: S.priceItem, item: S.item });
  const rows = all(doc, S.infoRow)
    .slice(0, 50)
    .map((row) => labelled(text(row)));
  const value = (kind: LabelKind): string | undefined => rows.find((row) => row?.kind === kind)?.value;
  const orderId = idIn(value('orderId')) ?? orderIdFromUrl(context.pageUrl);
  if (!orderId) {
    log.problem('no order id on the page nor in its URL: no snapshot');
    return log.finish([]);
  }
  const statusText = shortText(text(doc.querySelector(S.status)));
  const dates = dateContext(doc, context, {
    statusTexts: [statusText],
    labels: rows.map((row) => row?.label),
    dates: rows.map((row) => row?.value),
  });
  const resolved = resolveStatus({ text: statusText, lang: dates.lang });
  if (resolved.unknownText)
    log.problem(`unknown status text "${resolved.unknownText}" (lang ${dates.lang ?? '?'})`);

  // A price row is a label element then a value element ("Total" "R$132,74").
  let totalText: string | undefined;
  for (const item of all(doc, S.priceItem)) {
    const leaves = all(item, '*').filter((element) => element.childElementCount === 0);
    const label = key(text(leaves[0]) ?? '');
    if (leaves.length >= 2 && LANGS.some((lang) => lang.labels.total.some((total) => key(total) === label))) {
      totalText = shortText(text(leaves[leaves.length - 1]));
    }
  }
  const items: Item[] = [];
  for (const block of all(doc, S.item).slice(0, MAX_ITEMS)) {
    const title = text(block.querySelector(S.itemTitle));
    if (title) items.push({ title });
  }
  const stated: StatedWindows = {};
  for (const line of leafTexts(doc)) readWindows(line, dates, stated);

  const draft: OrderSnapshot = compact({
    orderId,
    source: 'dom-detail' as const,
    readAt: context.readAt,
    lang: dates.lang,
    status: resolved.status,
    statusText,
    placedOn: parseDate(value('placedOn'), dates),
    paidOn: parseDate(value('paidOn'), dates),
    shippedOn: parseDate(value('shippedOn'), dates),
    completedOn: parseDate(value('completedOn'), dates),
    items: items.length ? items : undefined,
    totalText,
    stated,
    missing: [],
  });
  const missing: string[] = (['status', 'placedOn', 'items'] as const).filter(
    (name) => draft[name] === undefined,
  );
  if (!draft.stated?.protectionEnd) missing.push('stated.protectionEnd');
  draft.missing = missing;
  for (const name of missing) log.missing(name);
  return log.finish([draft]);
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
