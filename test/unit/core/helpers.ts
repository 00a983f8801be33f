import fc from 'fast-check';
import { type OrderSnapshot, OrderStatus, type SourceKind, type StoredOrder } from '../../../src/core/model';
import { addDays } from '../../../src/core/time';

export const ORDER_ID = '8212313961591322';

/** An instant from an ISO string WITH a zone designator (never read in the host zone). */
export function at(iso: string): number {
  if (!/(Z|[+-]\d\d:\d\d)$/.test(iso)) throw new Error(`give a zone: ${iso}`);
  return Date.parse(iso);
}

export function snap(
  source: SourceKind,
  readAt: number,
  fields: Partial<Omit<OrderSnapshot, 'source' | 'readAt'>> = {},
): OrderSnapshot {
  return { orderId: ORDER_ID, source, readAt, missing: [], ...fields };
}

export function stored(...reads: OrderSnapshot[]): StoredOrder {
  const order: StoredOrder = { orderId: reads[0]?.orderId ?? ORDER_ID, firstSeen: 0, lastSeen: 0, reads: {} };
  for (const read of reads) {
    order.reads[read.source] = read;
    order.firstSeen = order.firstSeen === 0 ? read.readAt : Math.min(order.firstSeen, read.readAt);
    order.lastSeen = Math.max(order.lastSeen, read.readAt);
  }
  return order;
}

/**
 * The order of the real detail capture (shared/fixtures/real/order-detail.completed-br.json), typed
 * in by hand with the values it states: the reader that parses it belongs to another module.
 */
export function realCompletedOrder(readAt: number): StoredOrder {
  return stored(
    snap('detail', readAt, {
      lang: 'pt',
      status: 'completed',
      statusText: 'Concluído ',
      placedOn: '2026-07-15',
      paidOn: '2026-07-15',
      shippedOn: '2026-07-16',
      completedOn: '2026-07-28',
      stated: {
        protectionEnd: '2026-09-04',
        couponDelayedBy: '2026-08-03',
        couponText: 'R$5,00',
        returnDaysAfterReceipt: 7,
        disputeDaysAfterOrder: 90,
        freeReturnDaysAfterDelivery: 15,
        estimatedDelivery: '2026-08-03',
      },
    }),
  );
}

/** Zones with DST at midnight, half-hour offsets, +14, southern-hemisphere DST, no DST. */
export const ZONES = [
  'UTC',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Pacific/Chatham',
  'Asia/Tokyo',
] as const;

/** A realistic random order: any status, dates in order, some stated windows, tracking and cases. */
export const orderArb = fc
  .record({
    id: fc.bigInt({ min: 8_000_000_000_000_000n, max: 8_999_999_999_999_999n }),
    status: fc.constantFrom(...OrderStatus.options),
    placed: fc.integer({ min: 0, max: 3 * 365 }),
    paidAfter: fc.integer({ min: 0, max: 2 }),
    shipAfter: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    deliverAfter: fc.option(fc.integer({ min: 3, max: 70 }), { nil: undefined }),
    completeAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    protectionDays: fc.option(fc.integer({ min: 20, max: 90 }), { nil: undefined }),
    couponDays: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
    returnDays: fc.option(fc.constantFrom(7, 15), { nil: undefined }),
    freeDays: fc.option(fc.constant(15), { nil: undefined }),
    trackingEnd: fc.option(fc.integer({ min: -1, max: 1 }), { nil: undefined }),
    button: fc.boolean(),
    caseAfter: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    agreedAfter: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    readAfter: fc.integer({ min: 0, max: 120 }),
  })
  .map((r): StoredOrder => {
    const base = '2025-01-01';
    const day = (n: number) => addDays(base, n);
    const placed = r.placed;
    const shipped = r.shipAfter === undefined ? undefined : placed + r.paidAfter + r.shipAfter;
    const delivered =
      shipped === undefined || r.deliverAfter === undefined ? undefined : shipped + r.deliverAfter;
    const completed =
      delivered === undefined || r.completeAfter === undefined ? undefined : delivered + r.completeAfter;
    const readAt = Date.UTC(2025, 0, 1) + (placed + r.readAfter) * 86_400_000;
    const pe =
      shipped === undefined || r.protectionDays === undefined ? undefined : shipped + r.protectionDays;
    const orderId = String(r.id);
    const detail: OrderSnapshot = {
      orderId,
      source: 'detail',
      readAt,
      missing: [],
      status: r.status,
      placedOn: day(placed),
      paidOn: day(placed + r.paidAfter),
      ...(shipped === undefined ? {} : { shippedOn: day(shipped) }),
      ...(completed === undefined ? {} : { completedOn: day(completed) }),
      ...(r.button ? { buttons: ['OPEN_DISPUTE'] } : {}),
      stated: {
        ...(pe === undefined ? {} : { protectionEnd: day(pe) }),
        ...(r.couponDays === undefined || shipped === undefined
          ? {}
          : { couponDelayedBy: day(shipped + r.couponDays) }),
        ...(r.returnDays === undefined ? {} : { returnDaysAfterReceipt: r.returnDays }),
        ...(r.freeDays === undefined ? {} : { freeReturnDaysAfterDelivery: r.freeDays }),
      },
    };
    const order: StoredOrder = { orderId, firstSeen: readAt, lastSeen: readAt, reads: { detail } };
    if (shipped !== undefined) {
      order.reads.tracking = {
        orderId,
        source: 'tracking',
        readAt,
        missing: [],
        ...(pe === undefined || r.trackingEnd === undefined
          ? {}
          : { stated: { protectionEnd: day(pe + r.trackingEnd) } }),
        tracking: {
          events: [],
          delivered: delivered !== undefined,
          ...(delivered === undefined
            ? {}
            : { deliveredAt: Date.UTC(2025, 0, 1) + delivered * 86_400_000 + 13 * 3_600_000 }),
        },
      };
    }
    if (r.caseAfter !== undefined) {
      const created = placed + r.caseAfter;
      order.reads.refunds = {
        orderId,
        source: 'refunds',
        readAt,
        missing: [],
        cases: [
          {
            state: 'open',
            createdAt: `${day(created)}T10:20:30`,
            ...(r.agreedAfter === undefined ? {} : { returnAgreedOn: day(created + r.agreedAfter) }),
          },
        ],
      };
    }
    return order;
  });
