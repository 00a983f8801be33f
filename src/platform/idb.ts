/**
 * Full orders in IndexedDB: database `protection-clock`, object store `orders`, keyPath `orderId`.
 *
 * Why IndexedDB: storage.local's quota is 10 MB without the `unlimitedStorage` permission (we keep
 * to storage, alarms and notifications), which holds about 2,500 realistic orders; IndexedDB holds
 * 10,000 and reads them all faster (README, "Store, scheduler and worker"). Only the worker opens
 * it. A tiny promise wrapper, not a library: we use six calls.
 *
 * The connection is cached for the worker's lifetime (a cache, not state: a new worker reopens),
 * and dropped when the browser closes it or another version wants to upgrade.
 */
import type { OrdersStore } from './types';

export const DB_NAME = 'protection-clock';
export const DB_VERSION = 1;
export const ORDERS_STORE = 'orders';

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

export function idbOrders(factory: IDBFactory = indexedDB, name = DB_NAME): OrdersStore {
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(ORDERS_STORE)) {
          req.result.createObjectStore(ORDERS_STORE, { keyPath: 'orderId' });
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
    mode: IDBTransactionMode,
    fn: (store: IDBObjectStore) => Promise<T> | T,
  ): Promise<T> => {
    const db = await open();
    const t = db.transaction(ORDERS_STORE, mode);
    const committed = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
      t.onerror = () => reject(t.error);
    });
    const result = fn(t.objectStore(ORDERS_STORE));
    const [value] = await Promise.all([result, committed]);
    return value;
  };

  return {
    get: (ids) =>
      tx('readonly', async (s) => {
        const found = await Promise.all(ids.map((id) => done(s.get(id))));
        return found.filter((r) => r !== undefined);
      }),
    getAll: () => tx('readonly', (s) => done(s.getAll())),
    keys: () => tx('readonly', async (s) => (await done(s.getAllKeys())).map(String)),
    put: async (records) => {
      if (records.length === 0) return;
      await tx('readwrite', (s) => {
        for (const r of records) s.put(r);
      });
    },
    delete: async (ids) => {
      if (ids.length === 0) return;
      await tx('readwrite', (s) => {
        for (const id of ids) s.delete(id);
      });
    },
    clear: () => tx('readwrite', (s) => void s.clear()),
    count: () => tx('readonly', (s) => done(s.count())),
  };
}
