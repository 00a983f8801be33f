/**
 * Orders and their summaries in IndexedDB: database `protection-clock` (version 3), object stores
 * `orders` (one record per order, keyPath `orderId`) and `summary-packs` (every summary, packed).
 *
 * Why IndexedDB: storage.local's quota is 10 MB without the `unlimitedStorage` permission (we keep
 * to storage, alarms and notifications), which holds about 2,500 realistic orders, or 6,000 of
 * their summaries; IndexedDB holds 10,000 of both and reads them all faster (README, "Store,
 * scheduler and worker"). Only the worker opens `orders`; the extension's own pages (popup,
 * options) read `summaries` too, as they share the extension origin's IndexedDB. A tiny promise
 * wrapper, not a library: we use six calls.
 *
 * Summaries are packed because the popup reads all of them on every open: IndexedDB costs about
 * 25 µs per record read (Chromium, this machine), which at 2,000 orders was a third of the popup's
 * first render. A pack holds the summaries of the orders whose id hashes to it, each as its own
 * JSON string: reading 2,000 summaries is 64 records and 2,000 `JSON.parse`, a third of the time;
 * one order's write restringifies that order's summary only, and rewrites one pack (about 1/64 of
 * the summaries). Behind the same `RecordStore` as the orders: callers see records, not packs.
 *
 * The scheduler needs far less: at 10,000 orders reading every pack is 15 MB of strings (about
 * 90 ms in the worker, more on a cold start), for the hundred or so orders that can still change
 * something. So beside each pack, `summary-heads` keeps a small record derived from it in the same
 * transaction: each order's plan head, and the JSON of the orders that are not over (a week's
 * margin). A run reads those 64 small records (`readLive`), and a pack only where its heads record
 * is missing, fails its schema, or is stale: each pack carries a revision, bumped at every write,
 * which its heads record must name (read through an index, without reading the packs).
 *
 * The connection is cached for the worker's lifetime (a cache, not state: a new worker reopens),
 * and dropped when the browser closes it or another version wants to upgrade.
 */
import type { PackedEntry } from '../core/first-screen';
import { buildFirstScreen, type SummaryChange, updateFirstScreen } from '../core/first-screen-upkeep';
import { decodeHead, encodeHead, planHead, settledBy } from '../core/plan-head';
import { z } from '../core/z';
import {
  connect,
  DB_NAME,
  done,
  FIRST_SCREEN_KEY,
  fillHeads,
  headsOf,
  ORDERS_STORE,
  packKeys,
  packOf,
  REV_INDEX,
  readFirstScreen,
  readPack,
  SUMMARY_HEADS_STORE,
  SUMMARY_PACKS_STORE,
  SummaryHeads,
  type SummaryPack,
  summariesReader,
  unpackItem,
} from './idb-read';
import type { LiveRead, RecordStore, SummariesStore } from './types';

export * from './idb-read';

/** Every summary a pack holds, as the first screen keeps them. */
const entriesOf = (packs: readonly SummaryPack[]): PackedEntry[] =>
  packs.flatMap((p) => p.ids.map((id, i) => ({ id, json: p.items[i] as string, head: p.heads?.[i] ?? '' })));

/** The first screen of these packs (every one the store holds), as of `at`: tests and benches seed it. */
export const firstScreenRecord = (packs: readonly SummaryPack[], at: number) => ({
  pack: FIRST_SCREEN_KEY,
  ...buildFirstScreen(entriesOf(packs), at),
});

/** Records packed as `summary-packs` holds them (the bench and tests seed the store with this). */
export function packRecords(records: readonly { readonly orderId: string }[]): SummaryPack[] {
  const packs = new Map<number, SummaryPack>();
  for (const record of records) {
    const n = packOf(record.orderId);
    const pack = packs.get(n) ?? { pack: n, ids: [], items: [], rev: 1 };
    packs.set(n, pack);
    upsert(pack, record);
  }
  return [...packs.values()];
}

/** Puts one record's JSON and plan head into its pack, replacing those of the same order. */
function upsert(pack: SummaryPack, record: { readonly orderId: string }): PackedEntry {
  const json = JSON.stringify(record);
  const head = encodeHead(planHead(record));
  // A pack from before heads: its other summaries' heads are unknown ('' = read them).
  pack.heads ??= pack.ids.map(() => '');
  const heads = pack.heads;
  const at = pack.ids.indexOf(record.orderId);
  if (at >= 0) {
    pack.items[at] = json;
    heads[at] = head;
  } else {
    pack.ids.push(record.orderId);
    pack.items.push(json);
    heads.push(head);
  }
  return { id: record.orderId, json, head };
}

/** The worker's database: orders and summaries, read and written. */
export function idbDatabase(
  factory: IDBFactory = indexedDB,
  name = DB_NAME,
  now: () => number = Date.now,
): { orders: RecordStore; summaries: SummariesStore; warm: () => void } {
  const { open, tx, txOver } = connect(factory, name, now);
  const PACK_STORES = [SUMMARY_PACKS_STORE, SUMMARY_HEADS_STORE] as const;

  const store = (storeName: string): RecordStore => ({
    get: (ids) =>
      tx(storeName, 'readonly', async (s) => {
        const found = await Promise.all(ids.map((id) => done(s.get(id))));
        return found.filter((r) => r !== undefined);
      }),
    getAll: () => tx(storeName, 'readonly', (s) => done(s.getAll())),
    keys: () => tx(storeName, 'readonly', async (s) => (await done(s.getAllKeys())).map(String)),
    put: async (records) => {
      if (records.length === 0) return;
      await tx(storeName, 'readwrite', (s) => {
        for (const r of records) s.put(r);
      });
    },
    delete: async (ids) => {
      if (ids.length === 0) return;
      await tx(storeName, 'readwrite', (s) => {
        for (const id of ids) s.delete(id);
      });
    },
    clear: () => tx(storeName, 'readwrite', (s) => void s.clear()),
    count: () => tx(storeName, 'readonly', (s) => done(s.count())),
  });
  /**
   * Changes packs in one transaction: each touched pack is read, changed, written with its next
   * revision and its heads record (or both deleted if empty); then the popup's first screen is
   * brought up to date with what `byPack` did, or built again from every pack when it cannot be
   * (missing, unreadable, or too short a list of closed orders).
   */
  const changePacks = (byPack: Map<number, (pack: SummaryPack) => SummaryChange>): Promise<void> =>
    txOver(PACK_STORES, 'readwrite', ([s, h]) => {
      const packs = s as IDBObjectStore;
      const heads = h as IDBObjectStore;
      const at = now();
      // Plain callbacks, no awaits between requests: the transaction must stay active throughout.
      // Requests complete in the order made: the first screen's before any pack's.
      const screenReq = packs.get(FIRST_SCREEN_KEY);
      const put: PackedEntry[] = [];
      const removed: string[] = [];
      let left = byPack.size;
      const updateScreen = () => {
        const screen = readFirstScreen(screenReq.result);
        const next = screen && updateFirstScreen(screen, { put, removed }, at);
        if (next) {
          packs.put({ pack: FIRST_SCREEN_KEY, ...next });
          return;
        }
        const all = packs.getAll(packKeys());
        all.onsuccess = () =>
          packs.put(
            firstScreenRecord(
              all.result.map(readPack).filter((p) => p !== undefined),
              at,
            ),
          );
      };
      for (const [n, change] of byPack) {
        const req = packs.get(n);
        req.onsuccess = () => {
          const pack = readPack(req.result) ?? { pack: n, ids: [], items: [] };
          const changed = change(pack);
          put.push(...changed.put);
          removed.push(...changed.removed);
          if (pack.ids.length === 0) {
            packs.delete(n);
            heads.delete(n);
          } else {
            fillHeads(pack);
            pack.rev = (pack.rev ?? 0) + 1;
            packs.put(pack);
            heads.put(headsOf(pack, at));
          }
          // After the last pack's write: a rebuild reads the packs as this write leaves them.
          if (--left === 0) updateScreen();
        };
      }
    });

  /** Each pack's revision, by pack, from the index (no pack is read). */
  const revisions = (s: IDBObjectStore): Promise<Map<number, number>> =>
    new Promise((resolve, reject) => {
      const revs = new Map<number, number>();
      const req = s.index(REV_INDEX).openKeyCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve(revs);
        revs.set(c.primaryKey as number, c.key as number);
        c.continue();
      };
      req.onerror = () => reject(req.error);
    });

  const byPack = <T>(items: readonly T[], idOf: (item: T) => string): Map<number, T[]> => {
    const groups = new Map<number, T[]>();
    for (const item of items) {
      const n = packOf(idOf(item));
      const group = groups.get(n);
      if (group) group.push(item);
      else groups.set(n, [item]);
    }
    return groups;
  };

  const summaries: SummariesStore = {
    ...summariesReader(tx),
    readLive: (before, include) =>
      txOver(PACK_STORES, 'readonly', async ([s, h]) => {
        const packs = s as IDBObjectStore;
        const [rawHeads, keys, revs] = await Promise.all([
          done((h as IDBObjectStore).getAll()),
          done(packs.getAllKeys(packKeys())),
          revisions(packs),
        ]);
        const current = new Map<number, SummaryHeads>();
        for (const raw of rawHeads) {
          const parsed = z.safeParse(SummaryHeads, raw);
          if (parsed.success && revs.get(parsed.data.pack) === parsed.data.rev)
            current.set(parsed.data.pack, parsed.data);
        }
        const out: LiveRead = { records: [], settled: [] };
        // Packs to read after all: every order of a pack without a current heads record, or
        // the orders a run needs whose JSON the record does not keep.
        const wanted = new Map<number, Set<string> | 'all'>();
        for (const key of keys) {
          const n = key as number;
          const record = current.get(n);
          if (!record) {
            wanted.set(n, 'all');
            continue;
          }
          for (const [i, id] of record.ids.entries()) {
            const head = include.has(id) ? undefined : decodeHead(record.heads[i]);
            const live = record.live[i] as string;
            if (head && settledBy(head, before)) out.settled.push({ orderId: id, head });
            else if (live) out.records.push(unpackItem(id, live));
            else {
              const set = wanted.get(n);
              if (set instanceof Set) set.add(id);
              else wanted.set(n, new Set([id]));
            }
          }
        }
        const read = await Promise.all([...wanted.keys()].map((n) => done(packs.get(n)).then(readPack)));
        for (const pack of read) {
          if (!pack) continue;
          const want = wanted.get(pack.pack);
          for (const [i, id] of pack.ids.entries()) {
            if (want instanceof Set) {
              if (want.has(id)) out.records.push(unpackItem(id, pack.items[i] as string));
              continue;
            }
            const head = include.has(id) ? undefined : decodeHead(pack.heads?.[i]);
            if (head && settledBy(head, before)) out.settled.push({ orderId: id, head });
            else out.records.push(unpackItem(id, pack.items[i] as string));
          }
        }
        return out;
      }),
    put: async (records) => {
      if (records.length === 0) return;
      const changes = new Map<number, (pack: SummaryPack) => SummaryChange>();
      for (const [n, group] of byPack(records, (r) => r.orderId)) {
        changes.set(n, (pack) => ({ put: group.map((record) => upsert(pack, record)), removed: [] }));
      }
      await changePacks(changes);
    },
    delete: async (ids) => {
      if (ids.length === 0) return;
      const changes = new Map<number, (pack: SummaryPack) => SummaryChange>();
      for (const [n, group] of byPack(ids, (id) => id)) {
        const gone = new Set(group);
        changes.set(n, (pack) => {
          const keep = pack.ids.flatMap((id, i) => (gone.has(id) ? [] : [i]));
          pack.items = keep.map((i) => pack.items[i] as string);
          pack.ids = keep.map((i) => pack.ids[i] as string);
          const heads = pack.heads;
          if (heads) pack.heads = keep.map((i) => heads[i] as string);
          return { put: [], removed: group };
        });
      }
      await changePacks(changes);
    },
    clear: () =>
      txOver(PACK_STORES, 'readwrite', ([packs, heads]) => {
        packs?.clear();
        heads?.clear();
        packs?.put(firstScreenRecord([], now()));
      }),
  };
  // Opens the connection ahead of the first read (a failure is met again, and reported, there).
  const warm = () => void open().catch(() => undefined);
  return { orders: store(ORDERS_STORE), summaries, warm };
}
