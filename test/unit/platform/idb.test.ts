/**
 * The IndexedDB layer (src/platform/idb.ts) against fake-indexeddb, an in-memory implementation
 * of the IndexedDB API: summaries are packed many to a record, and callers must not be able to
 * tell. What goes in comes out, by id and all at once; a bad pack or item is set aside, never
 * half-read; the upgrade from version 2 keeps the orders and drops only the old derived summaries.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  DB_NAME,
  idbDatabase,
  PACKS,
  packOf,
  packRecords,
  SUMMARY_PACKS_STORE,
} from '../../../src/platform/idb';

const summary = (orderId: string, n = 0) => ({ orderId, view: { n }, windows: [{ kind: 'x' }] });
const ids = Array.from({ length: 500 }, (_, i) => String(8_212_313_961_500_000 + i * 7919));

/** Raw access to one object store, for seeding and corrupting as a bug or a disk might. */
async function raw(factory: IDBFactory, store: string, fn: (s: IDBObjectStore) => void): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(DB_NAME);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const t = db.transaction(store, 'readwrite');
    fn(t.objectStore(store));
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
  });
  db.close();
}

describe('the connection', () => {
  it('opens, creating the database, when warmed at the worker start, before any read', async () => {
    const factory = new IDBFactory();
    const { warm, orders } = idbDatabase(factory);
    warm();
    let names: string[] = [];
    for (let i = 0; i < 50 && !names.includes(DB_NAME); i++) {
      await new Promise((r) => setTimeout(r, 5));
      names = (await factory.databases()).map((d) => d.name ?? '');
    }
    expect(names).toContain(DB_NAME);
    expect(await orders.count()).toBe(0);
  });
});

describe('summaries packed in IndexedDB', () => {
  it('spread over the packs, yet read back by id, all at once, and counted, as written', async () => {
    const { summaries } = idbDatabase(new IDBFactory());
    await summaries.put(ids.map((id) => summary(id)));
    expect(new Set(ids.map(packOf)).size).toBeGreaterThan(PACKS / 2);
    expect(await summaries.count()).toBe(ids.length);
    expect((await summaries.keys()).sort()).toEqual([...ids].sort());
    const all = (await summaries.getAll()) as { orderId: string }[];
    expect(all.map((s) => s.orderId).sort()).toEqual([...ids].sort());
    // In the order asked, absent ones left out.
    const asked = [ids[42], 'not-there', ids[7], ids[499]] as string[];
    expect(await summaries.get(asked)).toEqual([
      summary(ids[42] as string),
      summary(ids[7] as string),
      summary(ids[499] as string),
    ]);
  });

  it('replaces a summary written again, deletes only the ones named, and clears', async () => {
    const { summaries } = idbDatabase(new IDBFactory());
    await summaries.put(ids.map((id) => summary(id)));
    await summaries.put([summary(ids[3] as string, 2), summary(ids[4] as string, 2)]);
    expect(await summaries.count()).toBe(ids.length);
    expect(await summaries.get([ids[3] as string])).toEqual([summary(ids[3] as string, 2)]);
    await summaries.delete(ids.slice(0, 100));
    expect(await summaries.count()).toBe(400);
    expect(await summaries.get(ids.slice(0, 100))).toEqual([]);
    expect(await summaries.get([ids[100] as string])).toEqual([summary(ids[100] as string)]);
    await summaries.clear();
    expect(await summaries.getAll()).toEqual([]);
  });

  it('lays packs out exactly as packRecords does (the bench seeds the store with it)', async () => {
    const factory = new IDBFactory();
    const { summaries } = idbDatabase(factory);
    await summaries.count(); // creates the database
    const records = ids.map((id) => summary(id, 5));
    await raw(factory, SUMMARY_PACKS_STORE, (s) => {
      for (const pack of packRecords(records)) s.put(pack);
    });
    expect(await summaries.get([ids[10] as string])).toEqual([summary(ids[10] as string, 5)]);
    expect(await summaries.count()).toBe(ids.length);
  });

  it('gives back an item that is not JSON as a record every schema refuses, and the others intact', async () => {
    const factory = new IDBFactory();
    const { summaries } = idbDatabase(factory);
    const id = ids[0] as string;
    const neighbours = ids.filter((other) => other !== id && packOf(other) === packOf(id));
    await summaries.put([summary(id), ...neighbours.map((n) => summary(n))]);
    await raw(factory, SUMMARY_PACKS_STORE, (s) => {
      s.put({
        pack: packOf(id),
        ids: [id, ...neighbours],
        items: ['{"orderId": "tru', ...neighbours.map((n) => JSON.stringify(summary(n)))],
      });
    });
    expect(await summaries.get([id])).toEqual([{ orderId: id, unreadable: '{"orderId": "tru' }]);
    expect(await summaries.get(neighbours)).toEqual(neighbours.map((n) => summary(n)));
  });

  it('ignores a pack that is not a pack (its summaries are missing, so the worker rebuilds them), and a write there starts afresh', async () => {
    const factory = new IDBFactory();
    const { summaries } = idbDatabase(factory);
    await summaries.put(ids.map((id) => summary(id)));
    const id = ids[0] as string;
    const lost = ids.filter((other) => packOf(other) === packOf(id));
    await raw(factory, SUMMARY_PACKS_STORE, (s) => {
      s.put({ pack: packOf(id), ids: [id], items: [] });
    });
    expect(await summaries.count()).toBe(ids.length - lost.length);
    expect(await summaries.keys()).not.toContain(id);
    await summaries.put([summary(id, 9)]);
    expect(await summaries.get(lost)).toEqual([summary(id, 9)]);
  });

  it('gives the scheduler only the summaries that can still change something, and heads of the others', async () => {
    const factory = new IDBFactory();
    const { summaries } = idbDatabase(factory);
    const win = (kind: string, opensAt: number | null, closesAt: number | null) => ({
      kind,
      opensAt,
      closesAt,
    });
    const timed = (orderId: string, windows: ReturnType<typeof win>[]) => ({
      orderId,
      timeZone: 'UTC',
      view: { lastReadAt: 42 },
      windows,
    });
    const [over, open, endless, noWindows, shown, old] = ids as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await summaries.put([
      timed(over, [win('protection-end', null, 1_000), win('dispute-open', 500, 2_000)]),
      timed(open, [win('protection-end', null, 1_000), win('escalation', 5_000, 9_000)]),
      timed(endless, [win('seller-response', 100, null)]),
      timed(noWindows, []),
      timed(shown, [win('protection-end', null, 1_000)]),
    ]);
    const read = await summaries.readPlanning(3_000, new Set([shown]));
    expect((read.records as { orderId: string }[]).map((r) => r.orderId).sort()).toEqual(
      [open, endless, shown].sort(),
    );
    const settled = read.settled.sort((a, b) => a.orderId.localeCompare(b.orderId));
    expect(settled.map(({ orderId, head }) => ({ orderId, head }))).toEqual(
      [
        {
          orderId: over,
          head: { lastAt: 2_000, timeZone: 'UTC', kinds: ['protection-end', 'dispute-open'], readAt: 42 },
        },
        { orderId: noWindows, head: { lastAt: 0, timeZone: 'UTC', kinds: [], readAt: 42 } },
      ].sort((a, b) => a.orderId.localeCompare(b.orderId)),
    );
    // Each settled summary is still there to read, as stored.
    expect(settled.map((s) => s.read())).toEqual(await summaries.get(settled.map((s) => s.orderId)));

    // A pack written before heads existed: every summary in it is read, until a write gives it heads.
    const neighbours = ids.filter((other) => other !== old && packOf(other) === packOf(old)).slice(0, 2);
    const before = [old, ...neighbours].map((id) => timed(id, [win('protection-end', null, 1_000)]));
    await raw(factory, SUMMARY_PACKS_STORE, (s) => {
      s.put({
        pack: packOf(old),
        ids: before.map((b) => b.orderId),
        items: before.map((b) => JSON.stringify(b)),
      });
    });
    const ofPack = async () =>
      (await summaries.readPlanning(3_000, new Set())).records
        .map((r) => (r as { orderId: string }).orderId)
        .filter((id) => packOf(id) === packOf(old));
    expect((await ofPack()).sort()).toEqual([old, ...neighbours].sort());
    // A write there works out every head of the pack.
    await summaries.put([timed(old, [win('protection-end', null, 1_000)])]);
    expect(await ofPack()).toEqual([]);
  });

  it('upgrades a version 2 database: the orders stay, the old summaries store goes', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = factory.open(DB_NAME, 2);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('orders', { keyPath: 'orderId' }).put({ orderId: '1', reads: {} });
        req.result.createObjectStore('summaries', { keyPath: 'orderId' }).put(summary('1'));
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const { orders, summaries } = idbDatabase(factory);
    expect(await orders.getAll()).toEqual([{ orderId: '1', reads: {} }]);
    expect(await summaries.getAll()).toEqual([]);
    const names = await new Promise<string[]>((resolve) => {
      const req = factory.open(DB_NAME);
      req.onsuccess = () => {
        resolve([...req.result.objectStoreNames]);
        req.result.close();
      };
    });
    expect(names.sort()).toEqual(['orders', 'summary-heads', 'summary-packs']);
  });
});
