/**
 * Store capacity at 10,000 orders, as the extension keeps them since store version 4: full orders
 * and one summary per order in IndexedDB (`protection-clock` / `orders` and `summary-packs`), only
 * small items in storage.local. Measured in REAL Chromium, in the extension's own worker (through
 * the e2e harness; `npm run build` first): bytes per order and per summary in IndexedDB, IndexedDB
 * read all / read one / write one orders, read all summaries, storage.local bytes in use, and worker
 * wake-to-badge with the 10,000 orders and summaries stored. In Node: parsing the 10,000 summaries
 * and one whole scheduler run from them.
 *
 * Each order is the realistic worst case: the real detail capture, a list read and a delivered
 * tracking read merged into one record, as the worker stores them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBody, readApiBody } from '../src/aliexpress';
import { reschedule } from '../src/background/scheduler';
import { mergeSnapshot } from '../src/core/merge';
import type { OrderSnapshot, StoredOrder } from '../src/core/model';
import { toStored } from '../src/core/summary';
import { DB_VERSION, packRecords } from '../src/platform/idb';
import { memoryPlatform } from '../src/platform/memory';
import { SCHEMA_VERSION } from '../src/store/items';
import { summaryOf } from '../src/store/orders';
import { parseSummaries } from '../src/store/summaries';
import { startHarness } from '../test/e2e/harness';
import { REAL_DETAIL_ORDER_ID, realDetailBody, repoRoot } from '../test/standin/server.mjs';
import { wakeToBadge } from './worker.bench';

const ORDERS = 10_000;
const NOW = Date.UTC(2026, 7, 10, 12);
const fixture = (name: string) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'aliexpress', name), 'utf8');

function one(api: string, body: string, pageUrl?: string): OrderSnapshot {
  const read = readApiBody(api, parseBody(body), { readAt: NOW, ...(pageUrl ? { pageUrl } : {}) });
  const snap = read.snapshots[0];
  if (!snap) throw new Error(`the ${api} bench body read to nothing`);
  return { ...snap, orderId: REAL_DETAIL_ORDER_ID };
}

/** The real order with a detail, a list and a tracking read. */
export function realisticOrder(): StoredOrder {
  const detailUrl = `https://www.aliexpress.com/p/order/detail.html?orderId=${REAL_DETAIL_ORDER_ID}`;
  const detail = one('detail', realDetailBody(), detailUrl);
  const list = one('list', fixture('order-list.50.json'));
  const tracking = one('tracking', fixture('tracking.delivered.json'), detailUrl);
  let order = mergeSnapshot(undefined, { ...list, readAt: NOW - 3_000 });
  order = mergeSnapshot(order, { ...detail, readAt: NOW - 2_000 });
  return mergeSnapshot(order, { ...tracking, readAt: NOW - 1_000 });
}

const idOf = (i: number) => String(8_100_000_000_000_000 + i);
export async function run() {
  // Summaries are built in the browser's own zone: in another, the worker's first run rebuilds all.
  const h = await startHarness();
  const TIME_ZONE = await (await h.worker()).evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const template = realisticOrder();
  const templateJson = JSON.stringify(template);
  const summary = summaryOf(template, { now: NOW, timeZone: TIME_ZONE });
  if (!summary) throw new Error('no summary for the bench order');
  const summaryJson = JSON.stringify(toStored(summary));

  // CPU, in Node: parse 10,000 summaries; one scheduler run from them (plan, badge, alarm).
  const records: unknown[] = [];
  const platform = memoryPlatform({ now: NOW, timeZone: TIME_ZONE });
  for (let i = 0; i < ORDERS; i++) {
    const id = idOf(i);
    const record = JSON.parse(summaryJson.replaceAll(REAL_DETAIL_ORDER_ID, id));
    records.push(record);
    platform.summaryData.set(id, record);
    platform.orderData.set(id, JSON.parse(templateJson.replaceAll(REAL_DETAIL_ORDER_ID, id)));
  }
  platform.data.set('meta', { schemaVersion: SCHEMA_VERSION });
  const parseSamples: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const read = parseSummaries(records);
    parseSamples.push(performance.now() - t);
    if (read.summaries.length !== ORDERS) throw new Error('parseSummaries lost summaries');
  }
  // The memory platform clones every record out (as IndexedDB's getAll does): that is in the run.
  const runSamples: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const result = await reschedule(platform);
    runSamples.push(performance.now() - t);
    if (result.orders !== ORDERS || result.rebuilt)
      throw new Error('the scheduler did not plan from summaries');
  }

  // Real Chromium: the extension's own IndexedDB and storage.local, in its worker.
  try {
    const worker = await h.worker();
    const figures = await worker.evaluate(
      async ({ json, packs, realId, n, version, dbVersion }) => {
        const ids = Array.from({ length: n }, (_, i) => String(8_100_000_000_000_000 + i));
        const make = (id: string) => JSON.parse(json.replaceAll(realId, id));
        const time = async (runs: number, fn: (i: number) => Promise<unknown>) => {
          const out: number[] = [];
          for (let i = 0; i < runs; i++) {
            const t = performance.now();
            await fn(i);
            out.push(performance.now() - t);
          }
          return out;
        };
        const idbUsage = async () => {
          const e = (await navigator.storage.estimate()) as StorageEstimate & {
            usageDetails?: { indexedDB?: number };
          };
          return e.usageDetails?.indexedDB ?? e.usage ?? 0;
        };
        // The extension's database, as src/platform/idb.ts opens it (orders; summaries packed).
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('protection-clock', dbVersion);
          req.onupgradeneeded = () => {
            if (!req.result.objectStoreNames.contains('orders'))
              req.result.createObjectStore('orders', { keyPath: 'orderId' });
            if (!req.result.objectStoreNames.contains('summary-packs'))
              req.result.createObjectStore('summary-packs', { keyPath: 'pack' });
          };
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const txIn =
          (store: string) => (mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest | undefined) =>
            new Promise<unknown>((resolve, reject) => {
              const t = db.transaction(store, mode);
              const req = fn(t.objectStore(store));
              t.oncomplete = () => resolve(req?.result);
              t.onerror = () => reject(t.error);
            });
        const tx = txIn('orders');
        const txSum = txIn('summary-packs');
        await tx('readwrite', (s) => s.clear());
        await txSum('readwrite', (s) => s.clear());
        await chrome.storage.local.clear();
        const usageBefore = await idbUsage();
        for (let i = 0; i < n; i += 1000) {
          await tx('readwrite', (s) => {
            for (const id of ids.slice(i, i + 1000)) s.put(make(id));
            return undefined;
          });
        }
        await txSum('readwrite', (s) => {
          for (const pack of packs) s.put(pack);
          return undefined;
        });
        const idbTotal = await idbUsage();
        // As the store reads them: every pack, then each summary's JSON.
        const summaryReadAll = await time(6, async () => {
          const got = (await txSum('readonly', (s) => s.getAll())) as { items: string[] }[];
          const all = got.flatMap((p) => p.items.map((item) => JSON.parse(item) as unknown));
          if (all.length < n) throw new Error('lost summaries');
        });
        const idbReadAll = await time(6, async () => {
          const got = (await tx('readonly', (s) => s.getAll())) as unknown[];
          if (got.length < n) throw new Error('lost orders');
        });
        const idbReadOne = await time(40, (i) => tx('readonly', (s) => s.get(ids[(i * 97) % n] as string)));
        const idbWriteOne = await time(40, (i) => {
          const order = make(ids[(i * 131) % n] as string);
          order.lastSeen += i;
          return tx('readwrite', (s) => s.put(order));
        });
        // The written-back copies are the same orders: the store stays at n realistic records.
        db.close();

        // storage.local: small items only, as the migration leaves them (the version, the signal).
        await chrome.storage.local.set({
          meta: { schemaVersion: version },
          changes: { rev: 1, at: Date.now(), orderIds: [], all: true },
        });
        const localBytes = await chrome.storage.local.getBytesInUse(null);
        return {
          idbReadAll,
          idbReadOne,
          idbWriteOne,
          summaryReadAll,
          idbTotal: idbTotal - usageBefore,
          localBytes,
        };
      },
      {
        json: templateJson,
        // The 10,000 summaries packed as src/platform/idb.ts packs them.
        packs: packRecords(records as { orderId: string }[]),
        dbVersion: DB_VERSION,
        realId: REAL_DETAIL_ORDER_ID,
        n: ORDERS,
        version: SCHEMA_VERSION,
      },
    );
    // With all 10,000 stored: the worker stopped, an order page opened, until its tab badge is set.
    const { cold, warm } = await wakeToBadge(h, 6);
    const at = `at ${ORDERS.toLocaleString('en')} orders`;
    return [
      // Per record: the exact JSON stored (Chromium's usage estimate moves with IndexedDB's own
      // compaction, so it is only given for the whole store, below).
      {
        name: 'bytes per order in IndexedDB (detail + list + tracking reads, JSON as stored)',
        unit: 'bytes' as const,
        samples: [templateJson.length],
        note: `${((templateJson.length * ORDERS) / 1e6).toFixed(1)} MB of JSON ${at}`,
      },
      {
        name: 'bytes per order summary in IndexedDB (JSON as stored)',
        unit: 'bytes' as const,
        samples: [summaryJson.length],
        note: `${((summaryJson.length * ORDERS) / 1e6).toFixed(1)} MB of JSON ${at}`,
      },
      {
        name: `IndexedDB in use ${at}, orders and summaries (Chromium's estimate)`,
        unit: 'bytes' as const,
        samples: [figures.idbTotal],
        note: `${(figures.idbTotal / 1e6).toFixed(1)} MB; IndexedDB has no 10 MB quota`,
      },
      {
        name: 'storage.local bytes in use (small items only: no per-order key)',
        unit: 'bytes' as const,
        samples: [figures.localBytes],
        note: 'of its 10 MB quota',
      },
      {
        name: `IndexedDB: read all orders ${at}`,
        unit: 'ms' as const,
        samples: figures.idbReadAll,
        target: 1000,
      },
      {
        name: `IndexedDB: read one order ${at}`,
        unit: 'ms' as const,
        samples: figures.idbReadOne,
        target: 20,
      },
      {
        name: `IndexedDB: write one order ${at}`,
        unit: 'ms' as const,
        samples: figures.idbWriteOne,
        target: 50,
      },
      {
        name: `IndexedDB: read all summaries ${at} (one getAll of the packs, then each summary's JSON.parse)`,
        unit: 'ms' as const,
        samples: figures.summaryReadAll,
        target: 500,
      },
      { name: `parse all summaries ${at} (Node)`, unit: 'ms' as const, samples: parseSamples, target: 300 },
      {
        name: `one scheduler run ${at}, from summaries (Node, memory stores)`,
        unit: 'ms' as const,
        samples: runSamples,
        target: 300,
      },
      {
        name: `worker wake-to-badge, ${ORDERS.toLocaleString('en')} orders and summaries in IndexedDB (worker stopped, order page opened → tab badge)`,
        unit: 'ms' as const,
        samples: cold,
        target: 2000,
      },
      { name: `page-to-badge, same store, worker running`, unit: 'ms' as const, samples: warm },
    ];
  } finally {
    await h.dispose();
  }
}
