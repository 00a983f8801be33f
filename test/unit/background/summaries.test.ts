/**
 * Full orders and their summaries in two IndexedDB stores (Maps here): a page read writes both,
 * then its health and the `changes` signal in one storage.local write; the scheduler,
 * badge and notifications work from summaries alone; a new time zone rebuilds every summary; a
 * corrupt summary or order is set aside while the other orders still remind.
 */
import { describe, expect, it } from 'vitest';
import { runScheduler } from '../../../src/background/scheduler';
import { changedSummaryIds } from '../../../src/content/summaries';
import { OrderSummary } from '../../../src/core/summary';
import { DAY_MS } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import { memoryPlatform } from '../../../src/platform/memory';
import { reconcileSummaries } from '../../../src/store/orders';
import { parseState } from '../../../src/store/state';
import { loadSummaries, nextChanges, writeSummaries } from '../../../src/store/summaries';

/** The orders a stored `changes` signal names, as the pages read it. */
const changedOrderIds = (value: unknown) => changedSummaryIds({ changes: { newValue: value } });

import { asStored, completedSnapshot, readSnapshots, settle } from './helpers';

const NOW = Date.UTC(2026, 10, 22, 12);
const A = '8000000000000001';
const B = '8000000000000002';
const C = '8000000000000003';

function setup() {
  const p = memoryPlatform({ now: NOW });
  const read = (snapshots: ReturnType<typeof completedSnapshot>[]) => readSnapshots(p, snapshots);
  const summary = (id: string) => z.parse(OrderSummary, p.summaryData.get(id));
  /** storage.local and the summaries store, parsed as a view reads them. */
  const state = async () => ({
    ...parseState(Object.fromEntries(p.data)),
    summaries: await loadSummaries(p.summaries),
  });
  return { p, read, summary, state };
}

describe('the orders store (memory platform)', () => {
  it('puts, gets (absent ids left out), lists, counts, deletes and clears, cloning in and out', async () => {
    const p = memoryPlatform();
    const a = asStored(completedSnapshot(A, NOW, 1));
    const b = asStored(completedSnapshot(B, NOW, 1));
    await p.orders.put([b, a]);
    expect(await p.orders.count()).toBe(2);
    expect(await p.orders.keys()).toEqual([A, B]);
    expect(await p.orders.get([B, C, A])).toEqual([b, a]);
    const got = (await p.orders.get([A]))[0] as { lastSeen: number };
    got.lastSeen = 0;
    expect(p.orderData.get(A)).toEqual(a);
    await p.orders.delete([A]);
    expect(await p.orders.getAll()).toEqual([b]);
    await p.orders.clear();
    expect(await p.orders.count()).toBe(0);
  });
});

describe('summaries', () => {
  it('a page read writes the order and its summary to their stores, then health and the signal in ONE storage write', async () => {
    const { p, read, summary } = setup();
    await read([]); // the store's first message stamps its version
    const writes = p.writtenKeys.length;
    const setsBefore = p.writes;
    const summaryWrites = p.summaryWrites;
    await read([completedSnapshot(A, NOW, 1), completedSnapshot(B, NOW, 2)]);
    expect([...p.orderData.keys()].sort()).toEqual([A, B]);
    expect([...p.summaryData.keys()].sort()).toEqual([A, B]);
    expect(p.summaryWrites - summaryWrites).toBe(1);
    expect(p.writtenKeys.slice(writes).filter((k) => k !== 'ledger')).toEqual(['health', 'changes']);
    expect(p.data.get('changes')).toEqual({ rev: 1, at: NOW, orderIds: [A, B] });
    // One write for the read; the scheduler's ledger write (reminders shown) is the only other.
    expect(p.writes - setsBefore).toBeLessThanOrEqual(2);
    expect(summary(A)).toMatchObject({ orderId: A, timeZone: 'UTC', builtAt: NOW });
    expect(summary(A).windows.map((w) => w.kind)).toContain('return-after-receipt');
    expect(summary(A).view.items?.value[0]?.title).toBe('Neo XENON 2.1');
  });

  it('the same read again rewrites neither the order nor its summary', async () => {
    const { p, read } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    const [orderWrites, summaryWrites, keys] = [p.orderWrites, p.summaryWrites, p.writtenKeys.length];
    await read([completedSnapshot(A, NOW, 1)]);
    expect(p.orderWrites).toBe(orderWrites);
    expect(p.summaryWrites).toBe(summaryWrites);
    expect(p.writtenKeys.slice(keys)).toEqual(['health']);
  });

  it('a summary lost between the two writes (the worker died) comes back with the next read, or at start', async () => {
    const { p, read } = setup();
    await read([completedSnapshot(A, NOW, 1), completedSnapshot(B, NOW, 1)]);
    p.summaryData.delete(A);
    await read([completedSnapshot(A, NOW, 1)]);
    expect(p.summaryData.has(A)).toBe(true);
    p.summaryData.delete(B);
    p.summaryData.set(C, { ...(p.summaryData.get(A) as object), orderId: C }); // and an orphan
    expect(await reconcileSummaries(p)).toBe(true);
    expect([...p.summaryData.keys()].sort()).toEqual([A, B]);
    expect(changedOrderIds(p.data.get('changes'))).toEqual([B, C]);
    expect(await reconcileSummaries(p)).toBe(false);
  });

  it('a new time zone rebuilds every summary from the orders store, and reminders follow the new zone', async () => {
    const { p, read, summary } = setup();
    await read([completedSnapshot(A, NOW, 1), completedSnapshot(B, NOW, 1)]);
    const closesUtc = summary(A).windows.find((w) => w.kind === 'return-after-receipt')?.closesAt;
    p.zone = 'Asia/Tokyo';
    const result = await runScheduler(p);
    expect(result.rebuilt).toBe(true);
    for (const id of [A, B]) expect(summary(id).timeZone).toBe('Asia/Tokyo');
    const closesTokyo = summary(A).windows.find((w) => w.kind === 'return-after-receipt')?.closesAt;
    // A civil date closes at the start of its day in the buyer's zone: 9 hours earlier in Tokyo.
    expect((closesUtc as number) - (closesTokyo as number)).toBe(9 * 3_600_000);
    expect((await runScheduler(p)).rebuilt).toBeUndefined();
  });

  it('the scheduler plans from summaries alone: it never reads a full order', async () => {
    const { p, read } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    p.shown.clear();
    let reads = 0;
    const counted = {
      ...p,
      orders: {
        ...p.orders,
        get: (ids: readonly string[]) => {
          reads += 1;
          return p.orders.get(ids);
        },
        getAll: () => {
          reads += 1;
          return p.orders.getAll();
        },
      },
    };
    p.clock.now += 2 * DAY_MS;
    const run = await runScheduler(counted);
    expect(reads).toBe(0);
    expect(run.orders).toBe(1);
    expect(p.badges.get('global')?.title).toContain('Neo XENON 2.1');
  });

  it('a corrupt summary is rebuilt from its order; one without an order is set aside; others still remind', async () => {
    const { p, read, summary, state: load } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    p.summaryData.set(A, { orderId: A, windows: 'corrupted' });
    p.summaryData.set(C, { orderId: C, windows: 'corrupted, no order' });
    p.shown.clear();
    await read([completedSnapshot(B, NOW, 1, 'Other item')]);
    await settle(p);
    expect(summary(A).windows.length).toBeGreaterThan(0);
    const state = await load();
    expect(state.broken).toEqual([]);
    expect(state.quarantine.map((q) => [q.key, q.raw])).toEqual([
      [`sum:${C}`, { orderId: C, windows: 'corrupted, no order' }],
    ]);
    expect(p.summaryData.has(C)).toBe(false);
    expect(state.summaries.map((s) => s.orderId).sort()).toEqual([A, B]);
    expect([...p.shown.values()].map((n) => n.message).join('\n')).toContain('Other item');
  });

  it('a corrupt order in the orders store is set aside whole when read, and the read starts a good record', async () => {
    const { p, read, state: load } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    p.orderData.set(B, { orderId: B, reads: 'corrupted by a bug' });
    await read([completedSnapshot(B, NOW, 1)]);
    const state = await load();
    expect(state.quarantine.map((q) => [q.key, q.raw])).toEqual([
      [`order:${B}`, { orderId: B, reads: 'corrupted by a bug' }],
    ]);
    expect((p.orderData.get(B) as { reads: object }).reads).toHaveProperty('detail');
    expect(state.summaries.map((s) => s.orderId).sort()).toEqual([A, B]);
  });

  it('a corrupt order found by a rebuild is set aside; every other order keeps its summary and reminders', async () => {
    const { p, read, state: load } = setup();
    await read([completedSnapshot(A, NOW, 1), completedSnapshot(B, NOW, 1)]);
    p.orderData.set(B, { orderId: B, reads: 'corrupted by a bug' });
    p.zone = 'Europe/Lisbon';
    p.shown.clear();
    p.data.delete('ledger');
    await settle(p);
    await runScheduler(p);
    const state = await load();
    expect(state.quarantine.map((q) => q.key)).toEqual([`order:${B}`]);
    expect(p.orderData.has(B)).toBe(false);
    expect(state.summaries.map((s) => s.orderId)).toEqual([A]);
    expect([...p.shown.keys()].join()).toContain(A);
  });
});

describe('the changes signal', () => {
  it('counts up, names the orders written or removed, and says all past 500 or when asked', async () => {
    const p = memoryPlatform({ now: NOW });
    expect(nextChanges(undefined, [A, A, B], NOW)).toEqual({ rev: 1, at: NOW, orderIds: [A, B] });
    const many = Array.from({ length: 501 }, (_, i) => String(8_000_000_000_000_000 + i));
    expect(nextChanges({ rev: 7, at: 0, orderIds: [] }, many, NOW)).toEqual({
      rev: 8,
      at: NOW,
      orderIds: [],
      all: true,
    });
    await writeSummaries(p, [], [], { prefs: 1 });
    expect(p.writtenKeys).toEqual(['prefs']);
    await writeSummaries(p, [], [A], { health: {} });
    expect(p.writtenKeys.slice(1)).toEqual(['health', 'changes']);
    expect(changedOrderIds(p.data.get('changes'))).toEqual([A]);
    await writeSummaries(p, [], [], {}, 'all');
    expect(p.data.get('changes')).toEqual({ rev: 2, at: NOW, orderIds: [], all: true });
    expect(changedOrderIds(p.data.get('changes'))).toBe('all');
    expect(changedOrderIds('garbage')).toBe('all');
  });

  it('the scheduler reads every summary in one read of the summaries store, and nothing of storage.local per order', async () => {
    const { p, read } = setup();
    await read([completedSnapshot(A, NOW, 1), completedSnapshot(B, NOW, 1)]);
    let reads = 0;
    const counted = {
      ...p,
      summaries: {
        ...p.summaries,
        readPlanning: (before: number, include: ReadonlySet<string>) => {
          reads += 1;
          return p.summaries.readPlanning(before, include);
        },
        readLive: (before: number, include: ReadonlySet<string>) => {
          reads += 1;
          return p.summaries.readLive(before, include);
        },
        getAll: () => {
          reads += 1;
          return p.summaries.getAll();
        },
      },
    };
    expect((await runScheduler(counted)).orders).toBe(2);
    expect(reads).toBe(1);
    expect([...p.data.keys()].some((k) => k.startsWith('sum:'))).toBe(false);
  });
});
