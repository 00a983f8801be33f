/**
 * Numbered migrations, each from a stored fixture of the older shape (test/fixtures/store/v<N>.json),
 * and the runner: in order, writing only what changed, never dropping a record it cannot read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSnapshot } from '../../../src/core/merge';
import { type OrderSnapshot, StoredOrder } from '../../../src/core/model';
import { OrderSummary } from '../../../src/core/summary';
import { z } from '../../../src/core/z';
import { type MemoryPlatform, memoryPlatform } from '../../../src/platform/memory';
import { SCHEMA_VERSION } from '../../../src/store/items';
import {
  ensureCurrent,
  MIGRATIONS,
  migrateStore,
  runMigrations,
  storedVersion,
} from '../../../src/store/migrations';
import { parseState } from '../../../src/store/state';
import { loadSummaries } from '../../../src/store/summaries';

const fixture = (version: number): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/store', `v${version}.json`), 'utf8'))
    .store;

/** The IndexedDB `orders` records of a fixture (version 3 and later), by order id. */
const fixtureOrders = (version: number): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/store', `v${version}.json`), 'utf8'))
    .orders ?? {};

function platformWith(store: Record<string, unknown>, now?: number, orders: Record<string, unknown> = {}) {
  const p = memoryPlatform({ timeZone: 'America/Sao_Paulo', ...(now === undefined ? {} : { now }) });
  for (const [k, v] of Object.entries(store)) p.data.set(k, structuredClone(v));
  for (const [k, v] of Object.entries(orders)) p.orderData.set(k, structuredClone(v));
  return p;
}

/** What a run leaves, `builtAt` and the `changes` signal (a view's cue, not data) aside. */
const snapshot = (p: MemoryPlatform) => ({
  local: Object.fromEntries([...p.data].filter(([k]) => k !== 'changes')),
  orders: Object.fromEntries(p.orderData),
  summaries: Object.fromEntries([...p.summaryData].map(([k, v]) => [k, { ...(v as object), builtAt: 0 }])),
});

describe('migration 1 → 2', () => {
  const step = MIGRATIONS.find((m) => m.to === 2);

  it('gives each v1 order field the time of the read that stated it', () => {
    const v1 = fixture(1);
    expect(storedVersion(v1)).toBe(1);
    const changed = step?.migrate(v1) ?? {};
    expect(Object.keys(changed).sort()).toEqual(['order:8212313961591322', 'order:8212313961599999']);
    const order = z.parse(StoredOrder, changed['order:8212313961599999']);
    expect(order.fieldReadAt?.list).toEqual({
      status: 1784000000000,
      placedOn: 1784000000000,
      totalText: 1784000000000,
    });
    expect(order.fieldReadAt?.detail?.['stated.protectionEnd']).toBe(1785100000000);
    expect(order.fieldReadAt?.detail?.shippedOn).toBe(1785100000000);
    // Order data itself is unchanged.
    expect(order.reads).toEqual((v1['order:8212313961599999'] as StoredOrder).reads);
  });

  it('does not modify its input', () => {
    const v1 = fixture(1);
    const copy = structuredClone(v1);
    step?.migrate(v1);
    expect(v1).toEqual(copy);
  });
});

describe('migration 2 → 3 (→ 4): orders move to IndexedDB, each with a summary', () => {
  const NOW = Date.UTC(2026, 7, 10, 12);
  const IDS = ['8212313961591322', '8212313961599999'];
  const v2 = () => fixture(2);
  const userKeys = (p: MemoryPlatform) =>
    Object.fromEntries([...p.data].filter(([k]) => /^(checklist:|note:|prefs$|ledger$|health$)/.test(k)));

  /** A clean run's result, to compare interrupted ones against (`builtAt` aside). */
  async function cleanRun() {
    const p = platformWith(v2(), NOW);
    await runMigrations(p);
    return p;
  }

  it('moves every order to IndexedDB, writes its summary there, removes the order: keys, then stamps 4', async () => {
    const p = platformWith(v2(), NOW);
    expect(storedVersion(v2())).toBe(2);
    const run = await runMigrations(p);
    expect(run).toEqual({ from: 2, to: 4, written: ['meta'], moved: 2 });
    expect([...p.orderData.keys()].sort()).toEqual(IDS);
    expect([...p.summaryData.keys()].sort()).toEqual(IDS);
    for (const id of IDS) {
      expect(p.orderData.get(id)).toEqual(v2()[`order:${id}`]);
      const summary = z.parse(OrderSummary, p.summaryData.get(id));
      expect(summary).toMatchObject({ orderId: id, timeZone: 'America/Sao_Paulo', builtAt: NOW });
      expect(summary.windows.length).toBeGreaterThan(0);
    }
    expect([...p.data.keys()].filter((k) => /^(order|sum):/.test(k))).toEqual([]);
    expect(p.data.get('meta')).toEqual({ schemaVersion: 4 });
    // The buyer's data is untouched, and written in the order that makes a crash harmless.
    const before = platformWith(v2(), NOW);
    expect(userKeys(p)).toEqual(userKeys(before));
    expect(p.writtenKeys).toEqual(['changes', ...IDS.map((id) => `order:${id}`), 'meta']);
  });

  it('is idempotent: a second run writes nothing', async () => {
    const p = await cleanRun();
    const [writes, orderWrites] = [p.writes, p.orderWrites];
    const summaryWrites = p.summaryWrites;
    expect(await runMigrations(p)).toEqual({ from: 4, to: 4, written: [], moved: 0 });
    expect([p.writes, p.orderWrites, p.summaryWrites]).toEqual([writes, orderWrites, summaryWrites]);
  });

  it('loses nothing when the worker dies between any two of its writes, and finishes on the next run', async () => {
    const clean = snapshot(await cleanRun());
    // Die at each write (orders put, summaries put, changes set, order: keys removed, meta set).
    for (const dieAt of [1, 2, 3, 4, 5]) {
      const p = platformWith(v2(), NOW);
      const broken = dying(p, dieAt);
      await expect(runMigrations(broken)).rejects.toThrow(/killed/);
      // Nothing is lost at the point of death: every order is in storage.local or in IndexedDB.
      for (const id of IDS) expect(p.data.has(`order:${id}`) || p.orderData.has(id)).toBe(true);
      // Whatever wakes the worker next finishes the move.
      await ensureCurrent(p);
      expect(snapshot(p)).toEqual(clean);
    }
  });

  it('merges with a copy already in IndexedDB (a read after an interrupted run) instead of losing it', async () => {
    const p = platformWith(v2(), NOW);
    const id = IDS[0] as string;
    const local = z.parse(StoredOrder, v2()[`order:${id}`]);
    const newer = mergeSnapshot(local, {
      orderId: id,
      source: 'tracking',
      readAt: NOW,
      missing: [],
      deliveredOn: '2026-07-27',
    } as OrderSnapshot);
    p.orderData.set(id, newer);
    await runMigrations(p);
    expect(z.parse(StoredOrder, p.orderData.get(id)).reads.tracking?.readAt).toBe(NOW);
    expect(z.parse(StoredOrder, p.orderData.get(id)).reads.detail).toEqual(local.reads.detail);
  });

  it('sets a broken order: record aside into quarantine (once, even when run again) and moves the rest', async () => {
    const p = platformWith(
      { ...v2(), 'order:8000000000000009': { orderId: '8000000000000009', reads: 3 } },
      NOW,
    );
    const first = dying(p, 4);
    await expect(runMigrations(first)).rejects.toThrow(/killed/);
    await runMigrations(p);
    const quarantine = p.data.get('quarantine') as { key: string; raw: unknown }[];
    expect(quarantine.map((q) => q.key)).toEqual(['order:8000000000000009']);
    expect(quarantine[0]?.raw).toEqual({ orderId: '8000000000000009', reads: 3 });
    expect(p.data.has('order:8000000000000009')).toBe(false);
    expect(p.orderData.has('8000000000000009')).toBe(false);
    expect([...p.orderData.keys()].sort()).toEqual(IDS);
  });

  it('takes a v1 store through 1 → 2 → 3 → 4: orders reach IndexedDB with their field times', async () => {
    const p = platformWith(fixture(1), NOW);
    const run = await runMigrations(p);
    expect(run).toEqual({ from: 1, to: 4, written: ['meta'], moved: 2 });
    const order = z.parse(StoredOrder, p.orderData.get('8212313961599999'));
    expect(order.fieldReadAt?.detail?.['stated.protectionEnd']).toBe(1785100000000);
    expect([...p.data.keys()].sort()).toEqual(['changes', 'meta']);
    expect(parseState(Object.fromEntries(p.data)).broken).toEqual([]);
    expect((await loadSummaries(p.summaries)).map((s) => s.orderId).sort()).toEqual(IDS);
  });

  it('leaves backups alone: an imported v2 file only takes the shape steps (none for 3 and 4)', () => {
    const { from, to, changed } = migrateStore(v2());
    expect({ from, to, changed }).toEqual({ from: 2, to: 4, changed: { meta: { schemaVersion: 4 } } });
  });
});

describe('migration 3 → 4: summaries move from sum: keys to IndexedDB', () => {
  const NOW = Date.UTC(2026, 7, 10, 12);
  const IDS = ['8212313961591322', '8212313961599999'];
  const v3 = () => fixture(3);
  const v3Platform = (store = v3()) => platformWith(store, NOW, fixtureOrders(3));

  it('moves every sum: key into the summaries store as it was, removes the keys, then stamps 4', async () => {
    const p = v3Platform();
    expect(storedVersion(v3())).toBe(3);
    const run = await runMigrations(p);
    expect(run).toEqual({ from: 3, to: 4, written: ['meta'], moved: 0, movedSummaries: 2 });
    for (const id of IDS) expect(p.summaryData.get(id)).toEqual(v3()[`sum:${id}`]);
    expect([...p.data.keys()].filter((k) => k.startsWith('sum:'))).toEqual([]);
    expect(p.data.get('meta')).toEqual({ schemaVersion: 4 });
    expect(p.data.get('changes')).toEqual({ rev: 1, at: NOW, orderIds: [], all: true });
    // Orders are not touched; the buyer's data neither.
    expect(Object.fromEntries(p.orderData)).toEqual(fixtureOrders(3));
    expect(p.orderWrites).toBe(0);
    for (const key of ['checklist:8212313961591322', 'note:8212313961599999', 'prefs', 'ledger', 'health'])
      expect(p.data.get(key)).toEqual(v3()[key]);
    // Copy, signal, then delete, then stamp: a crash anywhere loses nothing.
    expect(p.writtenKeys).toEqual(['changes', ...IDS.map((id) => `sum:${id}`), 'meta']);
    const state = parseState(Object.fromEntries(p.data));
    expect(state.broken).toEqual([]);
  });

  it('run twice, the second run writes nothing', async () => {
    const p = v3Platform();
    await runMigrations(p);
    const counts = [p.writes, p.orderWrites, p.summaryWrites];
    expect(await runMigrations(p)).toEqual({ from: 4, to: 4, written: [], moved: 0 });
    expect([p.writes, p.orderWrites, p.summaryWrites]).toEqual(counts);
  });

  it('a worker killed between any two of its writes loses nothing; the next wake finishes the move', async () => {
    const clean = v3Platform();
    await runMigrations(clean);
    // Die at each write: summaries put, changes set, sum: keys removed, meta set.
    for (const dieAt of [1, 2, 3, 4]) {
      const p = v3Platform();
      await expect(runMigrations(dying(p, dieAt))).rejects.toThrow(/killed/);
      for (const id of IDS) expect(p.data.has(`sum:${id}`) || p.summaryData.has(id)).toBe(true);
      await ensureCurrent(p);
      expect(snapshot(p)).toEqual(snapshot(clean));
    }
  });

  it('rebuilds a sum: record that fails its schema from its order, and keeps one already in IndexedDB', async () => {
    const [a, b] = IDS as [string, string];
    const p = v3Platform({ ...v3(), [`sum:${a}`]: { orderId: a, windows: 'corrupted' } });
    const newer = { ...(v3()[`sum:${b}`] as object), builtAt: NOW + 1 };
    p.summaryData.set(b, newer);
    const run = await runMigrations(p);
    expect(run.movedSummaries).toBe(1);
    expect(z.parse(OrderSummary, p.summaryData.get(a))).toMatchObject({ orderId: a, builtAt: NOW });
    expect(p.summaryData.get(b)).toEqual(newer);
    expect([...p.data.keys()].filter((k) => k.startsWith('sum:'))).toEqual([]);
  });
});

describe('the migration runner', () => {
  it('writes nothing when the store is already current', async () => {
    const p = platformWith(fixture(1));
    await runMigrations(p);
    const writes = p.writes;
    expect(await runMigrations(p)).toEqual({
      from: SCHEMA_VERSION,
      to: SCHEMA_VERSION,
      written: [],
      moved: 0,
    });
    expect(p.writes).toBe(writes);
  });

  it('only stamps the version on a fresh install', async () => {
    const p = memoryPlatform();
    expect((await runMigrations(p)).written).toEqual(['meta']);
    expect(p.writtenKeys).toEqual(['meta']);
    expect(p.orderWrites).toBe(0);
  });

  it('leaves a v1 record it cannot read whole in quarantine, and migrates the rest', async () => {
    const p = platformWith({
      ...fixture(1),
      'order:8000000000000009': 'garbage',
      'order:8000000000000010': { reads: 3 },
    });
    const run = await runMigrations(p);
    expect(run.moved).toBe(2);
    const quarantine = p.data.get('quarantine') as { key: string; raw: unknown }[];
    expect(Object.fromEntries(quarantine.map((q) => [q.key, q.raw]))).toEqual({
      'order:8000000000000009': 'garbage',
      'order:8000000000000010': { reads: 3 },
    });
  });

  it('never downgrades a store written by a newer version', () => {
    const store = { meta: { schemaVersion: SCHEMA_VERSION + 1 }, 'order:1234567': { odd: true } };
    expect(migrateStore(store)).toEqual({ from: SCHEMA_VERSION + 1, to: SCHEMA_VERSION + 1, changed: {} });
  });

  it('runs steps in order and refuses a gap', () => {
    const log: number[] = [];
    const steps = [3, 2].map((to) => ({
      to,
      why: '',
      migrate: () => {
        log.push(to);
        return { [`k${to}`]: to };
      },
    }));
    const out = migrateStore({ 'order:1234567': {} }, 3, steps);
    expect(log).toEqual([2, 3]);
    expect(out.changed).toEqual({ k2: 2, k3: 3, meta: { schemaVersion: 3 } });
    expect(() => migrateStore({ 'order:1234567': {} }, 3, [steps[0] as (typeof steps)[0]])).toThrow(
      /no migration/,
    );
  });

  it('has a fixture for every older version', () => {
    for (let v = 1; v < SCHEMA_VERSION; v++) expect(() => fixture(v)).not.toThrow();
  });
});

/**
 * The same platform, killed at its `n`th write (to either store): that write and every later one
 * throw, as if the worker had died there. Reads still work (they would, in the next worker).
 */
function dying(p: MemoryPlatform, n: number): MemoryPlatform {
  let count = 0;
  const die =
    <A extends unknown[]>(fn: (...a: A) => Promise<void>) =>
    (...a: A) => {
      count += 1;
      return count >= n ? Promise.reject(new Error('worker killed')) : fn(...a);
    };
  return {
    ...p,
    storage: { ...p.storage, set: die(p.storage.set), remove: die(p.storage.remove) },
    orders: { ...p.orders, put: die(p.orders.put), delete: die(p.orders.delete) },
    summaries: { ...p.summaries, put: die(p.summaries.put), delete: die(p.summaries.delete) },
  };
}
