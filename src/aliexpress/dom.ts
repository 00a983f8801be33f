/**
 * Reading the rendered page when no API response was seen. The content script extracts texts by
 * selector (dom-extract.ts: textContent and one attribute, never innerHTML); this half interprets
 * them in the worker, and the output goes through the same validation as the API readers.
 */
import type { Item, OrderSnapshot, StatedWindows } from '../core/model';
import { type DateContext, parseDate } from './dates';
import { detectLang } from './detect';
import {
  type DetailPageText,
  type DomDocument,
  extractDetailDom,
  extractListDom,
  type ListPageText,
} from './dom-extract';
import { compact, localeOf, MAX_ITEMS, safeCtx, shortText, TEXT } from './draft';
import { HealthLog, type ReadContext, type ReadResult } from './health';
import { keyed, LANGS, type LabelKind } from './lang';
import { orderIdFromUrl } from './pages';
import { readWindows } from './phrases';
import { resolveStatus } from './status';
import { cap, key } from './text';

export type { DomDocument, DomElement } from './dom-extract';

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
  page: { lang?: string | undefined },
  ctx: ReadContext,
  evidence: Parameters<typeof detectLang>[0],
): DateContext {
  const pageLang = ctx.lang ?? page.lang ?? undefined;
  const lang = detectLang({ ...evidence, ctxLang: pageLang, pageUrl: ctx.pageUrl });
  return { lang, locale: localeOf({ ...ctx, lang: pageLang }) };
}

function count(log: HealthLog, counts: Record<string, number>): void {
  for (const [selector, n] of Object.entries(counts)) {
    if (n) log.found(`${selector} ×${n}`);
    else log.missing(selector);
  }
}

const clean = (value: string | undefined): string | undefined => (value ? cap(value, TEXT) : undefined);

export function readListDom(doc: DomDocument, ctx: ReadContext): ReadResult {
  return readListText(extractListDom(doc), ctx);
}

/** Interprets the texts the content script extracted from an order list page. */
export function readListText(page: ListPageText, ctx: ReadContext): ReadResult {
  const log = new HealthLog('dom-list');
  const context = safeCtx(ctx);
  if (!context) {
    log.problem('no valid readAt in the read context');
    return log.finish([]);
  }
  count(log, page.counts);
  const cards = page.cards.slice(0, 500);
  const rows = cards.map((card) => card.headerInfo.map((row) => labelled(clean(row))));
  const dates = dateContext(page, context, {
    statusTexts: cards.map((card) => clean(card.status)),
    labels: rows.flat().map((row) => row?.label),
    dates: rows.flat().map((row) => (row?.kind === 'placedOn' ? row.value : undefined)),
  });

  const drafts: OrderSnapshot[] = [];
  cards.forEach((card, index) => {
    const info = rows[index] ?? [];
    const orderId =
      idIn(info.find((row) => row?.kind === 'orderId')?.value) ??
      orderIdFromUrl(card.detailHref ?? undefined);
    if (!orderId) {
      log.problem(`card #${index + 1}: no order id, skipped`);
      return;
    }
    const statusText = shortText(clean(card.status));
    const resolved = resolveStatus({ text: statusText, lang: dates.lang });
    if (resolved.unknownText)
      log.problem(`unknown status text "${resolved.unknownText}" (lang ${dates.lang ?? '?'})`);
    const dateText = info.find((row) => row?.kind === 'placedOn')?.value;
    const placedOn = parseDate(dateText, dates);
    if (dateText && !placedOn) log.problem(`unreadable date "${dateText.slice(0, 60)}"`);
    const items: Item[] = [];
    card.itemTitles.slice(0, MAX_ITEMS).forEach((rawTitle, i) => {
      const title = clean(rawTitle);
      if (!title) return;
      const quantity = /(\d{1,6})/.exec(card.itemQuantities[i] ?? '')?.[1];
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
      storeName: shortText(clean(card.store)),
      items: items.length ? items : undefined,
      totalText: valueAfterLabel(clean(card.total)),
      missing: [],
    });
    const missing = (['status', 'placedOn', 'storeName', 'items', 'totalText'] as const).filter(
      (name) => draft[name] === undefined,
    );
    draft.missing = [...missing];
    for (const name of missing) log.missing(name);
    drafts.push(draft);
  });
  if (page.hasMore) log.found('has more orders (load more button)');
  return log.finish(drafts);
}

/** "Total:€48.88" → "€48.88"; a text without a label stays whole. */
function valueAfterLabel(line: string | undefined): string | undefined {
  if (!line) return undefined;
  const colon = line.search(/[:：]/);
  return shortText(colon > 0 && colon < line.length - 1 ? line.slice(colon + 1) : line);
}

export function readDetailDom(doc: DomDocument, ctx: ReadContext): ReadResult {
  return readDetailText(extractDetailDom(doc), ctx);
}

/** Interprets the texts the content script extracted from an order detail page. */
export function readDetailText(page: DetailPageText, ctx: ReadContext): ReadResult {
  const log = new HealthLog('dom-detail');
  const context = safeCtx(ctx);
  if (!context) {
    log.problem('no valid readAt in the read context');
    return log.finish([]);
  }
  count(log, page.counts);
  const rows = page.infoRows.slice(0, 50).map((row) => labelled(clean(row)));
  const value = (kind: LabelKind): string | undefined => rows.find((row) => row?.kind === kind)?.value;
  const orderId = idIn(value('orderId')) ?? orderIdFromUrl(context.pageUrl);
  if (!orderId) {
    log.problem('no order id on the page nor in its URL: no snapshot');
    return log.finish([]);
  }
  // Nothing an order detail page shows was found: a changed layout, not an order to invent.
  if (Object.values(page.counts).every((n) => n === 0) && !page.status) {
    log.problem('no order detail block on the page: nothing read');
    return log.finish([]);
  }
  const statusText = shortText(clean(page.status));
  const dates = dateContext(page, context, {
    statusTexts: [statusText],
    labels: rows.map((row) => row?.label),
    dates: rows.map((row) => row?.value),
  });
  const resolved = resolveStatus({ text: statusText, lang: dates.lang });
  if (resolved.unknownText)
    log.problem(`unknown status text "${resolved.unknownText}" (lang ${dates.lang ?? '?'})`);

  // A price row is a label element then a value element ("Total" "R$132,74").
  let totalText: string | undefined;
  for (const leaves of page.priceRows) {
    const label = key(leaves[0] ?? '');
    if (leaves.length >= 2 && LANGS.some((lang) => lang.labels.total.some((total) => key(total) === label))) {
      totalText = shortText(clean(leaves[leaves.length - 1]));
    }
  }
  const items: Item[] = [];
  for (const raw of page.itemTitles.slice(0, MAX_ITEMS)) {
    const title = clean(raw);
    if (title) items.push({ title });
  }
  const stated: StatedWindows = {};
  for (const line of page.leafTexts) readWindows(line, dates, stated);

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

export { detectWall } from './dom-extract';
