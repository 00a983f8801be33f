/**
 * Plausible stored orders for tests and the popup bench: a mix of statuses and dates around `now`,
 * as the readers would store them (detail reads with stated windows, list reads without).
 * Deterministic for a given `seed`.
 */
import { buildLadder } from '../../../src/core/ladder';
import type { OrderStatus, StoredOrder } from '../../../src/core/model';
import { type OrderSummary, summarize } from '../../../src/core/summary';
import { civilDateOf, DAY_MS } from '../../../src/core/time';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TITLES = [
  'USB-C cable 2 m braided',
  'Phone case for Galaxy S24',
  'LED strip 5 m RGB',
  'Wireless earbuds with charging case',
  'Stainless steel kitchen scale',
  'Bike light set, rechargeable',
  'Mechanical keyboard switches (90 pcs)',
  'Silicone baking mats, set of 3',
];
const STORES = ['Ugreen Official Store', 'Baseus Store', 'Shop1102345678 Store', 'Xiaomi Global Store'];

export function generateOrders(count: number, now: number, seed = 1, timeZone = 'UTC'): StoredOrder[] {
  const r = rng(seed);
  const orders: StoredOrder[] = [];
  for (let i = 0; i < count; i++) {
    const orderId = String(8_200_000_000_000_000n + BigInt(i));
    const roll = r();
    const status: OrderStatus =
      roll < 0.35
        ? 'awaiting-delivery'
        : roll < 0.8
          ? 'completed'
          : roll < 0.9
            ? 'closed'
            : 'awaiting-shipment';
    const placedAgo = Math.floor(r() * 90) + 3;
    const placed = now - placedAgo * DAY_MS;
    const day = (t: number) => civilDateOf(t, timeZone);
    const readAt = now - Math.floor(r() * 3) * DAY_MS;
    const detail: StoredOrder['reads']['detail'] = {
      orderId,
      source: 'detail',
      readAt,
      status,
      placedOn: day(placed),
      paidOn: day(placed),
      storeName: STORES[i % STORES.length] as string,
      items: [{ title: `${TITLES[i % TITLES.length]} #${i}`, quantity: 1 }],
      missing: [],
      stated: {},
    };
    if (status !== 'awaiting-shipment') detail.shippedOn = day(placed + 2 * DAY_MS);
    if (status === 'awaiting-delivery') {
      const left = Math.floor(r() * 40) - 2; // some already past
      detail.stated = { protectionEnd: day(now + left * DAY_MS) };
    }
    if (status === 'completed') {
      detail.completedOn = day(now - Math.floor(r() * 30) * DAY_MS);
      detail.stated = { returnDaysAfterReceipt: 15 };
    }
    orders.push({ orderId, firstSeen: readAt, lastSeen: readAt, reads: { detail } });
  }
  return orders;
}

/** The summaries the worker would store for `generateOrders(...)`, built at `now`. */
export function generateSummaries(count: number, now: number, seed = 1, timeZone = 'UTC'): OrderSummary[] {
  return generateOrders(count, now, seed, timeZone).map((o) =>
    summarize(buildLadder(o, { now, timeZone }), { now, timeZone }),
  );
}
