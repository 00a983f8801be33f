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
import { decodeHead, encodeHead, planHead, settledBy } from '../core/plan-head';
import { z } from '../core/z';
import type { LiveRead, PlanningRead, RecordStore, SummariesStore } from './types';

export const DB_NAME = 'protection-clock';
/**
 * 1: `orders`. 2: `summaries` added (store schema version 4). 3: `summaries` replaced by
 * `summary-packs` (summaries are derived data: the worker rebuilds them from the orders on the
 * update, see src/background/index.ts, and on any start that finds them out of step).
 * 4: `summary-heads` beside the packs, and the packs' `rev` index (the upgrade derives them).
 */
export const DB_VERSION = 4;
export const ORDERS_STORE = 'orders';
export const SUMMARY_PACKS_STORE = 'summary-packs';
export const SUMMARY_HEADS_STORE = 'summary-heads';
/** The packs' index of their revisions: which heads record is current, without reading a pack. */
export const REV_INDEX = 'rev';
/**
 * A summary keeps its JSON in its pack's heads record unless its head says it was over this long
 * before the write: a run cuts at a day before its now (OVERDUE_GRACE_MS), so a week leaves room
 * for a clock set back. Anything a run needs that is not there is read from its pack.
 */
export const LIVE_MARGIN_MS = 7 * 86_400_000;
const OLD_SUMMARIES_STORE = 'summaries';
/** How many packs the summaries spread over: about 30 summaries each at 2,000 orders, 160 at 10,000. */
export const PACKS = 64;

/**
 * A pack as stored: the ids of its orders and, at the same index, each one's summary as JSON and
 * its plan head (`src/core/plan-head.ts`; '' when unknown). The heads let the scheduler skip the
 * `JSON.parse` and the planning of orders that are over: most of a long history. Packs written
 * before heads existed have none: their summaries are all read, until a write gives them heads.
 */
export const SummaryPack = z
  .object({
    pack: z.number(),
    ids: z.array(z.string()),
    items: z.array(z.string()),
    heads: z.optional(z.array(z.string())),
    /** Bumped at every write; absent on packs from before version 4 of the database. */
    rev: z.optional(z.number()),
  })
  .check(
    z.refine(
      (p) => p.ids.length === p.items.length && (p.heads === undefined || p.heads.length === p.ids.length),
      'ids, items and heads differ in length',
    ),
  );
export type SummaryPack = z.infer<typeof SummaryPack>;

/**
 * A pack's heads record (`summary-heads`, same key): of the pack at revision `rev`, each order's
 * id, plan head, and its summary's JSON, or '' for an order over when the pack was written.
 */
export const SummaryHeads = z
  .object({
    pack: z.number(),
    rev: z.number(),
    ids: z.array(z.string()),
    heads: z.array(z.string()),
    live: z.array(z.string()),
  })
  .check(
    z.refine(
      (h) => h.ids.length === h.heads.length && h.ids.length === h.live.length,
      'ids, heads and live differ in length',
    ),
  );
export type SummaryHeads = z.infer<typeof SummaryHeads>;

/** Gives every order of the pack its plan head (packs from before heads have '' for some). */
function fillHeads(pack: SummaryPack): void {
  pack.heads = pack.ids.map(
    (id, i) => pack.heads?.[i] || encodeHead(planHead(unpackItem(id, pack.items[i] as string))),
  );
}

/** The heads record of a pack (with its heads filled) as written at `at`. */
export function headsOf(pack: SummaryPack, at: number): SummaryHeads {
  const heads = pack.heads ?? pack.ids.map(() => '');
  const cut = at - LIVE_MARGIN_MS;
  return {
    pack: pack.pack,
    rev: pack.rev ?? 0,
    ids: [...pack.ids],
    heads: [...heads],
    live: pack.ids.map((_, i) => {
      const head = decodeHead(heads[i]);
      return head && settledBy(head, cut) ? '' : (pack.items[i] as string);
    }),
  };
}

/** The pack an order's summary lives in (FNV-1a of its id). */
export function packOf(orderId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) {
    hash ^= orderId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PACKS;
}

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
function upsert(pack: SummaryPack, record: { readonly orderId: string }): void {
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
}

/**
 * One packed summary as a record. A string that is not JSON comes back as a record that fails
 * every schema, so that the reader sets it aside and the worker rebuilds it, as for any bad record.
 */
function unpackItem(orderId: string, json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return { orderId, unreadable: json.slice(0, 200) };
  }
}

/** A stored pack, or undefined (logged) for one that is not a pack: its summaries are rebuilt. */
function readPack(raw: unknown): SummaryPack | undefined {
  if (raw === undefined) return undefined;
  const parsed = z.safeParse(SummaryPack, raw);
  if (parsed.success) return parsed.data;
  console.warn('[protection-clock] an unreadable pack of summaries is ignored; they will be rebuilt');
  return undefined;
}

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** One connection per page or worker, shared by the stores opened through it. */
export function idbDatabase(
  factory: IDBFactory = indexedDB,
  name = DB_NAME,
  now: () => number = Date.now,
): { orders: RecordStore; summaries: SummariesStore; warm: () => void } {
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        const upgrade = req.transaction as IDBTransaction;
        if (!db.objectStoreNames.contains(ORDERS_STORE))
          db.createObjectStore(ORDERS_STORE, { keyPath: 'orderId' });
        if (db.objectStoreNames.contains(OLD_SUMMARIES_STORE)) db.deleteObjectStore(OLD_SUMMARIES_STORE);
        const packs = db.objectStoreNames.contains(SUMMARY_PACKS_STORE)
          ? upgrade.objectStore(SUMMARY_PACKS_STORE)
          : db.createObjectStore(SUMMARY_PACKS_STORE, { keyPath: 'pack' });
        if (!packs.indexNames.contains(REV_INDEX)) packs.createIndex(REV_INDEX, 'rev');
        if (!db.objectStoreNames.contains(SUMMARY_HEADS_STORE)) {
          const heads = db.createObjectStore(SUMMARY_HEADS_STORE, { keyPath: 'pack' });
          // Packs from version 3: each gets its heads, a revision, and its heads record, in the
          // upgrade's own transaction (all or nothing). An unreadable pack is left for a rebuild.
          const at = now();
          const cursor = packs.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const pack = readPack(c.value);
            if (pack) {
              fillHeads(pack);
              pack.rev = (pack.rev ?? 0) + 1;
              c.update(pack);
              heads.put(headsOf(pack, at));
            }
            c.continue();
          };
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        const forget = () => {
          opening = undefined;
        };
        db.onclose = forget;
        db.onversionchange = () => {
          db.close();
          forget();
        };
        resolve(db);
      };
      req.onerror = () => {
        opening = undefined;
        reject(req.error);
      };
      req.onblocked = () => console.warn('[protection-clock] IndexedDB open blocked by another connection');
    });
    return opening;
  };

  /** One transaction over these stores; resolves with `fn`'s result once it has committed. */
  const txOver = async <T>(
    storeNames: readonly string[],
    mode: IDBTransactionMode,
    fn: (stores: IDBObjectStore[]) => Promise<T> | T,
  ): Promise<T> => {
    const db = await open();
    const t = db.transaction([...storeNames], mode);
    const committed = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
      t.onerror = () => reject(t.error);
    });
    const result = fn(storeNames.map((n) => t.objectStore(n)));
    const [value] = await Promise.all([result, committed]);
    return value;
  };
  const tx = <T>(
    storeName: string,
    mode: IDBTransactionMode,
    fn: (store: IDBObjectStore) => Promise<T> | T,
  ): Promise<T> => txOver([storeName], mode, ([s]) => fn(s as IDBObjectStore));
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
  /** Every pack as stored (unreadable ones left out). */
  const allPacks = (s: IDBObjectStore): Promise<SummaryPack[]> =>
    done(s.getAll()).then((raws) => raws.map(readPack).filter((p) => p !== undefined));

  /**
   * Changes packs in one transaction: each touched pack is read, changed, written with its next
   * revision and its heads record (or both deleted if empty).
   */
  const changePacks = (byPack: Map<number, (pack: SummaryPack) => void>): Promise<void> =>
    txOver(PACK_STORES, 'readwrite', ([s, h]) => {
      const packs = s as IDBObjectStore;
      const heads = h as IDBObjectStore;
      const at = now();
      // Plain callbacks, no awaits between requests: the transaction must stay active throughout.
      for (const [n, change] of byPack) {
        const req = packs.get(n);
        req.onsuccess = () => {
          const pack = readPack(req.result) ?? { pack: n, ids: [], items: [] };
          change(pack);
          if (pack.ids.length === 0) {
            packs.delete(n);
            heads.delete(n);
            return;
          }
          fillHeads(pack);
          pack.rev = (pack.rev ?? 0) + 1;
          packs.put(pack);
          heads.put(headsOf(pack, at));
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
    get: (ids) =>
      tx(SUMMARY_PACKS_STORE, 'readonly', async (s) => {
        const wanted = [...new Set(ids.map(packOf))];
        const packs = await Promise.all(wanted.map((n) => done(s.get(n)).then(readPack)));
        const found = new Map<string, string>();
        for (const pack of packs) {
          if (pack) for (const [i, id] of pack.ids.entries()) found.set(id, pack.items[i] as string);
        }
        return ids.flatMap((id) => {
          const json = found.get(id);
          return json === undefined ? [] : [unpackItem(id, json)];
        });
      }),
    getAll: () =>
      tx(SUMMARY_PACKS_STORE, 'readonly', async (s) =>
        (await allPacks(s)).flatMap((pack) =>
          pack.ids.map((id, i) => unpackItem(id, pack.items[i] as string)),
        ),
      ),
    readPlanning: (before, include) =>
      tx(SUMMARY_PACKS_STORE, 'readonly', async (s) => {
        const out: PlanningRead = { records: [], settled: [] };
        for (const pack of await allPacks(s)) {
          for (const [i, id] of pack.ids.entries()) {
            const head = include.has(id) ? undefined : decodeHead(pack.heads?.[i]);
            const json = pack.items[i] as string;
            if (head && settledBy(head, before))
              out.settled.push({ orderId: id, head, read: () => unpackItem(id, json) });
            else out.records.push(unpackItem(id, json));
          }
        }
        return out;
      }),
    readLive: (before, include) =>
      txOver(PACK_STORES, 'readonly', async ([s, h]) => {
        const packs = s as IDBObjectStore;
        const [rawHeads, keys, revs] = await Promise.all([
          done((h as IDBObjectStore).getAll()),
          done(packs.getAllKeys()),
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
    keys: () => tx(SUMMARY_PACKS_STORE, 'readonly', async (s) => (await allPacks(s)).flatMap((p) => p.ids)),
    put: async (records) => {
      if (records.length === 0) return;
      const changes = new Map<number, (pack: SummaryPack) => void>();
      for (const [n, group] of byPack(records, (r) => r.orderId)) {
        changes.set(n, (pack) => {
          for (const record of group) upsert(pack, record);
        });
      }
      await changePacks(changes);
    },
    delete: async (ids) => {
      if (ids.length === 0) return;
      const changes = new Map<number, (pack: SummaryPack) => void>();
      for (const [n, group] of byPack(ids, (id) => id)) {
        const gone = new Set(group);
        changes.set(n, (pack) => {
          const keep = pack.ids.flatMap((id, i) => (gone.has(id) ? [] : [i]));
          pack.items = keep.map((i) => pack.items[i] as string);
          pack.ids = keep.map((i) => pack.ids[i] as string);
          const heads = pack.heads;
          if (heads) pack.heads = keep.map((i) => heads[i] as string);
        });
      }
      await changePacks(changes);
    },
    clear: () =>
      txOver(PACK_STORES, 'readwrite', (stores) => {
        for (const s of stores) s.clear();
      }),
    count: () =>
      tx(SUMMARY_PACKS_STORE, 'readonly', async (s) =>
        (await allPacks(s)).reduce((n, p) => n + p.ids.length, 0),
      ),
  };
  // Opens the connection ahead of the first read (a failure is met again, and reported, there).
  const warm = () => void open().catch(() => undefined);
  return { orders: store(ORDERS_STORE), summaries, warm };
}
