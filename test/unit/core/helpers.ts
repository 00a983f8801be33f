import type { OrderSnapshot, SourceKind, StoredOrder } from '../../../src/core/model';

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
