/**
 * The view builds its facts lazily and the ladder reads the winning reads directly (both for speed:
 * bench/core.bench.ts). This checks that nothing a caller can read changed: every field of the view
 * and every window of the ladder equal what the eager implementation (frozen in ./reference/) gave,
 * on the bench's generated orders and on random orders with every read kind, ties and conflicts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateOrders } from '../../../bench/core.bench';
import { buildLadder } from '../../../src/core/ladder';
import type { OrderSnapshot, SourceKind, StoredOrder } from '../../../src/core/model';
import { orderView } from '../../../src/core/view';
import { orderArb } from './helpers';
import { buildLadder as referenceLadder } from './reference/ladder';
import { orderView as referenceView } from './reference/view';

const VIEW_KEYS = [
  'orderId',
  'status',
  'statusText',
  'placedOn',
  'paidOn',
  'shippedOn',
  'completedOn',
  'storeName',
  'storeUrl',
  'totalText',
  'lang',
  'items',
  'buttons',
  'canOpenDispute',
  'stated',
  'tracking',
  'delivered',
  'cases',
  'openCase',
  'conflicts',
  'final',
  'lastReadAt',
  'stale',
] as const;

type Ctx = { now: number; timeZone: string; staleAfterDays?: number };

function expectSameView(order: StoredOrder, ctx: Ctx, readFirst: boolean): void {
  const view = orderView(order, ctx);
  const ref = referenceView(order, ctx);
  // Read in two orders: a lazily built fact must not depend on which other fact was read first.
  const keys = readFirst ? VIEW_KEYS : [...VIEW_KEYS].reverse();
  for (const key of keys) expect(view[key], key).toStrictEqual(ref[key]);
  // The chosen protection end is the same object as the first value of its conflict, as before.
  if (ref.conflicts.length > 0) expect(view.conflicts[0]?.values[0]).toBe(view.stated.protectionEnd);
  // Memoised: reading twice gives the same object.
  expect(view.stated).toBe(view.stated);
  expect(view.items).toBe(view.items);
}

function expectSameLadder(order: StoredOrder, ctx: Ctx): void {
  const ladder = buildLadder(order, ctx);
  const ref = referenceLadder(order, ctx);
  expect(ladder.orderId).toBe(ref.orderId);
  expect(ladder.windows).toStrictEqual(ref.windows);
  for (const key of VIEW_KEYS) expect(ladder.view[key], key).toStrictEqual(ref.view[key]);
}

const ZONES = ['America/Sao_Paulo', 'Asia/Tokyo', 'America/New_York', 'Pacific/Chatham'];
const BENCH_NOW = Date.UTC(2026, 7, 15, 15, 0, 0);

/** Moves reads to other kinds, adds list / DOM copies with other times, so every rank and tie occurs. */
const KINDS: readonly SourceKind[] = ['detail', 'dom-detail', 'tracking', 'list', 'dom-list', 'refunds'];
const shuffledOrderArb = fc
  .tuple(
    orderArb,
    fc.array(
      fc.tuple(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS), fc.integer({ min: -3, max: 3 })),
      {
        maxLength: 4,
      },
    ),
    fc.boolean(),
  )
  .map(([order, moves, display]): StoredOrder => {
    const reads: StoredOrder['reads'] = { ...order.reads };
    for (const [from, to, hours] of moves) {
      const read = reads[from];
      if (read === undefined) continue;
      const copy: OrderSnapshot = { ...read, source: to, readAt: read.readAt + hours * 3_600_000 };
      if (display) {
        Object.assign(copy, {
          statusText: `text ${to}`,
          storeName: `store ${to}`,
          storeUrl: `https://example.com/${to}`,
          totalText: `R$ ${hours}`,
          lang: to.length % 2 ? 'pt' : 'en',
          items: [{ title: `item ${to}`, buttons: hours > 0 ? ['OPEN_DISPUTE'] : ['TRACKING'] }],
          cases:
            hours === 0 ? [] : [{ state: 'open', createdAt: `2025-0${(hours + 4) % 9 || 1}-01T10:00:00` }],
        });
      }
      reads[to] = copy;
    }
    return { ...order, reads };
  });

describe('lazy view and direct-read ladder equal the eager implementation', () => {
  it('on the bench orders, in several zones', () => {
    const orders = generateOrders(1500, 7);
    for (const [i, order] of orders.entries()) {
      const timeZone = ZONES[i % ZONES.length] as string;
      expectSameView(order, { now: BENCH_NOW, timeZone }, i % 2 === 0);
      expectSameLadder(order, { now: BENCH_NOW, timeZone });
      expectSameLadder(order, { now: BENCH_NOW + 30 * 86_400_000, timeZone, staleAfterDays: 3 });
    }
  });

  it('on random orders with every read kind, ties and conflicts', () => {
    fc.assert(
      fc.property(
        shuffledOrderArb,
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 200 }),
        fc.boolean(),
        (order, timeZone, days, first) => {
          const now = Date.UTC(2025, 0, 1) + days * 86_400_000;
          expectSameView(order, { now, timeZone }, first);
          expectSameLadder(order, { now, timeZone });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('on an order with no read', () => {
    const order: StoredOrder = { orderId: '8100000000000000', firstSeen: 0, lastSeen: 0, reads: {} };
    expectSameView(order, { now: BENCH_NOW, timeZone: 'UTC' }, true);
    expectSameLadder(order, { now: BENCH_NOW, timeZone: 'UTC' });
  });
});
