import { describe, expect, it } from 'vitest';
import {
  buildLadder,
  type DeadlineWindow,
  urgency,
  type WindowKind,
  windowState,
} from '../../../src/core/ladder';
import type { OrderSnapshot, StoredOrder } from '../../../src/core/model';
import { DAY_MS, HOUR_MS } from '../../../src/core/time';
import { at, ORDER_ID, realCompletedOrder, snap, stored } from './helpers';

const TZ = 'America/Sao_Paulo';
/** Start of a day in São Paulo (UTC-3 all year since 2019). */
const sp = (date: string): number => at(`${date}T00:00:00-03:00`);
const READ = at('2026-07-29T15:00:00-03:00');

type Expected = Partial<
  Pick<DeadlineWindow, 'opensAt' | 'closesAt' | 'confidence' | 'basis' | 'note' | 'losesMoney' | 'action'>
> & { rule?: string; page?: string };

interface Row {
  name: string;
  order: StoredOrder;
  now: number;
  expect: Partial<Record<WindowKind, Expected>>;
}

const statedReal = realCompletedOrder(READ).reads.detail?.stated ?? {};
const inTransit = (fields: Partial<OrderSnapshot> = {}, readAt = READ): OrderSnapshot =>
  snap('detail', readAt, {
    status: 'awaiting-delivery',
    placedOn: '2026-07-15',
    paidOn: '2026-07-15',
    shippedOn: '2026-07-16',
    ...fields,
  });

const rows: Row[] = [
  {
    name: 'awaiting payment: nothing paid, nothing to remind even with stated dates',
    order: stored(
      snap('detail', READ, { status: 'awaiting-payment', placedOn: '2026-07-15', stated: statedReal }),
    ),
    now: READ,
    expect: {},
  },
  {
    name: 'awaiting shipment, list only: an estimated end counted from the order date (never later than placed + 60 days)',
    order: stored(snap('list', READ, { status: 'awaiting-shipment', placedOn: '2026-07-15' })),
    now: READ,
    expect: {
      'protection-end': {
        opensAt: null,
        closesAt: sp('2026-09-13'),
        confidence: 'estimated',
        basis: 'placedOn',
        rule: 'protection-after-shipment',
        note: 'counted-from-order-date',
      },
      'ask-extension': {
        opensAt: sp('2026-09-08'),
        closesAt: sp('2026-09-13'),
        losesMoney: false,
        note: 'counted-from-order-date',
      },
    },
  },
  {
    name: 'processing with stated protection end and coupon: those, no dispute window yet',
    order: stored(
      snap('detail', READ, {
        status: 'processing',
        placedOn: '2026-07-15',
        stated: { protectionEnd: '2026-09-04', couponDelayedBy: '2026-08-03', couponText: 'R$5,00' },
      }),
    ),
    now: READ,
    expect: {
      'protection-end': {
        closesAt: sp('2026-09-04'),
        confidence: 'stated',
        page: 'detail',
        basis: 'protectionEnd',
      },
      'ask-extension': {
        opensAt: sp('2026-08-30'),
        closesAt: sp('2026-09-04'),
        confidence: 'stated',
        losesMoney: false,
      },
      'late-coupon': {
        opensAt: sp('2026-08-06'),
        closesAt: sp('2026-09-04'),
        confidence: 'stated',
        page: 'detail',
      },
    },
  },
  {
    name: 'awaiting delivery, stated dates (the real capture before completion)',
    order: stored(inTransit({ stated: { ...statedReal, returnDaysAfterReceipt: undefined } })),
    now: READ,
    expect: {
      'protection-end': {
        opensAt: null,
        closesAt: sp('2026-09-04'),
        confidence: 'stated',
        action: 'confirm-or-dispute',
      },
      'ask-extension': { opensAt: sp('2026-08-30'), closesAt: sp('2026-09-04'), action: 'ask-extension' },
      // Shipped Jul 16, promised Aug 3 (18 days): the 11th day after shipment.
      'dispute-open': {
        opensAt: sp('2026-07-27'),
        closesAt: sp('2026-09-04'),
        confidence: 'estimated',
        rule: 'dispute-opens-after-shipment',
        basis: 'shippedOn',
      },
      // Not delivered by the end of Aug 3, claimable 48 h later.
      'late-coupon': {
        opensAt: sp('2026-08-06'),
        closesAt: sp('2026-09-04'),
        action: 'claim-coupon',
        losesMoney: true,
      },
    },
  },
  {
    name: 'awaiting delivery, nothing stated, economy line: 60 days from shipment, noted',
    order: stored(
      inTransit(),
      snap('tracking', READ, {
        tracking: { carrier: 'Cainiao Super Economy Global', events: [], delivered: false },
      }),
    ),
    now: READ,
    expect: {
      'protection-end': {
        closesAt: sp('2026-09-14'),
        confidence: 'estimated',
        rule: 'protection-after-shipment',
        basis: 'shippedOn',
        note: 'economy-line-may-be-longer',
      },
      'ask-extension': {
        opensAt: sp('2026-09-09'),
        closesAt: sp('2026-09-14'),
        confidence: 'estimated',
        note: 'economy-line-may-be-longer',
      },
      'dispute-open': { opensAt: sp('2026-07-27'), closesAt: sp('2026-09-14') },
    },
  },
  {
    name: 'awaiting delivery with no ship date: counted from payment (earlier), no dispute window',
    order: stored(
      snap('list', READ, { status: 'awaiting-delivery', placedOn: '2026-07-14' }),
      inTransit({ shippedOn: undefined, placedOn: undefined, paidOn: '2026-07-15' }),
    ),
    now: READ,
    expect: {
      'protection-end': { closesAt: sp('2026-09-13'), basis: 'paidOn', note: 'counted-from-order-date' },
      'ask-extension': { opensAt: sp('2026-09-08'), note: 'counted-from-order-date' },
    },
  },
  {
    name: 'awaiting delivery, promised in 5 days or less: dispute open from the ship date',
    order: stored(inTransit({ stated: { estimatedDelivery: '2026-07-20' } })),
    now: READ,
    expect: {
      'protection-end': { closesAt: sp('2026-09-14') },
      'ask-extension': {},
      'dispute-open': { opensAt: sp('2026-07-16'), rule: 'dispute-opens-fast-delivery' },
    },
  },
  {
    name: 'the page shows its Returns/refunds button: dispute open now, stated',
    order: stored(
      inTransit({
        items: [{ title: 'Case', buttons: ['OPEN_DISPUTE'] }],
        stated: { protectionEnd: '2026-09-04' },
      }),
    ),
    now: READ,
    expect: {
      'protection-end': { closesAt: sp('2026-09-04') },
      'ask-extension': {},
      'dispute-open': { opensAt: READ, confidence: 'stated', page: 'detail', basis: 'page-button' },
    },
  },
  {
    name: 'delivered by tracking before the coupon date: no extension request, no coupon',
    order: stored(
      inTransit({ stated: { protectionEnd: '2026-09-04', couponDelayedBy: '2026-08-03' } }),
      snap('tracking', READ, {
        tracking: { events: [], delivered: true, deliveredAt: at('2026-08-01T10:00:00-03:00') },
      }),
    ),
    now: at('2026-08-02T10:00:00-03:00'),
    expect: {
      'protection-end': { closesAt: sp('2026-09-04') },
      'dispute-open': { opensAt: sp('2026-07-27') },
    },
  },
  {
    name: 'detail and tracking disagree on the protection end: the earlier, noted',
    order: stored(
      inTransit({ stated: { protectionEnd: '2026-09-04' } }),
      snap('tracking', READ - HOUR_MS, {
        stated: { protectionEnd: '2026-09-03' },
        tracking: { events: [], delivered: false },
      }),
    ),
    now: READ,
    expect: {
      'protection-end': { closesAt: sp('2026-09-03'), page: 'tracking', note: 'sources-disagree' },
      'ask-extension': { opensAt: sp('2026-08-29'), note: 'sources-disagree' },
      'dispute-open': { closesAt: sp('2026-09-03') },
    },
  },
  {
    name: 'completed, the real capture: 7 days after receipt, free return, 90 days after order',
    order: realCompletedOrder(READ),
    now: READ,
    expect: {
      'return-after-receipt': {
        opensAt: sp('2026-07-28'),
        closesAt: sp('2026-08-04'),
        confidence: 'stated',
        basis: 'completedOn',
        action: 'request-return',
      },
      'free-return': { closesAt: sp('2026-08-12'), confidence: 'stated', basis: 'completedOn' },
      'not-as-described': {
        closesAt: sp('2026-10-13'),
        confidence: 'stated',
        basis: 'placedOn',
        action: 'open-dispute',
      },
    },
  },
  {
    name: 'completed, nothing stated: the table (7 and 90 days), no free return',
    order: stored(
      snap('detail', READ, {
        status: 'completed',
        placedOn: '2026-07-15',
        shippedOn: '2026-07-16',
        completedOn: '2026-07-28',
      }),
    ),
    now: READ,
    expect: {
      'return-after-receipt': {
        closesAt: sp('2026-08-04'),
        confidence: 'estimated',
        rule: 'return-after-receipt',
      },
      'not-as-described': {
        closesAt: sp('2026-10-13'),
        confidence: 'estimated',
        rule: 'not-as-described-after-order',
      },
    },
  },
  {
    name: 'completed with no completion date: counted from the tracking delivery',
    order: stored(
      snap('list', READ, {
        status: 'completed',
        placedOn: '2026-07-15',
        stated: { freeReturnDaysAfterDelivery: 15 },
      }),
      snap('tracking', READ, {
        tracking: {
          events: [{ code: 'AE_GTMS_SIGNED', at: at('2026-07-27T18:46:00-03:00') }],
          delivered: true,
        },
      }),
    ),
    now: READ,
    expect: {
      'return-after-receipt': {
        closesAt: sp('2026-08-03'),
        basis: 'delivered',
        note: 'counted-from-delivery',
      },
      'free-return': { closesAt: sp('2026-08-11'), basis: 'delivered' },
      'not-as-described': { closesAt: sp('2026-10-13') },
    },
  },
  {
    name: 'free return counts from the earlier of delivery and completion',
    order: stored(
      snap('detail', READ, {
        status: 'completed',
        placedOn: '2026-07-15',
        completedOn: '2026-07-28',
        stated: { freeReturnDaysAfterDelivery: 15 },
      }),
      snap('tracking', READ, {
        tracking: { events: [], delivered: true, deliveredAt: at('2026-07-26T09:00:00-03:00') },
      }),
    ),
    now: READ,
    expect: {
      'return-after-receipt': { closesAt: sp('2026-08-04'), basis: 'completedOn' },
      'free-return': { closesAt: sp('2026-08-10'), basis: 'delivered' },
      'not-as-described': {},
    },
  },
  {
    name: 'dispute open (refunds case), delivered after the request, return agreed',
    order: stored(
      realCompletedOrder(READ).reads.detail as OrderSnapshot,
      snap('refunds', at('2026-08-14T12:00:00-03:00'), {
        cases: [
          { state: 'finished', createdAt: '2026-07-20T10:00:00' },
          { state: 'open', createdAt: '2026-08-10T21:19:58', returnAgreedOn: '2026-08-14' },
        ],
      }),
      snap('tracking', at('2026-08-14T12:00:00-03:00'), {
        tracking: { events: [], delivered: true, deliveredAt: at('2026-08-12T11:00:00-03:00') },
      }),
    ),
    now: at('2026-08-14T13:00:00-03:00'),
    expect: {
      'seller-response': {
        opensAt: at('2026-08-10T21:19:58-03:00'),
        closesAt: sp('2026-08-15'),
        losesMoney: false,
      },
      escalation: {
        opensAt: sp('2026-08-13'),
        closesAt: sp('2026-08-24'),
        action: 'escalate',
        losesMoney: false,
      },
      'auto-escalation': { opensAt: sp('2026-08-25'), closesAt: null, losesMoney: false },
      'change-reason': {
        opensAt: at('2026-08-12T11:00:00-03:00'),
        closesAt: sp('2026-08-17'),
        losesMoney: true,
      },
      'ship-return': {
        opensAt: sp('2026-08-14'),
        closesAt: sp('2026-08-24'),
        losesMoney: true,
        rule: 'ship-return-after-agreed',
      },
    },
  },
  {
    name: 'closed: nothing',
    order: stored(snap('detail', READ, { status: 'closed', placedOn: '2026-07-15', stated: statedReal })),
    now: READ,
    expect: {},
  },
  {
    name: 'dispute finished: nothing',
    order: stored(
      snap('detail', READ, { status: 'dispute-finished', placedOn: '2026-07-15', completedOn: '2026-07-28' }),
    ),
    now: READ,
    expect: {},
  },
];

describe('buildLadder: windows per status', () => {
  it.each(rows)('$name', ({ order, now, expect: expected }) => {
    const ladder = buildLadder(order, { now, timeZone: TZ });
    expect(ladder.windows.map((w) => w.kind).sort()).toEqual(Object.keys(expected).sort());
    for (const w of ladder.windows) {
      const e = expected[w.kind] ?? {};
      const { rule, page, ...fields } = e;
      expect(w, w.kind).toMatchObject(fields);
      if (rule !== undefined) expect(w.source).toEqual({ type: 'rule', ruleId: rule });
      if (page !== undefined) expect(w.source).toMatchObject({ type: 'stated', page });
      expect(w.id).toBe(`${ORDER_ID}:${w.kind}`);
      expect(w.orderId).toBe(ORDER_ID);
      if (e.note === undefined) expect(w.note).toBeUndefined();
    }
  });

  it('sorts windows by closing time', () => {
    const { windows } = buildLadder(realCompletedOrder(READ), { now: READ, timeZone: TZ });
    expect(windows.map((w) => w.kind)).toEqual(['return-after-receipt', 'free-return', 'not-as-described']);
  });

  it('closes date-only deadlines at the start of the day in the BUYER zone', () => {
    const order = realCompletedOrder(READ);
    const tokyo = buildLadder(order, { now: READ, timeZone: 'Asia/Tokyo' });
    const ret = tokyo.windows.find((w) => w.kind === 'return-after-receipt');
    expect(ret?.closesAt).toBe(at('2026-08-04T00:00:00+09:00'));
  });

  it('keeps the stated protection end in the view of a completed order', () => {
    const { view } = buildLadder(realCompletedOrder(READ), { now: READ, timeZone: TZ });
    expect(view.stated.protectionEnd).toEqual({ value: '2026-09-04', source: 'detail', readAt: READ });
    expect(view.stated.couponText?.value).toBe('R$5,00');
  });
});

describe('stale reads', () => {
  const order = stored(inTransit({ stated: { protectionEnd: '2026-09-04' } }));
  it('marks windows of an order not read for more than 7 days as stale, keeping the read time', () => {
    const later = READ + 8 * DAY_MS;
    const pe = buildLadder(order, { now: later, timeZone: TZ }).windows.find(
      (w) => w.kind === 'protection-end',
    );
    expect(pe?.confidence).toBe('stale');
    expect(pe?.seenAt).toBe(READ);
    expect(pe?.source).toMatchObject({ type: 'stated', readAt: READ });
  });
  it('honours staleAfterDays, and never calls a final order stale', () => {
    const later = READ + 8 * DAY_MS;
    const fresh = buildLadder(order, { now: later, timeZone: TZ, staleAfterDays: 30 });
    expect(fresh.windows.every((w) => w.confidence !== 'stale')).toBe(true);
    const done = buildLadder(realCompletedOrder(READ), { now: READ + 60 * DAY_MS, timeZone: TZ });
    expect(done.windows.every((w) => w.confidence === 'stated')).toBe(true);
  });
});

describe('window helpers', () => {
  const w = { opensAt: 100, closesAt: 200 };
  it('windowState', () => {
    expect(windowState(w, 99)).toBe('upcoming');
    expect(windowState(w, 100)).toBe('open');
    expect(windowState(w, 199)).toBe('open');
    expect(windowState(w, 200)).toBe('closed');
    expect(windowState({ opensAt: null, closesAt: null }, 0)).toBe('open');
  });

  it('urgency', () => {
    expect(urgency(0)).toBe('overdue');
    expect(urgency(-1)).toBe('overdue');
    expect(urgency(2 * DAY_MS - 1)).toBe('urgent');
    expect(urgency(2 * DAY_MS)).toBe('soon');
    expect(urgency(7 * DAY_MS - 1)).toBe('soon');
    expect(urgency(7 * DAY_MS)).toBe('later');
  });
});
