/**
 * The IndexedDB layer (src/platform/idb.ts) against fake-indexeddb, an in-memory implementation
 * of the IndexedDB API: summaries are packed many to a record, and callers must not be able to
 * tell. What goes in comes out, by id and all at once; a bad pack or item is set aside, never
 * half-read; the upgrade from version 2 keeps the orders and drops only the old derived summaries.
 */
// The globals (IDBKeyRange) as a browser has them; each test still opens its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_CLOSED } from '../../../src/core/first-screen';
import { decodeHead, settledBy } from '../../../src/core/plan-head';
import {
  DB_NAME,
  FIRST_SCREEN_KEY,
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

describe("the popup's first screen, kept beside the packs", () => {
  /** A summary as far as plan heads go: read at `readAt`, its one window closing at `closesAt`. */
  const timed = (orderId: string, readAt: number, closesAt: number | null) => ({
    orderId,
    timeZone: 'UTC',
    view: { lastReadAt: readAt },
    windows: [{ kind: 'protection-end', opensAt: null, closesAt }],
  });
  type Timed = ReturnType<typeof timed>;

  /**
   * What the popup needs of the record at `now`, checked against the summaries stored: every
   * order id; every order not over by its head; the FIRST_CLOSED most recently read of those over;
   * each kept one exactly as stored.
   */
  function expectServes(
    screen: Awaited<ReturnType<ReturnType<typeof idbDatabase>['summaries']['readFirstScreen']>>,
    stored: ReadonlyMap<string, Timed>,
    now: number,
  ) {
    if (!screen) throw new Error('no first screen');
    const all = screen.all === '' ? [] : screen.all.split(' ');
    expect(all.sort()).toEqual([...stored.keys()].sort());
    const kept = new Map(screen.ids.map((id, i) => [id, screen.items[i]]));
    const over = (t: Timed) => t.windows[0]?.closesAt !== null && (t.windows[0]?.closesAt as number) <= now;
    const closed = [...stored.values()]
      .filter(over)
      .sort((a, b) => b.view.lastReadAt - a.view.lastReadAt || (a.orderId < b.orderId ? -1 : 1));
    const needed = [...[...stored.values()].filter((t) => !over(t)), ...closed.slice(0, FIRST_CLOSED)].map(
      (t) => t.orderId,
    );
    for (const id of needed) expect(kept.get(id)).toBe(JSON.stringify(stored.get(id)));
    for (const [id, json] of kept) expect(json).toBe(JSON.stringify(stored.get(id)));
    // Its heads say the same as the summaries' own.
    for (const [i, id] of screen.ids.entries()) {
      const head = decodeHead(screen.heads[i]);
      expect(head && settledBy(head, now)).toBe(over(stored.get(id) as Timed));
    }
  }

  it('stays in step with the summaries through writes, rewrites, deletes and clears, as time goes on', async () => {
    const written = fc.record({
      id: fc.integer({ min: 0, max: 299 }),
      read: fc.integer({ min: 0, max: 500 }),
      closes: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    });
    const op = fc.oneof(
      { arbitrary: fc.record({ put: fc.array(written, { maxLength: 40 }) }), weight: 6 },
      {
        arbitrary: fc.record({ remove: fc.array(fc.integer({ min: 0, max: 299 }), { maxLength: 30 }) }),
        weight: 3,
      },
      { arbitrary: fc.record({ wait: fc.integer({ min: 0, max: 60 }) }), weight: 3 },
      { arbitrary: fc.constant({ clear: true as const }), weight: 1 },
    );
    await fc.assert(
      // A store of a hundred or more orders first, so that the record keeps only some closed ones.
      fc.asyncProperty(
        fc.array(written, { minLength: 100, maxLength: 250 }),
        fc.array(op, { maxLength: 25 }),
        async (first, rest) => {
          const ops = [{ put: first }, ...rest];
          let clock = 250;
          const { summaries } = idbDatabase(new IDBFactory(), DB_NAME, () => clock);
          const stored = new Map<string, Timed>();
          const id = (n: number) => String(8_212_313_961_500_000 + n * 7919);
          for (const o of ops) {
            if ('put' in o) {
              const batch = o.put.map((p) => timed(id(p.id), p.read, p.closes));
              await summaries.put(batch);
              for (const t of batch) stored.set(t.orderId, t);
            } else if ('remove' in o) {
              await summaries.delete(o.remove.map(id));
              for (const n of o.remove) stored.delete(id(n));
            } else if ('wait' in o) clock += o.wait;
            else {
              await summaries.clear();
              stored.clear();
            }
            if (stored.size === 0 && !('clear' in o) && (await summaries.readFirstScreen()) === undefined)
              continue;
            const screen = await summaries.readFirstScreen();
            // At the last write's time and any later one, whatever became over since.
            expectServes(screen, stored, clock);
            expectServes(screen, stored, clock + 200);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('is built from every pack when it is missing or unreadable, at the next write', async () => {
    const factory = new IDBFactory();
    let clock = 1_000;
    const { summaries } = idbDatabase(factory, DB_NAME, () => clock);
    const records = ids.map((id, i) => timed(id, i, i % 3 === 0 ? null : 500));
    await summaries.count(); // creates the database
    // Packs from before the first screen existed (or seeded as packRecords lays them out).
    await raw(factory, SUMMARY_PACKS_STORE, (s) => {
      for (const pack of packRecords(records)) s.put(pack);
    });
    expect(await summaries.readFirstScreen()).toBeUndefined();
    const stored = new Map(records.map((r) => [r.orderId, r]));
    const extra = timed('8212313961000001', 7, 900);
    await summaries.put([extra]);
    stored.set(extra.orderId, extra);
    expectServes(await summaries.readFirstScreen(), stored, clock);
    // Not a record of ours: ignored when read, built again at the next write.
    await raw(factory, SUMMARY_PACKS_STORE, (s) => {
      s.put({ pack: FIRST_SCREEN_KEY, at: 'soon', ids: [] });
    });
    expect(await summaries.readFirstScreen()).toBeUndefined();
    clock += 10;
    await summaries.delete([extra.orderId]);
    stored.delete(extra.orderId);
    expectServes(await summaries.readFirstScreen(), stored, clock);
    // Never read as a pack: counts, keys and reads are the summaries' alone.
    expect(await summaries.count()).toBe(ids.length);
    expect((await summaries.keys()).sort()).toEqual([...ids].sort());
    expect((await summaries.getAll()).length).toBe(ids.length);
  });

  it('is built again when deletes leave fewer recently read closed orders than the popup shows first', async () => {
    const clock = 1_000;
    const { summaries } = idbDatabase(new IDBFactory(), DB_NAME, () => clock);
    const records = ids.map((id, i) => timed(id, i, 500));
    await summaries.put(records);
    const stored = new Map(records.map((r) => [r.orderId, r]));
    // The most recently read closed orders go, a few at a time, past the record's slack.
    for (let k = 0; k < 12; k++) {
      const newest = [...stored.values()].sort((a, b) => b.view.lastReadAt - a.view.lastReadAt).slice(0, 7);
      await summaries.delete(newest.map((r) => r.orderId));
      for (const r of newest) stored.delete(r.orderId);
      expectServes(await summaries.readFirstScreen(), stored, clock);
    }
  });
});
