/**
 * The generated order history that the benchmarks and the many-order tests share: the same
 * options always give the same orders, and the orders are what a long-time buyer's account holds,
 * checked through the code production runs (each order parses as stored, and its ladder agrees
 * with the stage it was generated in).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Stage as JourneyStage, stageOf } from '../../../src/core/journey';
import { StoredOrder } from '../../../src/core/model';
import { OVERDUE_GRACE_MS } from '../../../src/core/reminders';
import { DAY_MS } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import {
  CARRIERS,
  generateHistory,
  LANGS,
  LIVE_STAGES,
  MIX_PER_10K,
  type Stage,
  stageCounts,
  summariesOf,
} from '../../history/history';

const NOW = Date.UTC(2026, 10, 20, 12);
const ZONE = 'Europe/Warsaw';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('generated history: seeded and stable', () => {
  it('gives the same orders for the same options, and other orders for another seed', () => {
    const a = generateHistory({ orders: 300, now: NOW, seed: 5, timeZone: ZONE });
    const b = generateHistory({ orders: 300, now: NOW, seed: 5, timeZone: ZONE });
    const c = generateHistory({ orders: 300, now: NOW, seed: 6, timeZone: ZONE });
    expect(b.orders).toEqual(a.orders);
    expect([...b.stages]).toEqual([...a.stages]);
    expect(digest(c.orders)).not.toBe(digest(a.orders));
  });

  it('has not changed since the benchmarks were last run on it', () => {
    // Bench figures from one commit to the next compare the same history only while this holds:
    // change the generator on purpose, then update the digest and rerun `npm run bench`.
    const { orders } = generateHistory({ orders: 500, now: NOW, seed: 1, timeZone: 'UTC' });
    expect(digest(orders)).toBe('8dd660169ada6e6a5d02ac2f6a1064c6cee61bd72e9601b9fe2fb00c6e5698be');
  });
});

describe('generated history: the mix of a long-time buyer', () => {
  const N = 10_000;
  const { orders, stages } = generateHistory({ orders: N, now: NOW, timeZone: ZONE });
  const summaries = summariesOf(orders, NOW, ZONE);
  const byStage = new Map<Stage, number>();
  for (const stage of stages.values()) byStage.set(stage, (byStage.get(stage) ?? 0) + 1);

  it('holds N valid stored orders with unique ids that grow with the order date', () => {
    expect(orders).toHaveLength(N);
    for (const order of orders) expect(z.safeParse(StoredOrder, order).success).toBe(true);
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(N);
    for (let i = 1; i < orders.length; i++) {
      const [prev, cur] = [orders[i - 1], orders[i]] as [StoredOrder, StoredOrder];
      expect(BigInt(cur.orderId) > BigInt(prev.orderId)).toBe(true);
      expect((cur.reads.detail?.placedOn ?? '') >= (prev.reads.detail?.placedOn ?? '')).toBe(true);
    }
  });

  it('has a few dozen live orders of each live stage and years of closed ones', () => {
    expect(Object.fromEntries(byStage)).toEqual(stageCounts(N));
    for (const [stage, per10k] of Object.entries(MIX_PER_10K))
      expect(byStage.get(stage as Stage)).toBe(per10k);
    const live = LIVE_STAGES.reduce((sum, s) => sum + (byStage.get(s) ?? 0), 0);
    expect(live).toBeGreaterThanOrEqual(100);
    expect(live).toBeLessThanOrEqual(200);
    const placed = orders.map((o) => o.reads.detail?.placedOn ?? '').sort();
    const spanDays = (Date.parse(placed.at(-1) ?? '') - Date.parse(placed[0] ?? '')) / DAY_MS;
    expect(spanDays).toBeGreaterThan(4 * 365);
  });

  it('is seen through the ladder as generated: history closed for good, live orders open', () => {
    const openMoney = new Map<Stage, number>();
    for (const s of summaries) {
      const stage = stages.get(s.orderId) as Stage;
      const closedForGood = s.windows.every(
        (w) => w.closesAt !== null && w.closesAt + OVERDUE_GRACE_MS <= NOW,
      );
      if (!LIVE_STAGES.includes(stage)) expect(closedForGood, `${stage} ${s.orderId}`).toBe(true);
      if (s.windows.some((w) => w.losesMoney && w.closesAt !== null && w.closesAt > NOW))
        openMoney.set(stage, (openMoney.get(stage) ?? 0) + 1);
      if (stage === 'dispute') expect(s.view.status?.value).toBe('dispute-open');
    }
    // Nearly every parcel on its way, delivered or inside its return window still has money at
    // stake (a few are overdue: their protection ended before they arrived).
    for (const stage of ['in-transit', 'delivered', 'return-window'] as const)
      expect(openMoney.get(stage) ?? 0).toBeGreaterThanOrEqual(0.85 * (byStage.get(stage) ?? 0));
    for (const stage of ['completed', 'closed', 'dispute-finished'] as const)
      expect(openMoney.get(stage)).toBeUndefined();
  });

  it('is at the stage the journey names for each order, as generated', () => {
    const journeyStage: Record<Stage, readonly JourneyStage[]> = {
      'awaiting-payment': ['awaiting-payment'],
      'awaiting-shipment': ['awaiting-shipment'],
      'in-transit': ['in-transit'],
      delivered: ['delivered'],
      'return-window': ['completed'],
      dispute: ['dispute-seller', 'dispute-escalate', 'dispute-platform', 'return-agreed'],
      completed: ['completed'],
      closed: ['closed'],
      'dispute-finished': ['dispute-finished'],
    };
    for (const s of summaries) {
      const stage = stages.get(s.orderId) as Stage;
      expect(journeyStage[stage], `${stage} ${s.orderId}`).toContain(stageOf(s, NOW));
    }
  });

  it('spans several stores and carriers, and titles in six languages', () => {
    const stores = new Set(orders.map((o) => o.reads.detail?.storeName));
    expect(stores.size).toBeGreaterThanOrEqual(30);
    const carriers = new Set(orders.map((o) => o.reads.tracking?.tracking?.carrier).filter(Boolean));
    expect([...carriers].sort()).toEqual([...CARRIERS].sort());
    const langs = new Map<string, Set<string>>();
    for (const o of orders) {
      const lang = o.reads.detail?.lang ?? '';
      const titles = langs.get(lang) ?? new Set<string>();
      for (const item of o.reads.detail?.items ?? []) titles.add(item.title);
      langs.set(lang, titles);
    }
    expect([...langs.keys()].sort()).toEqual([...LANGS].sort());
    // Each language's titles are its own (no two languages share one).
    const all = [...langs.values()].flatMap((t) => [...t]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('scales the mix down for small histories and keeps one of each live stage from 100 orders', () => {
    for (const n of [0, 7, 100, 400, 2_000]) {
      const counts = stageCounts(n);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(n);
      if (n >= 100) for (const s of LIVE_STAGES) expect(counts[s]).toBeGreaterThanOrEqual(1);
    }
    const small = generateHistory({ orders: 7, now: NOW });
    expect(small.orders).toHaveLength(7);
  });
});
