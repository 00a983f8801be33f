/**
 * Store capacity and speed at 10,000 orders, as the extension keeps them since store version 4:
 * full orders and one summary per order in IndexedDB (`protection-clock` / `orders` and
 * `summary-packs`), only small items in storage.local.
 *
 * The orders are a long-time buyer's generated history (test/history: years of completed and
 * closed orders, a few dozen live ones; seeded, built at the bench's own now in the browser's
 * zone). Measured in REAL Chromium, in the extension's own worker (through the e2e harness; `npm
 * run build` first): bytes per order and per summary, IndexedDB read all / read one / write one
 * orders, read all summaries, read what a scheduler run reads (the packs' heads records), IndexedDB
 * and storage.local bytes in use, and worker wake-to-badge
 * with the 10,000 orders stored. In Node: parsing the 10,000 summaries and one whole scheduler run.
 *
 * For comparison, the old shape in Node: one order repeated 10,000 times, the real detail capture
 * with a list and a delivered tracking read, every window of it open.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBody, readApiBody } from '../src/aliexpress';
import { runScheduler } from '../src/background/scheduler';
import { mergeSnapshot } from '../src/core/merge';
import type { OrderSnapshot, StoredOrder } from '../src/core/model';
import { toStored } from '../src/core/summary';
import { DB_VERSION } from '../src/platform/idb';
import { memoryPlatform } from '../src/platform/memory';
import { SCHEMA_VERSION } from '../src/store/items';
import { summaryOf } from '../src/store/orders';
import { parseSummaries } from '../src/store/summaries';
import { startHarness } from '../test/e2e/harness';
import { generateHistory, summariesOf } from '../test/history/history';
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

/** Node, memory stores (records cloned out as IndexedDB's reads do): parse all; scheduler runs. */
async function nodeFigures(
  records: readonly { orderId: string }[],
  orders: (i: number) => unknown,
  now: number,
  zone: string,
) {
  const platform = memoryPlatform({ now, timeZone: zone });
  for (const [i, record] of records.entries()) {
    platform.summaryData.set(record.orderId, record);
    platform.orderData.set(record.orderId, orders(i));
  }
  platform.data.set('meta', { schemaVersion: SCHEMA_VERSION });
  const parse: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const read = parseSummaries(records);
    parse.push(performance.now() - t);
    if (read.summaries.length !== records.length) throw new Error('parseSummaries lost summaries');
  }
  const runs: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t = performance.now();
    const result = await runScheduler(platform);
    runs.push(performance.now() - t);
    if (result.orders !== records.length || result.rebuilt)
      throw new Error('the scheduler did not plan from summaries');
  }
  return { parse, runs };
}

export async function run() {
  // Summaries are built in the browser's own zone: in another, the worker's first run rebuilds all.
  const h = await startHarness();
  const TIME_ZONE = await (await h.worker()).evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const now = Date.now();
  const history = generateHistory({ orders: ORDERS, now, timeZone: TIME_ZONE }).orders;
  const historySummaries = summariesOf(history, now, TIME_ZONE).map(toStored);
  const orderBytes = history.reduce((n, o) => n + JSON.stringify(o).length, 0);
  const summaryBytes = historySummaries.reduce((n, s) => n + JSON.stringify(s).length, 0);

  // The old shape: one realistic order, repeated.
  const template = realisticOrder();
  const templateJson = JSON.stringify(template);
  const summary = summaryOf(template, { now: NOW, timeZone: TIME_ZONE });
  if (!summary) throw new Error('no summary for the bench order');
  const summaryJson = JSON.stringify(toStored(summary));
  const repeated = Array.from({ length: ORDERS }, (_, i) =>
    JSON.parse(summaryJson.replaceAll(REAL_DETAIL_ORDER_ID, idOf(i))),
  );

  const onHistory = await nodeFigures(historySummaries, (i) => history[i], now, TIME_ZONE);
  const onRepeated = await nodeFigures(
    repeated,
    (i) => JSON.parse(templateJson.replaceAll(REAL_DETAIL_ORDER_ID, idOf(i))),
    NOW,
    TIME_ZONE,
  );

  // Real Chromium: the extension's own IndexedDB and storage.local, in its worker.
  try {
    const worker = await h.worker();
    const usage = () =>
      worker.evaluate(async () => {
        const e = (await navigator.storage.estimate()) as StorageEstimate & {
          usageDetails?: { indexedDB?: number };
        };
        return e.usageDetails?.indexedDB ?? e.usage ?? 0;
      });
    await worker.evaluate(async () => {
      await chrome.storage.local.clear();
    });
    const usageBefore = await usage();
    for (let i = 0; i < ORDERS; i += 1000) await h.putOrders(history.slice(i, i + 1000));
    await h.putSummaries(historySummaries);
    const idbTotal = (await usage()) - usageBefore;
    const ids = history.map((o) => o.orderId);
    const figures = await worker.evaluate(
      async ({ ids, version, dbVersion }) => {
        const n = ids.length;
        const time = async (runs: number, fn: (i: number) => Promise<unknown>) => {
          const out: number[] = [];
          for (let i = 0; i < runs; i++) {
            const t = performance.now();
            await fn(i);
            out.push(performance.now() - t);
          }
          return out;
        };
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('protection-clock', dbVersion);
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
        // As the store reads them all: every pack, then each summary's JSON.
        const summaryReadAll = await time(6, async () => {
          const got = (await txSum('readonly', (s) => s.getAll())) as { items: string[] }[];
          const all = got.flatMap((p) => p.items.map((item) => JSON.parse(item) as unknown));
          if (all.length < n) throw new Error('lost summaries');
        });
        // What a scheduler run reads since the heads records (src/platform/idb.ts `readLive`): every
        // pack's heads record, the packs' keys and revisions, then the JSON of the orders not over.
        const headsRead = await time(12, async () => {
          const t = db.transaction(['summary-packs', 'summary-heads'], 'readonly');
          const req = <T>(r: IDBRequest<T>) =>
            new Promise<T>((resolve, reject) => {
              r.onsuccess = () => resolve(r.result);
              r.onerror = () => reject(r.error);
            });
          const revs = new Promise<Map<number, number>>((resolve) => {
            const out = new Map<number, number>();
            const c = t.objectStore('summary-packs').index('rev').openKeyCursor();
            c.onsuccess = () => {
              if (!c.result) return resolve(out);
              out.set(c.result.primaryKey as number, c.result.key as number);
              c.result.continue();
            };
          });
          const [heads, , rev] = await Promise.all([
            req(t.objectStore('summary-heads').getAll()) as Promise<
              { pack: number; rev: number; live: string[] }[]
            >,
            req(t.objectStore('summary-packs').getAllKeys()),
            revs,
          ]);
          let live = 0;
          for (const h of heads) {
            if (rev.get(h.pack) !== h.rev) throw new Error('a stale heads record in the bench store');
            for (const json of h.live) if (json) live += JSON.parse(json) ? 1 : 0;
          }
          if (live === 0 || live > n / 10) throw new Error(`unexpected live count ${live}`);
        });
        const idbReadAll = await time(6, async () => {
          const got = (await tx('readonly', (s) => s.getAll())) as unknown[];
          if (got.length < n) throw new Error('lost orders');
        });
        const idbReadOne = await time(40, (i) => tx('readonly', (s) => s.get(ids[(i * 97) % n] as string)));
        // The orders written back are read first, so that only the write is timed.
        const toWrite = (await Promise.all(
          Array.from({ length: 40 }, (_, i) => tx('readonly', (s) => s.get(ids[(i * 131) % n] as string))),
        )) as { lastSeen: number }[];
        const idbWriteOne = await time(40, (i) => {
          const order = toWrite[i] as { lastSeen: number };
          order.lastSeen += 1;
          return tx('readwrite', (s) => s.put(order));
        });
        db.close();
        // storage.local: small items only, as the migration leaves them (the version, the signal).
        await chrome.storage.local.set({
          meta: { schemaVersion: version },
          changes: { rev: 1, at: Date.now(), orderIds: [], all: true },
        });
        const localBytes = await chrome.storage.local.getBytesInUse(null);
        return { idbReadAll, idbReadOne, idbWriteOne, summaryReadAll, headsRead, localBytes };
      },
      { ids, version: SCHEMA_VERSION, dbVersion: DB_VERSION },
    );
    // With all 10,000 stored: the worker stopped, an order page opened, until its tab badge is set.
    // 20 each: with 8, the p95 is the single slowest run.
    const { cold, warm } = await wakeToBadge(h, 20);
    const at = `at ${ORDERS.toLocaleString('en')} orders`;
    const live = historySummaries.filter((s) =>
      s.windows.some((w) => w.closesAt === null || w.closesAt > now - 86_400_000),
    ).length;
    return [
      {
        name: 'bytes per order in IndexedDB, generated history (JSON as stored, average)',
        unit: 'bytes' as const,
        samples: [Math.round(orderBytes / ORDERS)],
        note: `${(orderBytes / 1e6).toFixed(1)} MB of JSON ${at}; the real capture repeated (old shape): ${templateJson.length} B each`,
      },
      {
        name: 'bytes per order summary in IndexedDB, generated history (JSON as stored, average)',
        unit: 'bytes' as const,
        samples: [Math.round(summaryBytes / ORDERS)],
        note: `${(summaryBytes / 1e6).toFixed(1)} MB of JSON ${at}; old shape: ${summaryJson.length} B each`,
      },
      {
        name: `IndexedDB in use ${at}, orders and summaries (Chromium's estimate)`,
        unit: 'bytes' as const,
        samples: [idbTotal],
        note: `${(idbTotal / 1e6).toFixed(1)} MB; IndexedDB has no 10 MB quota`,
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
      {
        name: `IndexedDB: what a scheduler run reads ${at} (the packs' heads records, then each live summary's JSON.parse)`,
        unit: 'ms' as const,
        samples: figures.headsRead,
        note: 'instead of every pack (the line above): the plan heads of all orders and the JSON of those not over',
      },
      {
        name: `parse all summaries ${at} (Node)`,
        unit: 'ms' as const,
        samples: onHistory.parse,
        target: 300,
      },
      {
        name: `one scheduler run ${at}, generated history (Node, memory stores)`,
        unit: 'ms' as const,
        samples: onHistory.runs,
        target: 100,
        note: `${live} orders with a window open or closed less than a day ago are read and planned; the rest only counted`,
      },
      {
        name: `… old shape: one order with every window open, repeated ${ORDERS.toLocaleString('en')} times`,
        unit: 'ms' as const,
        samples: onRepeated.runs,
        note: `for comparison (parse alone: median ${median(onRepeated.parse).toFixed(0)} ms)`,
      },
      {
        name: `worker wake-to-badge, generated history ${at} in IndexedDB (worker stopped, order page opened → tab badge)`,
        unit: 'ms' as const,
        samples: cold,
        target: 400,
      },
      { name: 'page-to-badge, same store, worker running', unit: 'ms' as const, samples: warm },
    ];
  } finally {
    await h.dispose();
  }
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
