/**
 * Store capacity: bytes per order, and the cost of reading everything / writing one order at
 * 10,000 orders, in REAL Chromium storage.local (through the e2e harness; `npm run build` first),
 * with IndexedDB measured the same way in the same worker for the choice between them. Plus the
 * CPU side in Node: parsing 10,000 stored orders (`parseState`) and one whole scheduler run.
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
import { memoryPlatform } from '../src/platform/memory';
import { orderKey } from '../src/store/items';
import { parseState } from '../src/store/state';
import { startHarness } from '../test/e2e/harness';
import { REAL_DETAIL_ORDER_ID, realDetailBody, repoRoot } from '../test/standin/server.mjs';

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

/** `n` copies with distinct ids (JSON text, so the worker can build them without 10,000 CDP calls). */
const idOf = (i: number) => String(8_100_000_000_000_000 + i);

export async function run() {
  const template = realisticOrder();
  const templateJson = JSON.stringify(template);
  const bytesJson = orderKey(template.orderId).length + templateJson.length;

  // CPU, in Node: parse 10,000 stored orders; one scheduler run over them (ladders, plan, badge).
  const all: Record<string, unknown> = {};
  for (let i = 0; i < ORDERS; i++) {
    const id = idOf(i);
    all[orderKey(id)] = JSON.parse(templateJson.replaceAll(REAL_DETAIL_ORDER_ID, id));
  }
  const parseSamples: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const state = parseState(all);
    parseSamples.push(performance.now() - t);
    if (state.orders.length !== ORDERS) throw new Error('parseState lost orders');
  }
  const platform = memoryPlatform({ now: NOW, timeZone: 'America/Sao_Paulo' });
  for (const [k, v] of Object.entries(all)) platform.data.set(k, v);
  const runSamples: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await reschedule(platform);
    runSamples.push(performance.now() - t);
  }

  // Real Chromium: storage.local and IndexedDB in the extension's own worker.
  const h = await startHarness();
  try {
    const worker = await h.worker();
    const figures = await worker.evaluate(
      async ({ json, realId, n }) => {
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
        // storage.local: as many as Chrome's 10 MB quota (no unlimitedStorage permission) takes.
        await chrome.storage.local.clear();
        let stored = 0;
        let quotaError = '';
        for (let i = 0; i < n && !quotaError; i += 250) {
          const batch: Record<string, unknown> = {};
          for (const id of ids.slice(i, i + 250)) batch[`order:${id}`] = make(id);
          try {
            await chrome.storage.local.set(batch);
            stored += Object.keys(batch).length;
          } catch (error) {
            quotaError = String(error);
          }
        }
        const localIds = ids.slice(0, stored);
        const bytesInUse = await chrome.storage.local.getBytesInUse(null);
        const localReadAll = await time(6, async () => {
          const got = await chrome.storage.local.get(null);
          if (Object.keys(got).length < stored) throw new Error('lost orders');
        });
        const localReadOne = await time(40, (i) =>
          chrome.storage.local.get(`order:${localIds[(i * 97) % stored]}`),
        );
        const localWriteOne = await time(40, (i) => {
          const id = localIds[(i * 131) % stored] as string;
          const order = make(id);
          order.lastSeen += i;
          return chrome.storage.local.set({ [`order:${id}`]: order });
        });
        await chrome.storage.local.clear();

        // IndexedDB, one object store keyed by order id
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('bench', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('orders');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const tx = (mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest | undefined) =>
          new Promise<unknown>((resolve, reject) => {
            const t = db.transaction('orders', mode);
            const req = fn(t.objectStore('orders'));
            t.oncomplete = () => resolve(req?.result);
            t.onerror = () => reject(t.error);
          });
        for (let i = 0; i < n; i += 1000) {
          await tx('readwrite', (s) => {
            for (const id of ids.slice(i, i + 1000)) s.put(make(id), id);
            return undefined;
          });
        }
        const idbReadAll = await time(6, async () => {
          const got = (await tx('readonly', (s) => s.getAll())) as unknown[];
          if (got.length < n) throw new Error('lost orders');
        });
        const idbReadOne = await time(40, (i) => tx('readonly', (s) => s.get(ids[(i * 97) % n] as string)));
        const idbWriteOne = await time(40, (i) => {
          const id = ids[(i * 131) % n] as string;
          const order = make(id);
          order.lastSeen += i;
          return tx('readwrite', (s) => s.put(order, id));
        });
        db.close();
        await new Promise((r) => {
          const req = indexedDB.deleteDatabase('bench');
          req.onsuccess = req.onerror = req.onblocked = () => r(undefined);
        });
        return {
          bytesInUse,
          stored,
          quotaError,
          localReadAll,
          localReadOne,
          localWriteOne,
          idbReadAll,
          idbReadOne,
          idbWriteOne,
        };
      },
      { json: templateJson, realId: REAL_DETAIL_ORDER_ID, n: ORDERS },
    );
    const at = `at ${ORDERS.toLocaleString('en')} orders`;
    const atLocal = `at ${figures.stored.toLocaleString('en')} orders`;
    const full =
      figures.stored < ORDERS ? `storage.local full at ${figures.stored} orders: ${figures.quotaError}` : '';
    return [
      {
        name: 'bytes per order (detail + list + tracking, JSON)',
        unit: 'bytes' as const,
        samples: [bytesJson],
      },
      {
        name: 'bytes per order in Chromium storage.local (getBytesInUse / orders)',
        unit: 'bytes' as const,
        samples: [figures.bytesInUse / figures.stored],
        note: full
          ? `quota full at ${figures.stored.toLocaleString('en')} orders (${(figures.bytesInUse / 1e6).toFixed(1)} MB)`
          : `${(figures.bytesInUse / 1e6).toFixed(1)} MB`,
      },
      { name: `storage.local: read all ${atLocal}`, unit: 'ms' as const, samples: figures.localReadAll },
      { name: `storage.local: read one ${atLocal}`, unit: 'ms' as const, samples: figures.localReadOne },
      { name: `storage.local: write one ${atLocal}`, unit: 'ms' as const, samples: figures.localWriteOne },
      { name: `IndexedDB: read all ${at}`, unit: 'ms' as const, samples: figures.idbReadAll, target: 1000 },
      { name: `IndexedDB: read one ${at}`, unit: 'ms' as const, samples: figures.idbReadOne, target: 20 },
      { name: `IndexedDB: write one ${at}`, unit: 'ms' as const, samples: figures.idbWriteOne, target: 50 },
      { name: `parse the whole store ${at} (Node)`, unit: 'ms' as const, samples: parseSamples, target: 500 },
      {
        name: `one scheduler run ${at} (Node, memory storage)`,
        unit: 'ms' as const,
        samples: runSamples,
        target: 1000,
      },
    ];
  } finally {
    await h.dispose();
  }
}
