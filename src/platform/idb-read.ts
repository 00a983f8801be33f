/**
 * Reading the summaries in IndexedDB, for the worker and the extension's pages alike (./idb.ts
 * says how they are stored, and writes them). The pages import this file only: their bundles
 * carry none of the writing, and they cannot write.
 */
import type { FirstScreen } from '../core/first-screen';
import { decodeHead, encodeHead, planHead, settledBy } from '../core/plan-head';
import { z } from '../core/z';
import type { PlanningRead, SummariesStore } from './types';

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
export function fillHeads(pack: SummaryPack): void {
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

/**
 * The popup's first screen (src/core/first-screen.ts) is kept in the summary packs' object store
 * under this key, below every pack's: each write of summaries brings it up to date in the same
 * transaction, so it never disagrees with the packs. Pack reads take keys from 0 up and never see it.
 */
export const FIRST_SCREEN_KEY = -1;
const FirstScreenRecord = z
  .object({
    pack: z.literal(FIRST_SCREEN_KEY),
    at: z.number(),
    all: z.string(),
    ids: z.array(z.string()),
    items: z.array(z.string()),
    heads: z.array(z.string()),
  })
  .check(
    z.refine(
      (r) => r.ids.length === r.items.length && r.heads.length === r.ids.length,
      'ids, items and heads differ in length',
    ),
  );

/** The packs' keys: every key but the first screen's. */
export const packKeys = (): IDBKeyRange => IDBKeyRange.lowerBound(0);

/**
 * One packed summary as a record. A string that is not JSON comes back as a record that fails
 * every schema, so that the reader sets it aside and the worker rebuilds it, as for any bad record.
 */
export function unpackItem(orderId: string, json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return { orderId, unreadable: json.slice(0, 200) };
  }
}

/** A stored pack, or undefined (logged) for one that is not a pack: its summaries are rebuilt. */
export function readPack(raw: unknown): SummaryPack | undefined {
  if (raw === undefined) return undefined;
  const parsed = z.safeParse(SummaryPack, raw);
  if (parsed.success) return parsed.data;
  console.warn('[protection-clock] an unreadable pack of summaries is ignored; they will be rebuilt');
  return undefined;
}

export const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** The first screen as stored, or undefined (logged when it is there but unreadable). */
export function readFirstScreen(raw: unknown): FirstScreen | undefined {
  if (raw === undefined) return undefined;
  const parsed = z.safeParse(FirstScreenRecord, raw);
  if (parsed.success) return parsed.data;
  console.warn('[protection-clock] an unreadable first screen is ignored; it will be rebuilt');
  return undefined;
}

/** One transaction over these stores; resolves with `fn`'s result once it has committed. */
export type TransactOver = <T>(
  storeNames: readonly string[],
  mode: IDBTransactionMode,
  fn: (stores: IDBObjectStore[]) => Promise<T> | T,
) => Promise<T>;
/** One transaction over one store. */
export type Transact = <T>(
  storeName: string,
  mode: IDBTransactionMode,
  fn: (store: IDBObjectStore) => Promise<T> | T,
) => Promise<T>;

/** One connection per page or worker, shared by the stores opened through it. */
export function connect(
  factory: IDBFactory,
  name: string,
  now: () => number,
): { open: () => Promise<IDBDatabase>; tx: Transact; txOver: TransactOver } {
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
          const cursor = packs.openCursor(packKeys());
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
  return { open, tx, txOver };
}

/** Every pack as stored (unreadable ones left out). */
export const allPacks = (s: IDBObjectStore): Promise<SummaryPack[]> =>
  done(s.getAll(packKeys())).then((raws) => raws.map(readPack).filter((p) => p !== undefined));

/** What faces may do with the summaries: read them (the worker owns every write). */
export type SummariesReader = Pick<
  SummariesStore,
  'get' | 'getAll' | 'keys' | 'count' | 'readPlanning' | 'readFirstScreen'
>;

export function summariesReader(tx: Transact): SummariesReader {
  return {
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
    readFirstScreen: () =>
      tx(SUMMARY_PACKS_STORE, 'readonly', async (s) => readFirstScreen(await done(s.get(FIRST_SCREEN_KEY)))),
    keys: () => tx(SUMMARY_PACKS_STORE, 'readonly', async (s) => (await allPacks(s)).flatMap((p) => p.ids)),
    count: () =>
      tx(SUMMARY_PACKS_STORE, 'readonly', async (s) =>
        (await allPacks(s)).reduce((n, p) => n + p.ids.length, 0),
      ),
  };
}

/**
 * The summaries for the extension's pages (popup, options): reads only, so that their bundles
 * carry none of the writing (packing, the first screen's upkeep) and cannot write.
 */
export function idbSummariesReader(factory: IDBFactory = indexedDB, name = DB_NAME): SummariesReader {
  return summariesReader(connect(factory, name, Date.now).tx);
}
