/**
 * Between an order's summary and its entry in the synced index (src/core/sync.ts): what this
 * browser shares of an order with a window still open, and the summary another browser builds of
 * an order it knows only from the index, so that its popup lists it, its badge counts it down and
 * its reminders come, every date still saying where it came from.
 */
import { stageOf } from './journey';
import type { OrderStatus } from './model';
import type { RuleId } from './rules';
import type { OrderSummary, StoredSummary, SummaryView } from './summary';
import type { SyncOrder, SyncWindow } from './sync';
import { SYNC_TITLE_MAX } from './sync';
import { WINDOWS } from './windows';

/** At most this many windows per order: the next deadlines, soonest first. */
export const INDEX_WINDOWS_MAX = 4;

/** The order's index entry, or undefined when nothing of it is open at `now` (it stays local). */
export function indexEntry(summary: OrderSummary, now: number, graceMs: number): SyncOrder | undefined {
  const open = summary.windows.filter((w) => w.closesAt === null || w.closesAt + graceMs > now);
  if (open.length === 0) return undefined;
  const windows: SyncWindow[] = open
    .sort((a, b) => (a.closesAt ?? Number.POSITIVE_INFINITY) - (b.closesAt ?? Number.POSITIVE_INFINITY))
    .slice(0, INDEX_WINDOWS_MAX)
    .map((w) => ({
      kind: w.kind,
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      stated: w.source.type === 'stated',
      src: w.source.type === 'stated' ? w.source.page : w.source.ruleId,
      basis: w.basis,
    }));
  const title = summary.view.items?.value[0]?.title ?? summary.view.storeName?.value ?? '';
  return {
    title: title.slice(0, SYNC_TITLE_MAX),
    stage: stageOf(summary, now),
    at: summary.view.lastReadAt,
    windows,
  };
}

const STATUS_OF_STAGE: Partial<Record<SyncOrder['stage'], OrderStatus>> = {
  'awaiting-payment': 'awaiting-payment',
  'awaiting-shipment': 'awaiting-shipment',
  'in-transit': 'awaiting-delivery',
  delivered: 'awaiting-delivery',
  completed: 'completed',
  'dispute-seller': 'dispute-open',
  'dispute-escalate': 'dispute-open',
  'dispute-platform': 'dispute-open',
  'return-agreed': 'dispute-open',
  'dispute-finished': 'dispute-finished',
  closed: 'closed',
};

/** The summary of an order this browser knows only from the index (read by another browser). */
export function indexSummary(
  orderId: string,
  o: SyncOrder,
  timeZone: string,
  builtAt: number,
): StoredSummary {
  const status = STATUS_OF_STAGE[o.stage];
  const view: SummaryView = {
    orderId,
    stated: {},
    final: false,
    lastReadAt: o.at,
    stale: false,
    ...(o.title ? { items: { value: [{ title: o.title }], source: 'detail' as const, readAt: o.at } } : {}),
    ...(status ? { status: { value: status, source: 'detail' as const, readAt: o.at } } : {}),
    facts: {
      ...(status ? { status } : {}),
      ...(o.stage === 'delivered' ? { deliveredAt: null } : {}),
    },
  };
  return {
    orderId,
    builtAt,
    timeZone,
    view,
    windows: o.windows.map((w) => {
      const t = WINDOWS[w.kind];
      return {
        kind: w.kind,
        opensAt: w.opensAt,
        closesAt: w.closesAt,
        action: t.action,
        losesMoney: t.losesMoney,
        confidence: w.stated ? ('stated' as const) : ('estimated' as const),
        source: w.stated
          ? { type: 'stated' as const, page: w.src as 'detail', readAt: o.at }
          : { type: 'rule' as const, ruleId: w.src as RuleId },
        basis: w.basis,
        seenAt: null,
      };
    }),
  };
}
