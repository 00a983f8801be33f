/**
 * The AliExpress readers' front door: API bodies (as the page received them) and the rendered
 * page (fallback). Both return a `ReadResult` and never throw.
 */
import {
  type DomDocument,
  detectWall,
  readDetailDom,
  readDetailText,
  readListDom,
  readListText,
} from './dom';
import type { PageText } from './dom-extract';
import { emptyResult, type ReadContext, type ReadResult } from './health';
import { isObj, unwrapBody } from './json';
import { type ApiKind, apiFromName, pageKind } from './pages';
import { readDetail } from './read-detail';
import { readList } from './read-list';
import { readRefunds } from './read-refunds';
import { readTracking } from './read-tracking';

export { parseDate, parseDateTime } from './dates';
export type { DomDocument, DomElement } from './dom';
export { detectWall, readDetailDom, readDetailText, readListDom, readListText } from './dom';
export type { PageText } from './dom-extract';
export { extractDetailDom, extractListDom } from './dom-extract';
export { PageText as PageTextSchema } from './dom-text';
export type { ReadContext, ReadResult } from './health';
export { HealthSource, ParserHealth } from './health';
export { parseBody } from './json';
export type { ApiKind, PageKind } from './pages';
export { API, apiFromUrl, orderIdFromUrl, pageKind } from './pages';
export { readDetail } from './read-detail';
export type { ListReadResult } from './read-list';
export { readList } from './read-list';
export { readRefunds } from './read-refunds';
export { readTracking } from './read-tracking';

const READERS: Record<ApiKind, (body: unknown, ctx: ReadContext) => ReadResult> = {
  list: readList,
  detail: readDetail,
  tracking: readTracking,
  refunds: readRefunds,
};

/**
 * Read one API body. `api` is a kind (`'detail'`, as `apiFromUrl` returns) or a full mtop name;
 * when it is neither, the body's own `api` field decides.
 */
export function readApiBody(api: string, body: unknown, ctx: ReadContext): ReadResult {
  try {
    let kind: ApiKind | null =
      typeof api === 'string' && api in READERS ? (api as ApiKind) : apiFromName(api);
    if (!kind) {
      const root = unwrapBody(body);
      kind = isObj(root) ? apiFromName(root.api) : null;
    }
    if (!kind) return emptyResult('unknown', `not an order API: "${String(api).slice(0, 100)}"`);
    return READERS[kind](body, ctx);
  } catch (error) {
    // The readers are written not to throw; this is the last net so a page can never break us.
    return emptyResult(
      'unknown',
      `reader failed: ${error instanceof Error ? error.message.slice(0, 200) : 'error'}`,
    );
  }
}

/** Read the rendered page (when no API response was seen). */
export function readPage(doc: DomDocument, url: string, ctx: ReadContext): ReadResult {
  try {
    const wall = detectWall(doc, url);
    if (wall) return emptyResult('unknown', `${wall} wall instead of the page`);
    const kind = pageKind(url);
    const context = { ...ctx, pageUrl: ctx?.pageUrl ?? url };
    if (kind === 'order-list') return readListDom(doc, context);
    if (kind === 'order-detail') return readDetailDom(doc, context);
    return emptyResult('unknown', `no DOM reader for this page (${kind ?? 'not an order page'})`);
  } catch (error) {
    return emptyResult(
      'unknown',
      `reader failed: ${error instanceof Error ? error.message.slice(0, 200) : 'error'}`,
    );
  }
}

/** Interpret texts a content script extracted from a rendered page (the worker's half of readPage). */
export function readPageText(page: PageText, ctx: ReadContext): ReadResult {
  try {
    return page.kind === 'list' ? readListText(page, ctx) : readDetailText(page, ctx);
  } catch (error) {
    return emptyResult(
      'unknown',
      `reader failed: ${error instanceof Error ? error.message.slice(0, 200) : 'error'}`,
    );
  }
}
