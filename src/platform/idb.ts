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
 * The connection is cached for the worker's lifetime (a cache, not state: a new worker reopens),
 * and dropped when the browser closes it or another version wants to upgrade.
 */
import { decodeHead, encodeHead, planHead, settledBy } from '../core/plan-head';
import { z } from '../core/z';
import type { PlanningRead, RecordStore, SummariesStore } from './types';

export const DB_NAME = 'protection-clock';
/**
 * 1: `orders`. 2: `summaries` added (store schema version 4). 3: `summaries` replaced by
 * `summary-packs` (summaries are derived data: the worker rebuilds them from the orders on the
 * update, see src/background/index.ts, and on any start that finds them out of step).
 */
export const DB_VERSION = 3;
export const ORDERS_STORE = 'orders';
export const SUMMARY_PACKS_STORE = 'summary-packs';
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
  })
  .check(
    z.refine(
      (p) => p.ids.length === p.items.length && (p.heads === undefined || p.heads.length === p.ids.length),
      'ids, items and heads differ in length',
    ),
  );
export type SummaryPack = z.infer<typeof SummaryPack>;

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
    const pack = packs.get(n) ?? { pack: n, ids: [], items: [] };
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
): { orders: RecordStore; summaries: SummariesStore; warm: () => void } {
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(ORDERS_STORE))
          db.createObjectStore(ORDERS_STORE, { keyPath: 'orderId' });
        if (db.objectStoreNames.contains(OLD_SUMMARIES_STORE)) db.deleteObjectStore(OLD_SUMMARIES_STORE);
        if (!db.objectStoreNames.contains(SUMMARY_PACKS_STORE))
          db.createObjectStore(SUMMARY_PACKS_STORE, { keyPath: 'pack' });
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

  /** One transaction; resolves with `fn`'s result once the transaction has committed. */
  const tx = async <T>(
    storeName: string,
    mode: IDBTransactionMode,
    fn: (store: IDBObjectStore) => Promise<T> | T,
  ): Promise<T> => {
    const db = await open();
    const t = db.transaction(storeName, mode);
    const committed = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
      t.onerror = () => reject(t.error);
    });
    const result = fn(t.objectStore(storeName));
    const [value] = await Promise.all([result, committed]);
    return value;
  };

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

  /** Changes packs in one transaction: each touched pack is read, changed, written (or deleted if empty). */
  const changePacks = (byPack: Map<number, (pack: SummaryPack) => void>): Promise<void> =>
    tx(SUMMARY_PACKS_STORE, 'readwrite', (s) => {
      // Plain callbacks, no awaits between requests: the transaction must stay active throughout.
      for (const [n, change] of byPack) {
        const req = s.get(n);
        req.onsuccess = () => {
          const pack = readPack(req.result) ?? { pack: n, ids: [], items: [] };
          change(pack);
          if (pack.ids.length === 0) s.delete(n);
          else s.put(pack);
        };
      }
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
    clear: () => tx(SUMMARY_PACKS_STORE, 'readwrite', (s) => void s.clear()),
    count: () =>
      tx(SUMMARY_PACKS_STORE, 'readonly', async (s) =>
        (await allPacks(s)).reduce((n, p) => n + p.ids.length, 0),
      ),
  };
  // Opens the connection ahead of the first read (a failure is met again, and reported, there).
  const warm = () => void open().catch(() => undefined);
  return { orders: store(ORDERS_STORE), summaries, warm };
}
