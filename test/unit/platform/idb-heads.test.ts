/**
 * The heads records beside the summary packs (src/platform/idb.ts, `summary-heads`), against
 * fake-indexeddb: a scheduler run reads them instead of 15 MB of packs, so they must say what the
 * packs say. `readLive` gives the same records and settled heads as `readPlanning` (which reads
 * the packs) after any writes, rewrites and deletes, at any cut; and where a heads record is
 * missing, fails its schema, or is stale (its pack written without it), or a run needs a summary it
 * does not keep (a clock set back, a tab showing an old order), the pack itself is read.
 */

// The globals (IDBKeyRange) as a browser has them; each test still opens its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toStored } from '../../../src/core/summary';
import { DAY_MS } from '../../../src/core/time';
import {
  DB_NAME,
  idbDatabase,
  LIVE_MARGIN_MS,
  packOf,
  SUMMARY_HEADS_STORE,
  SUMMARY_PACKS_STORE,
} from '../../../src/platform/idb';
import type { SummariesStore } from '../../../src/platform/types';
import { generateHistory, summariesOf } from '../../history/history';

const NOW = Date.UTC(2026, 5, 10, 9, 30);

/** Raw access to object stores, for corrupting as a bug, a disk or another writer might. */
async function raw(factory: IDBFactory, stores: string[], fn: (s: IDBObjectStore[]) => void): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(DB_NAME);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const t = db.transaction(stores, 'readwrite');
    fn(stores.map((s) => t.objectStore(s)));
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
  });
  db.close();
}

const idOf = (r: unknown) => (r as { orderId: string }).orderId;
const byId = (a: { orderId: string }, b: { orderId: string }) => a.orderId.localeCompare(b.orderId);

/** What a run sees, in a comparable order. */
async function live(store: SummariesStore, before: number, include = new Set<string>()) {
  const read = await store.readLive(before, include);
  return {
    records: [...read.records].sort((a, b) => idOf(a).localeCompare(idOf(b))),
    settled: [...read.settled].sort(byId),
  };
}

/** The same, read from the packs themselves. */
async function fromPacks(store: SummariesStore, before: number, include = new Set<string>()) {
  const read = await store.readPlanning(before, include);
  return {
    records: [...read.records].sort((a, b) => idOf(a).localeCompare(idOf(b))),
    settled: read.settled.map(({ orderId, head }) => ({ orderId, head })).sort(byId),
  };
}

function history(orders: number, seed: number) {
  const made = generateHistory({ orders, now: NOW, seed, timeZone: 'UTC' }).orders;
  return summariesOf(made, NOW, 'UTC').map(toStored);
}

describe('the heads records beside the summary packs', () => {
  it('say what the packs say after writes, rewrites and deletes, at any cut and for any tab', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 100_000 }),
          orders: fc.integer({ min: 5, max: 150 }),
          steps: fc.array(
            fc.oneof(
              fc.record({
                put: fc.array(fc.nat(), { maxLength: 20 }),
                days: fc.integer({ min: -5, max: 60 }),
              }),
              fc.record({ del: fc.array(fc.nat(), { maxLength: 20 }) }),
            ),
            { maxLength: 5 },
          ),
          cuts: fc.array(fc.integer({ min: -400, max: 400 }), { minLength: 1, maxLength: 4 }),
          shown: fc.array(fc.nat(), { maxLength: 3 }),
        }),
        async (w) => {
          const all = history(w.orders, w.seed);
          const clock = { now: NOW };
          const { summaries } = idbDatabase(new IDBFactory(), DB_NAME, () => clock.now);
          await summaries.put(all);
          for (const step of w.steps) {
            if ('put' in step) {
              clock.now = NOW + step.days * DAY_MS;
              await summaries.put(step.put.map((i) => all[i % all.length]).filter((s) => s !== undefined));
            } else await summaries.delete(step.del.map((i) => all[i % all.length]?.orderId ?? ''));
          }
          const include = new Set(w.shown.map((i) => all[i % all.length]?.orderId ?? ''));
          for (const cut of w.cuts) {
            const before = NOW + cut * DAY_MS;
            expect(await live(summaries, before, include)).toEqual(
              await fromPacks(summaries, before, include),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('keep the JSON of orders not over, and only heads of the rest', async () => {
    const all = history(300, 7);
    const factory = new IDBFactory();
    const { summaries } = idbDatabase(factory, DB_NAME, () => NOW);
    await summaries.put(all);
    const records = await new Promise<{ ids: string[]; heads: string[]; live: string[] }[]>((resolve) => {
      const req = factory.open(DB_NAME);
      req.onsuccess = () => {
        const got = req.result.transaction(SUMMARY_HEADS_STORE).objectStore(SUMMARY_HEADS_STORE).getAll();
        got.onsuccess = () => {
          resolve(got.result);
          req.result.close();
        };
      };
    });
    const kept = records.flatMap((r) => r.live.filter((json) => json !== ''));
    const lastAt = (s: (typeof all)[number]) =>
      s.windows.some((w) => w.closesAt === null)
        ? Number.POSITIVE_INFINITY
        : Math.max(0, ...s.windows.flatMap((w) => [w.closesAt ?? 0, w.opensAt ?? 0]));
    const notOver = all.filter((s) => lastAt(s) > NOW - LIVE_MARGIN_MS);
    expect(kept.map((json) => idOf(JSON.parse(json))).sort()).toEqual(notOver.map((s) => s.orderId).sort());
    expect(notOver.length).toBeLessThan(all.length / 4);
    expect(records.reduce((n, r) => n + r.ids.length, 0)).toBe(all.length);
  });

  it('read a summary they do not keep from its pack: a clock set back, a tab showing an old order', async () => {
    const all = history(200, 11);
    const { summaries } = idbDatabase(new IDBFactory(), DB_NAME, () => NOW);
    await summaries.put(all);
    const old = (await summaries.readLive(NOW - 400 * DAY_MS, new Set())).records.length;
    const longAgo = await live(summaries, NOW - 400 * DAY_MS);
    expect(longAgo).toEqual(await fromPacks(summaries, NOW - 400 * DAY_MS));
    expect(old).toBeGreaterThan((await summaries.readLive(NOW, new Set())).records.length);
    const settled = (await summaries.readLive(NOW, new Set())).settled[0]?.orderId as string;
    const shown = await live(summaries, NOW, new Set([settled]));
    expect(shown.records.map(idOf)).toContain(settled);
    expect(shown).toEqual(await fromPacks(summaries, NOW, new Set([settled])));
  });

  it('fall back to the pack when a heads record is missing, fails its schema, or is stale', async () => {
    const all = history(200, 5);
    const factory = new IDBFactory();
    const { summaries } = idbDatabase(factory, DB_NAME, () => NOW);
    await summaries.put(all);
    const [a, b, c] = [...new Set(all.map((s) => packOf(s.orderId)))] as [number, number, number];
    await raw(factory, [SUMMARY_HEADS_STORE], ([heads]) => {
      heads?.delete(a);
      heads?.put({ pack: b, rev: 1, ids: 'not a list' });
    });
    // Another writer replaces pack c without its heads record or revision: its summaries change.
    const inC = all.filter((s) => packOf(s.orderId) === c);
    const changed = inC.map((s) => ({ ...s, windows: [], view: { ...s.view, lastReadAt: 1 } }));
    await raw(factory, [SUMMARY_PACKS_STORE], ([packs]) => {
      packs?.put({
        pack: c,
        ids: changed.map((s) => s.orderId),
        items: changed.map((s) => JSON.stringify(s)),
      });
    });
    for (const before of [NOW, NOW - 30 * DAY_MS]) {
      const got = await live(summaries, before);
      expect(got).toEqual(await fromPacks(summaries, before));
      expect(got.records.length + got.settled.length).toBe(all.length);
    }
    // Pack c is read as the other writer left it (no heads there: every summary of it in full).
    const inPackC = (await live(summaries, NOW)).records.filter((r) => packOf(idOf(r)) === c);
    expect(inPackC).toEqual([...changed].sort(byId));
    // A write to those packs makes their heads records current again.
    await summaries.put([...all.filter((s) => [a, b].includes(packOf(s.orderId))), ...inC]);
    expect(await live(summaries, NOW)).toEqual(await fromPacks(summaries, NOW));
  });

  it('go with their packs: a pack emptied by deletes loses its heads record, and clear empties both', async () => {
    const all = history(60, 3);
    const factory = new IDBFactory();
    const { summaries } = idbDatabase(factory, DB_NAME, () => NOW);
    await summaries.put(all);
    const pack = packOf((all[0] as { orderId: string }).orderId);
    await summaries.delete(all.filter((s) => packOf(s.orderId) === pack).map((s) => s.orderId));
    const count = (store: string) =>
      new Promise<IDBValidKey[]>((resolve) => {
        const req = factory.open(DB_NAME);
        req.onsuccess = () => {
          const got = req.result.transaction(store).objectStore(store).getAllKeys();
          got.onsuccess = () => {
            resolve(got.result);
            req.result.close();
          };
        };
      });
    // The packs' store also keeps the popup's first screen, under key -1: no pack.
    const packKeys = (await count(SUMMARY_PACKS_STORE)).filter((key) => (key as number) >= 0);
    expect(await count(SUMMARY_HEADS_STORE)).toEqual(packKeys);
    expect(await count(SUMMARY_HEADS_STORE)).not.toContain(pack);
    await summaries.clear();
    expect(await count(SUMMARY_HEADS_STORE)).toEqual([]);
    expect(await live(summaries, NOW)).toEqual({ records: [], settled: [] });
  });

  it('are derived from version 3 packs by the upgrade, heads filled in where a pack had none', async () => {
    const all = history(200, 9);
    const factory = new IDBFactory();
    // A version 3 database as the last release left it: packs, some written before heads.
    await new Promise<void>((resolve, reject) => {
      const req = factory.open(DB_NAME, 3);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('orders', { keyPath: 'orderId' });
        const packs = req.result.createObjectStore(SUMMARY_PACKS_STORE, { keyPath: 'pack' });
        const byPack = new Map<number, typeof all>();
        for (const s of all) byPack.set(packOf(s.orderId), [...(byPack.get(packOf(s.orderId)) ?? []), s]);
        for (const [n, group] of byPack) {
          const items = group.map((s) => JSON.stringify(s));
          packs.put(
            n % 2 === 0
              ? { pack: n, ids: group.map((s) => s.orderId), items }
              : { pack: n, ids: group.map((s) => s.orderId), items, heads: group.map(() => '') },
          );
        }
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const { summaries } = idbDatabase(factory, DB_NAME, () => NOW);
    const got = await live(summaries, NOW - DAY_MS);
    expect(got).toEqual(await fromPacks(summaries, NOW - DAY_MS));
    // Every head worked out: most of the history is over, and only heads of it are read.
    expect(got.settled.length).toBeGreaterThan(all.length / 2);
    expect(got.records.length + got.settled.length).toBe(all.length);
    expect((await summaries.getAll()).length).toBe(all.length);
  });
});
