/**
 * Reader for `mtop.aliexpress.buyer.reverse.queryreverseorderpagelistforbuyer` (returns, refunds
 * and disputes). No real capture exists; the notes give the field names but not where the list
 * sits, so the reader takes every object that has a `reverseStatus`, wherever it is.
 */
import type { OrderSnapshot, RefundCase } from '../core/model';
import { parseDateTime } from './dates';
import { compact, localeOf, openBody, shortText } from './draft';
import { typeDrift } from './drift';
import type { ReadContext, ReadResult } from './health';
import { digits, isObj, type Json } from './json';

/**
 * `reverseStatus`: 1 is "all" in the page's own requests (never a case's state), 2 and 3 are in
 * progress, 4 finished (notes). Unknown values count as open: an open case we wrongly show is
 * cheaper than a deadline we hide.
 */
export const REVERSE_STATUS: Readonly<Record<string, RefundCase['state']>> = {
  '2': 'open',
  '3': 'open',
  '4': 'finished',
};

const MAX_LINES = 1000;
const MAX_CASES = 100;

function findLines(root: unknown): Json[] {
  const lines: Json[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (lines.length >= MAX_LINES || depth > 8) return;
    if (Array.isArray(value)) {
      for (const entry of value) visit(entry, depth + 1);
      return;
    }
    if (!isObj(value)) return;
    if ('reverseStatus' in value) {
      lines.push(value);
      return;
    }
    for (const entry of Object.values(value)) visit(entry, depth + 1);
  };
  visit(root, 0);
  return lines;
}

function idText(value: unknown): string | undefined {
  return digits(value) ?? (typeof value === 'string' ? shortText(value) : undefined);
}

export function readRefunds(body: unknown, ctx: ReadContext): ReadResult {
  const opened = openBody('refunds', body, ctx);
  if (!opened.ok) return opened.result;
  const { log, context, root } = opened;
  const lines = findLines(root);
  if (lines.length) log.found('reverse lines');
  else log.missing('reverse lines');

  const byOrder = new Map<string, RefundCase[]>();
  for (const line of lines) {
    const orderId = digits(line.tradeOrderId) ?? digits(line.orderId) ?? digits(line.tradeId);
    if (!orderId) {
      log.problem('a refund case without a readable trade order id was skipped');
      continue;
    }
    const rawStatus =
      typeof line.reverseStatus === 'number' || typeof line.reverseStatus === 'string'
        ? String(line.reverseStatus).trim()
        : '';
    log.drift(typeDrift('reverseStatus', line.reverseStatus, ['number', 'string'], 'cases'));
    log.drift(typeDrift('gmtCreateFormat', line.gmtCreateFormat, ['string'], 'cases'));
    let state = REVERSE_STATUS[rawStatus];
    if (!state) {
      state = 'open';
      log.problem(`unknown reverseStatus "${rawStatus.slice(0, 20)}" on order ${orderId}: counted as open`);
    }
    const createdText = shortText(line.gmtCreateFormat);
    const created = parseDateTime(createdText, { locale: localeOf(context) });
    if (createdText && !created)
      log.drift({ kind: 'unknown-date', where: 'gmtCreateFormat', effect: 'cases', text: createdText });
    const type = line.reverseType;
    const refundCase: RefundCase = compact({
      caseId: idText(line.reverseOrderLineId) ?? idText(line.reverseOrderId) ?? idText(line.disputeId),
      orderLineId: idText(line.tradeOrderLineId) ?? idText(line.orderLineId),
      createdAt: created ? (created.time ? `${created.date}T${created.time}` : created.date) : undefined,
      state,
      type: typeof type === 'number' && Number.isFinite(type) ? String(type) : shortText(type),
    });
    const cases = byOrder.get(orderId) ?? [];
    if (cases.length < MAX_CASES) cases.push(refundCase);
    else log.problem(`order ${orderId}: more than ${MAX_CASES} cases, kept ${MAX_CASES}`);
    byOrder.set(orderId, cases);
  }

  const drafts: OrderSnapshot[] = [...byOrder].map(([orderId, cases]) => ({
    orderId,
    source: 'refunds',
    readAt: context.readAt,
    cases,
    missing: [],
  }));
  return log.finish(drafts);
}
