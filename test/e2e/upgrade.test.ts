/**
 * The update to database version 4 in real Chromium: a buyer's version 3 database (orders, and
 * summary packs without revisions, some written before plan heads) is upgraded when the worker
 * next opens it, woken by an order page. Every order stays; every pack gets its revision, its
 * heads filled in and its heads record (src/platform/idb.ts); and the page's order gets its badge.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { toStored } from '../../src/core/summary';
import { packRecords } from '../../src/platform/idb';
import { generateHistory, summariesOf } from '../history/history';
import {
  REAL_DETAIL_ORDER_ID,
  realDetailBody,
  shiftEnglishDates,
  shiftForCompletedDaysAgo,
} from '../standin/server.mjs';
import { type Harness, keepScreenshots, startHarness, waitFor } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

describe('the update to database version 4', () => {
  it('keeps every order, gives every pack its heads record, and the woken worker badges the page', async () => {
    onTestFailed(() => keepScreenshots(h, 'upgrade-v4'));
    const worker = await h.worker();
    const zone = await worker.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const now = Date.now();
    const orders = generateHistory({ orders: 600, now, timeZone: zone }).orders;
    // Version 3's packs: no revision, and every other one from before plan heads.
    const packs = packRecords(summariesOf(orders, now, zone).map(toStored)).map((p, i) => {
      const { rev: _rev, heads, ...rest } = p;
      return i % 2 === 0 ? rest : { ...rest, heads };
    });
    await worker.evaluate(
      async ({ orders, packs }) => {
        // The worker's own connection closes on the delete (its versionchange handler).
        await new Promise<void>((resolve, reject) => {
          const del = indexedDB.deleteDatabase('protection-clock');
          del.onsuccess = () => resolve();
          del.onerror = () => reject(del.error);
        });
        await new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('protection-clock', 3);
          req.onupgradeneeded = () => {
            const o = req.result.createObjectStore('orders', { keyPath: 'orderId' });
            for (const order of orders) o.put(order);
            const s = req.result.createObjectStore('summary-packs', { keyPath: 'pack' });
            for (const pack of packs) s.put(pack);
          };
          req.onsuccess = () => {
            req.result.close();
            resolve();
          };
          req.onerror = () => reject(req.error);
        });
      },
      { orders, packs },
    );
    await h.stopWorker();

    const id = '8300000000000042';
    const body = shiftEnglishDates(realDetailBody(), shiftForCompletedDaysAgo(Date.now(), 1));
    h.standin.fixtures.detail.set(id, { body: body.replaceAll(REAL_DETAIL_ORDER_ID, id) });
    const page = await h.session.context.newPage();
    await page.goto(`https://www.aliexpress.com/p/order/detail.html?orderId=${id}`);
    const tabBadge = async () => {
      const w = await h.worker();
      const tab = await w.evaluate(
        async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
      );
      return h.badge(tab);
    };
    const badge = await waitFor(
      tabBadge,
      (b) => b.title.includes(id),
      'the page order on its tab badge',
      30_000,
    );
    expect(badge.text).not.toBe('');

    const stored = await waitFor(
      () =>
        h.worker().then((w) =>
          w.evaluate(async () => {
            const db = await new Promise<IDBDatabase>((resolve, reject) => {
              const req = indexedDB.open('protection-clock');
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            });
            const all = (store: string) =>
              new Promise<unknown[]>((resolve, reject) => {
                const req = db.transaction(store).objectStore(store).getAll();
                req.onsuccess = () => resolve(req.result);
                req.onerror = () => reject(req.error);
              });
            const heads = (await all('summary-heads')) as { pack: number; rev: number; ids: string[] }[];
            const packs = (
              (await all('summary-packs')) as { pack: number; rev?: number; heads?: string[] }[]
            ).filter((p) => p.pack >= 0);
            const orderIds = ((await all('orders')) as { orderId: string }[]).map((o) => o.orderId);
            const version = db.version;
            db.close();
            return {
              version,
              orderIds,
              packs: packs.length,
              headsRecords: heads.length,
              withoutHeads: packs.filter((p) => !p.heads || p.heads.some((x) => x === '')).length,
              atTheirRevision: heads.filter((r) => packs.find((p) => p.pack === r.pack)?.rev === r.rev)
                .length,
              inHeads: heads.flatMap((r) => r.ids),
            };
          }),
        ),
      (s) => s.orderIds.includes(id),
      'the page order stored',
    );
    expect(stored.version).toBe(4);
    expect(stored.orderIds.sort()).toEqual([...orders.map((o) => o.orderId), id].sort());
    expect(stored.headsRecords).toBe(stored.packs);
    expect(stored.atTheirRevision).toBe(stored.packs);
    expect(stored.withoutHeads).toBe(0);
    expect(stored.inHeads.sort()).toEqual(stored.orderIds.sort());
    await page.close();
  }, 120_000);
});
