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

const fixture = (version: number): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/store', `v${version}.json`), 'utf8'))
    .store;

function platformWith(store: Record<string, unknown>, now?: number) {
  const p = memoryPlatform({ timeZone: 'America/Sao_Paulo', ...(now === undefined ? {} : { now }) });
  for (const [k, v] of Object.entries(store)) p.data.set(k, structuredClone(v));
  return p;
}

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

describe('migration 2 → 3: orders move to IndexedDB, each with a summary', () => {
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
  const snapshot = (p: MemoryPlatform) => ({
    local: Object.fromEntries(
      [...p.data].map(([k, v]) => [k, k.startsWith('sum:') ? { ...(v as object), builtAt: 0 } : v]),
    ),
    orders: Object.fromEntries(p.orderData),
  });

  it('moves every order to IndexedDB, writes its summary, removes the order: keys, then stamps 3', async () => {
    const p = platformWith(v2(), NOW);
    expect(storedVersion(v2())).toBe(2);
    const run = await runMigrations(p);
    expect(run).toEqual({ from: 2, to: 3, written: ['meta'], moved: 2 });
    expect([...p.orderData.keys()].sort()).toEqual(IDS);
    for (const id of IDS) {
      expect(p.orderData.get(id)).toEqual(v2()[`order:${id}`]);
      const summary = z.parse(OrderSummary, p.data.get(`sum:${id}`));
      expect(summary).toMatchObject({ orderId: id, timeZone: 'America/Sao_Paulo', builtAt: NOW });
      expect(summary.windows.length).toBeGreaterThan(0);
    }
    expect([...p.data.keys()].filter((k) => k.startsWith('order:'))).toEqual([]);
    expect(p.data.get('meta')).toEqual({ schemaVersion: 3 });
    // The buyer's data is untouched, and written in the order that makes a crash harmless.
    const before = platformWith(v2(), NOW);
    expect(userKeys(p)).toEqual(userKeys(before));
    expect(p.writtenKeys).toEqual([
      'sum:8212313961591322',
      'sum:8212313961599999',
      ...IDS.map((id) => `order:${id}`),
      'meta',
    ]);
  });

  it('is idempotent: a second run writes nothing', async () => {
    const p = await cleanRun();
    const [writes, orderWrites] = [p.writes, p.orderWrites];
    expect(await runMigrations(p)).toEqual({ from: 3, to: 3, written: [], moved: 0 });
    expect([p.writes, p.orderWrites]).toEqual([writes, orderWrites]);
  });

  it('loses nothing when the worker dies between any two of its writes, and finishes on the next run', async () => {
    const clean = snapshot(await cleanRun());
    // Die at the 1st, 2nd, 3rd write (orders put, summaries set, order: keys removed, meta set).
    for (const dieAt of [1, 2, 3, 4]) {
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
    const first = dying(p, 3);
    await expect(runMigrations(first)).rejects.toThrow(/killed/);
    await runMigrations(p);
    const quarantine = p.data.get('quarantine') as { key: string; raw: unknown }[];
    expect(quarantine.map((q) => q.key)).toEqual(['order:8000000000000009']);
    expect(quarantine[0]?.raw).toEqual({ orderId: '8000000000000009', reads: 3 });
    expect(p.data.has('order:8000000000000009')).toBe(false);
    expect(p.orderData.has('8000000000000009')).toBe(false);
    expect([...p.orderData.keys()].sort()).toEqual(IDS);
  });

  it('takes a v1 store through 1 → 2 → 3: orders reach IndexedDB with their field times', async () => {
    const p = platformWith(fixture(1), NOW);
    const run = await runMigrations(p);
    expect(run).toEqual({ from: 1, to: 3, written: ['meta'], moved: 2 });
    const order = z.parse(StoredOrder, p.orderData.get('8212313961599999'));
    expect(order.fieldReadAt?.detail?.['stated.protectionEnd']).toBe(1785100000000);
    expect([...p.data.keys()].sort()).toEqual(['meta', ...IDS.map((id) => `sum:${id}`)]);
    expect(
      parseState(Object.fromEntries(p.data))
        .summaries.map((s) => s.orderId)
        .sort(),
    ).toEqual(IDS);
  });

  it('leaves backups alone: an imported v2 file only takes the shape steps (none for 3)', () => {
    const { from, to, changed } = migrateStore(v2());
    expect({ from, to, changed }).toEqual({ from: 2, to: 3, changed: { meta: { schemaVersion: 3 } } });
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
  };
}
