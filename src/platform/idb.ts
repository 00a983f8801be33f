/**
 * Orders and their summaries in IndexedDB: database `protection-clock`, object stores `orders`
 * and `summaries` (version 2), both keyPath `orderId`.
 *
 * Why IndexedDB: storage.local's quota is 10 MB without the `unlimitedStorage` permission (we keep
 * to storage, alarms and notifications), which holds about 2,500 realistic orders, or 6,000 of
 * their summaries; IndexedDB holds 10,000 of both and reads them all faster (README, "Store,
 * scheduler and worker"). Only the worker opens `orders`; the extension's own pages (popup,
 * options) read `summaries` too, as they share the extension origin's IndexedDB. A tiny promise
 * wrapper, not a library: we use six calls.
 *
 * The connection is cached for the worker's lifetime (a cache, not state: a new worker reopens),
 * and dropped when the browser closes it or another version wants to upgrade.
 */
import type { RecordStore } from './types';

export const DB_NAME = 'protection-clock';
/** 1: `orders`. 2: `summaries` added (store schema version 4). */
export const DB_VERSION = 2;
export const ORDERS_STORE = 'orders';
export const SUMMARIES_STORE = 'summaries';
const STORES = [ORDERS_STORE, SUMMARIES_STORE] as const;

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** One connection per page or worker, shared by the stores opened through it. */
export function idbDatabase(
  factory: IDBFactory = indexedDB,
  name = DB_NAME,
): { orders: RecordStore; summaries: RecordStore } {
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        for (const store of STORES) {
          if (!req.result.objectStoreNames.contains(store)) {
            req.result.createObjectStore(store, { keyPath: 'orderId' });
          }
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
  return { orders: store(ORDERS_STORE), summaries: store(SUMMARIES_STORE) };
}

/** The orders store alone (the worker's). */
export const idbOrders = (factory: IDBFactory = indexedDB, name = DB_NAME): RecordStore =>
  idbDatabase(factory, name).orders;
