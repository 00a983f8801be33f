/**
 * What the faces on AliExpress's pages know of an order: its summary (src/core/summary.ts), as the
 * worker has it, asked for over the page's port with `get-summaries`. Full orders never reach the
 * page. The replies come from our own worker, which parsed them from the store: trusted, so no
 * schema here, and neither zod nor the ladder builder ships inside AliExpress's pages.
 *
 * The few core helpers the panel and the chips need at display time are imported here and
 * nowhere else in src/content, so the page bundle's one door to core is this file.
 */

import { isRefusal } from '../channels';
import type { OrderSummary } from '../core/summary';
import type { Answer, MessageOf } from '../messages';
import { KEYS } from '../store/keys';

export { DISPUTE_REASONS, type DisputeReason } from '../core/dispute-reasons';
export { freshen } from '../core/freshen';
export { type Journey, journey, OPEN_CASE_STAGES } from '../core/journey';
export { formatLastDay } from '../core/last-day';
export type { OrderSummary } from '../core/summary';
export { type Urgency, urgency, windowState } from '../core/window-state';
export type { DeadlineWindow } from '../core/windows';
export { WINDOWS } from '../core/windows';
export { deadlineText, estimatedFromOrderDate, stageText, stepText } from '../ui/journey-text';

/** storage.local key of the worker's summary-change signal (src/store/items.ts `ITEMS.changes`). */
export const CHANGES_KEY = KEYS.changes;
/** The worker answers at most this many orders per message (src/messages.ts `get-summaries`). */
const MAX_IDS = 500;

/** Summaries by order id; absent ones are not stored (yet). Rejects when the worker did not answer. */
export type GetSummaries = (orderIds: readonly string[]) => Promise<Map<string, OrderSummary>>;

export class WorkerUnreachable extends Error {
  override name = 'WorkerUnreachable';
}

export function summariesVia(
  send: (message: MessageOf<'get-summaries'>) => Promise<Answer<'get-summaries'> | undefined>,
): GetSummaries {
  return async (orderIds) => {
    const found = new Map<string, OrderSummary>();
    for (let i = 0; i < orderIds.length; i += MAX_IDS) {
      const ids = orderIds.slice(i, i + MAX_IDS);
      const reply = await send({ type: 'get-summaries', orderIds: ids });
      // No reply: the worker went to sleep mid-request (or refused); nothing is known.
      if (reply === undefined || isRefusal(reply)) throw new WorkerUnreachable('no summaries in the reply');
      for (const s of reply.summaries) if (ids.includes(s.orderId)) found.set(s.orderId, s);
    }
    return found;
  };
}

/**
 * Ids of the orders whose summary a storage change touched (written, rewritten or removed), from
 * the worker's `changes` signal: `all` when it names every order (a rebuild, a deletion, too many
 * to list) or cannot be read; empty when the change did not touch the signal. Trusted data (our
 * worker wrote it), so checked for shape only, without a schema.
 */
export function changedSummaryIds(changes: Readonly<Record<string, unknown>>): string[] | 'all' {
  if (!(CHANGES_KEY in changes)) return [];
  const change = changes[CHANGES_KEY] as { newValue?: unknown } | undefined;
  const value = change?.newValue as { orderIds?: unknown; all?: unknown } | undefined;
  if (!value || value.all === true || !Array.isArray(value.orderIds)) return 'all';
  return value.orderIds.filter((id): id is string => typeof id === 'string');
}
