/**
 * One order at every stage of the journey, as pages state them: shared by the journey's table test
 * and the stage × face table (test/unit/ui/journey-faces.test.ts).
 */
import type { Group, MessageId, NextStepId, Stage } from '../../../src/core/journey';
import type { WindowKind } from '../../../src/core/ladder';
import type { OrderSnapshot, StoredOrder } from '../../../src/core/model';
import { DAY_MS } from '../../../src/core/time';
import { at, snap, stored } from './helpers';

export const TZ = 'America/Sao_Paulo';
export const sp = (date: string): number => at(`${date}T00:00:00-03:00`);
export const NOW = at('2026-08-10T15:00:00-03:00');

const detail = (fields: Partial<OrderSnapshot>, readAt = NOW - DAY_MS) => snap('detail', readAt, fields);
const placed = { placedOn: '2026-07-15', paidOn: '2026-07-15' } as const;
const shipped = { ...placed, shippedOn: '2026-07-18' } as const;
const tracking = (codes: string[], delivered = false, deliveredAt?: number): OrderSnapshot =>
  snap('tracking', NOW - DAY_MS, {
    tracking: {
      carrier: 'Cainiao',
      mailNo: 'LP00123',
      events: codes.map((code, i) => ({ code, at: sp('2026-07-16') + i * DAY_MS })),
      delivered,
      ...(deliveredAt === undefined ? {} : { deliveredAt }),
    },
  });
const refunds = (createdAt: string, extra: Partial<NonNullable<OrderSnapshot['cases']>[number]> = {}) =>
  snap('refunds', NOW - DAY_MS, {
    cases: [{ caseId: '5001', state: 'open', type: '1', createdAt, ...extra }],
  });

export interface Row {
  readonly name: string;
  readonly order: StoredOrder;
  readonly now?: number;
  readonly handled?: readonly WindowKind[];
  readonly stage: Stage;
  readonly step: NextStepId;
  readonly group: Group;
  /** The deadline's kind and its close, or null for none. */
  readonly deadline: readonly [WindowKind, number] | null;
  readonly messages: readonly MessageId[];
  readonly couponText?: string;
}

export const rows: Row[] = [
  {
    name: 'awaiting payment: nothing to do, not done either',
    order: stored(detail({ status: 'awaiting-payment', placedOn: '2026-08-09' })),
    stage: 'awaiting-payment',
    step: 'none',
    group: 'coming-up',
    deadline: null,
    messages: [],
  },
  {
    name: 'awaiting shipment, list only: an estimated end from the order date, no dispute advice',
    order: stored(snap('list', NOW - DAY_MS, { status: 'awaiting-shipment', placedOn: '2026-08-07' })),
    stage: 'awaiting-shipment',
    step: 'wait-for-shipment',
    group: 'coming-up',
    deadline: ['protection-end', sp('2026-10-06')],
    messages: ['extend-protection'],
  },
  {
    name: 'awaiting shipment known only from its tracking page (warehouse events)',
    order: stored(tracking(['AE_ORDER_PLACED', 'AE_ORDER_PAID', 'AE_GWMS_ACCEPT'])),
    stage: 'awaiting-shipment',
    step: 'wait-for-shipment',
    group: 'coming-up',
    deadline: null,
    messages: [],
  },
  {
    name: 'in transit with a stated end weeks away: follow the parcel',
    order: stored(
      detail({ status: 'awaiting-delivery', ...shipped, stated: { protectionEnd: '2026-09-20' } }),
    ),
    stage: 'in-transit',
    step: 'track-parcel',
    group: 'coming-up',
    deadline: ['protection-end', sp('2026-09-20')],
    messages: ['extend-protection', 'open-dispute'],
  },
  {
    name: 'in transit known only from its tracking page: its stated end and coupon count',
    order: stored({
      ...tracking(['AE_ORDER_PAID', 'AE_GOT', 'AE_LH_DEPART']),
      stated: { protectionEnd: '2026-08-11', couponDelayedBy: '2026-08-30', couponText: '$1.00' },
    }),
    stage: 'in-transit',
    step: 'ask-extension',
    group: 'act-now',
    deadline: ['protection-end', sp('2026-08-11')],
    messages: ['extend-protection'],
  },
  {
    name: 'in transit, protection ends in 3 days: ask the seller to extend it',
    order: stored(
      detail({ status: 'awaiting-delivery', ...shipped, stated: { protectionEnd: '2026-08-13' } }),
    ),
    stage: 'in-transit',
    step: 'ask-extension',
    group: 'coming-up',
    deadline: ['protection-end', sp('2026-08-13')],
    messages: ['extend-protection', 'open-dispute'],
  },
  {
    name: 'in transit and late: the claimable coupon is the next step, with its amount',
    order: stored(
      detail({
        status: 'awaiting-delivery',
        ...shipped,
        stated: { protectionEnd: '2026-09-20', couponDelayedBy: '2026-08-05', couponText: 'R$5,00' },
      }),
    ),
    stage: 'in-transit',
    step: 'claim-coupon',
    group: 'coming-up',
    deadline: ['late-coupon', sp('2026-09-20')],
    messages: ['extend-protection', 'open-dispute'],
    couponText: 'R$5,00',
  },
  {
    name: 'delivered per tracking, not confirmed: check the item, confirm or dispute before the end',
    order: stored(
      detail({ status: 'awaiting-delivery', ...shipped, stated: { protectionEnd: '2026-09-20' } }),
      tracking(['AE_GOT', 'AE_GTMS_SIGNED'], true, sp('2026-08-04') + 10 * 3_600_000),
    ),
    stage: 'delivered',
    step: 'check-and-confirm',
    group: 'coming-up',
    deadline: ['protection-end', sp('2026-09-20')],
    messages: ['open-dispute'],
  },
  {
    name: 'completed within its return window',
    order: stored(
      detail({
        status: 'completed',
        ...shipped,
        completedOn: '2026-08-08',
        stated: { returnDaysAfterReceipt: 7 },
      }),
    ),
    stage: 'completed',
    step: 'request-return',
    group: 'coming-up',
    deadline: ['return-after-receipt', sp('2026-08-15')],
    messages: ['open-dispute'],
  },
  {
    name: 'completed, return window over: a not-as-described dispute is still possible',
    order: stored(
      detail({
        status: 'completed',
        ...shipped,
        completedOn: '2026-07-25',
        stated: { returnDaysAfterReceipt: 7 },
      }),
    ),
    stage: 'completed',
    step: 'dispute-if-not-as-described',
    group: 'coming-up',
    deadline: ['not-as-described', sp('2026-10-13')],
    messages: ['open-dispute'],
  },
  {
    name: 'completed long ago: done',
    order: stored(detail({ status: 'completed', ...shipped, completedOn: '2026-07-25' })),
    now: sp('2026-12-01'),
    stage: 'completed',
    step: 'none',
    group: 'done',
    deadline: null,
    messages: [],
  },
  {
    name: 'dispute just opened: waiting for the seller, escalation opens later',
    order: stored(detail({ status: 'awaiting-delivery', ...shipped }), refunds('2026-08-09T10:00:00')),
    stage: 'dispute-seller',
    step: 'check-seller-answer',
    group: 'disputes',
    deadline: ['seller-response', sp('2026-08-14')],
    messages: ['decline-partial-refund', 'decline-return-at-own-cost'],
  },
  {
    name: 'dispute on its 5th day: escalation possible',
    order: stored(detail({ status: 'dispute-open', ...shipped }), refunds('2026-08-05T10:00:00')),
    stage: 'dispute-escalate',
    step: 'escalate',
    group: 'disputes',
    deadline: ['escalation', sp('2026-08-19')],
    messages: ['escalation-statement', 'decline-partial-refund', 'decline-return-at-own-cost'],
  },
  {
    name: 'dispute past its 15 days: with AliExpress, never done',
    order: stored(detail({ status: 'dispute-open', ...shipped }), refunds('2026-07-20T10:00:00')),
    stage: 'dispute-platform',
    step: 'await-platform',
    group: 'disputes',
    deadline: null,
    messages: ['escalation-statement'],
  },
  {
    name: 'not-received dispute, tracking turned to delivered: change the reason first',
    order: stored(
      detail({ status: 'dispute-open', ...shipped }),
      refunds('2026-08-01T10:00:00'),
      tracking(['AE_GOT', 'AE_GTMS_SIGNED'], true, sp('2026-08-08') + 9 * 3_600_000),
    ),
    stage: 'dispute-escalate',
    step: 'change-reason',
    group: 'disputes',
    deadline: ['change-reason', sp('2026-08-13')],
    messages: [
      'change-reason',
      'escalation-statement',
      'decline-partial-refund',
      'decline-return-at-own-cost',
    ],
  },
  {
    name: 'return agreed: ship it back',
    order: stored(
      detail({ status: 'dispute-open', ...shipped }),
      refunds('2026-08-01T10:00:00', { returnAgreedOn: '2026-08-08' }),
    ),
    stage: 'return-agreed',
    step: 'ship-return',
    group: 'disputes',
    deadline: ['ship-return', sp('2026-08-18')],
    messages: [],
  },
  {
    name: 'every window of an open case handled: still a dispute, never done',
    order: stored(detail({ status: 'dispute-open', ...shipped }), refunds('2026-08-09T10:00:00')),
    handled: ['seller-response', 'escalation', 'auto-escalation'],
    stage: 'dispute-seller',
    step: 'check-seller-answer',
    group: 'disputes',
    deadline: null,
    messages: ['decline-partial-refund', 'decline-return-at-own-cost'],
  },
  {
    name: 'dispute finished',
    order: stored(detail({ status: 'dispute-finished', ...shipped })),
    stage: 'dispute-finished',
    step: 'none',
    group: 'done',
    deadline: null,
    messages: [],
  },
  {
    name: 'closed',
    order: stored(detail({ status: 'closed', ...placed })),
    stage: 'closed',
    step: 'none',
    group: 'done',
    deadline: null,
    messages: [],
  },
  {
    name: 'unknown: open the order page',
    order: stored(snap('list', NOW - DAY_MS, { storeName: 'Shop' })),
    stage: 'unknown',
    step: 'open-order-page',
    group: 'done',
    deadline: null,
    messages: [],
  },
];
