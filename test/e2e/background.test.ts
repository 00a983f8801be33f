/**
 * The worker end to end, in real Chromium against the stand-in: an order read from the pages gets
 * its alarm, its badge and, when the alarm fires, its notification; the worker is stopped between
 * steps (as Chrome does after 30 s idle) and the browser restarted, and each reminder still shows
 * once. Time is driven honestly: by moving the dates the pages state (the stand-in shifts the real
 * capture), and by quiet hours ending a minute or two ahead for a real alarm delay; never by calling
 * the worker's internals.
 */

import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { packOf } from '../../src/platform/idb';
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

const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;

/** Serves the real detail capture as order `id`, completed `daysAgo` days before today. */
function serveCompleted(id: string, daysAgo: number) {
  const days = shiftForCompletedDaysAgo(Date.now(), daysAgo);
  h.standin.fixtures.detail.set(id, {
    body: shiftEnglishDates(realDetailBody(), days).replaceAll(REAL_DETAIL_ORDER_ID, id),
  });
}

/**
 * Playwright keeps one Worker object for our worker across stops and restarts, and evaluating in a
 * stopped one hangs: "the worker" is the one that answers within a second; when none does, a
 * message from an extension page wakes it.
 */
async function liveWorker(): Promise<Worker> {
  const ctx = h.session.context;
  const ours = () => ctx.serviceWorkers().filter((w) => w.url().includes(h.session.extensionId));
  const answers = (w: Worker) =>
    Promise.race([
      w.evaluate(() => true).catch(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1_000)),
    ]);
  for (const w of ours().reverse()) if (await answers(w)) return w;
  // Stopped: wake it with a message that changes nothing (an export), as a view would.
  const page = await ctx.newPage();
  await page.goto(`chrome-extension://${h.session.extensionId}/src/popup/index.html`);
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'export-backup' }));
  await page.close();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const w of ours().reverse()) if (await answers(w)) return w;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no live service worker');
}

/** Leaves a mark in the running worker's memory: a worker without it was started afresh. */
const markWorker = async () =>
  (await liveWorker()).evaluate(() => {
    (globalThis as { testMark?: boolean }).testMark = true;
  });

/**
 * 'stopped' when no worker of ours answers, 'fresh' when one answers without the mark (started by
 * an event since), 'marked' when the marked one still runs. Never wakes a worker itself.
 */
async function workerState(): Promise<'stopped' | 'fresh' | 'marked'> {
  let state: 'stopped' | 'fresh' | 'marked' = 'stopped';
  for (const w of h.session.context.serviceWorkers()) {
    if (!w.url().includes(h.session.extensionId)) continue;
    // Playwright keeps one Worker object across restarts; on a stopped worker evaluate hangs.
    const mark = await Promise.race([
      w.evaluate(() => (globalThis as { testMark?: boolean }).testMark === true).catch(() => null),
      new Promise<null>((r) => setTimeout(() => r(null), 1_000)),
    ]);
    if (mark === false) return 'fresh';
    if (mark === true) state = 'marked';
  }
  return state;
}

const storage = async () => (await liveWorker()).evaluate(() => chrome.storage.local.get(null));
const notificationIds = async () =>
  Object.keys(await (await liveWorker()).evaluate(() => chrome.notifications.getAll() as Promise<object>));
const alarms = async () =>
  (await liveWorker()).evaluate(async () =>
    (await chrome.alarms.getAll()).map((a) => ({ name: a.name, scheduledTime: a.scheduledTime })),
  );
const badge = async (tabId?: number) =>
  (await liveWorker()).evaluate(async (id) => {
    const details = id === undefined ? {} : { tabId: id };
    const [text, title] = await Promise.all([
      chrome.action.getBadgeText(details),
      chrome.action.getTitle(details),
    ]);
    return { text, title };
  }, tabId);

interface Ledger {
  reminders: Record<string, { shownAt?: number }>;
}

interface Recent {
  id: string;
  title: string;
  message: string;
  at: number;
}

const recent = async (): Promise<Recent[]> =>
  (await liveWorker()).evaluate(
    async () =>
      ((await chrome.storage.session.get('recentNotifications')).recentNotifications as
        | Recent[]
        | undefined) ?? [],
  );

/** Sends a command the way the popup does (from an extension page). */
async function command(message: unknown): Promise<unknown> {
  const page = await h.extensionPage('src/popup/index.html');
  try {
    return await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  } finally {
    await page.close();
  }
}

/** Quiet hours from an hour ago until the minute after next, in the browser's zone: a real delay. */
async function quietUntilSoon(): Promise<number> {
  const w = await liveWorker();
  const { zoneNow } = await w.evaluate(() => {
    const f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return { zoneNow: f.format(Date.now()) };
  });
  const [hh, mm] = zoneNow.split(':').map(Number) as [number, number];
  // At least 20 s ahead, so the page read lands inside the quiet hours.
  const ahead = new Date().getSeconds() < 40 ? 1 : 2;
  const minute = (hh * 60 + mm + ahead) % 1440;
  const start = (hh * 60 + mm + 1440 - 60) % 1440;
  const hm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  await command({ type: 'set-prefs', prefs: { quietHours: { start: hm(start), end: hm(minute) } } });
  // The end, as an instant: the next time the wall clock shows hm(minute).
  const now = Date.now();
  return now + (ahead * 60 - new Date(now).getSeconds()) * 1000 - new Date(now).getMilliseconds();
}

describe('the worker, end to end', () => {
  it('gives an order read from the pages its alarm, badge and notification with the right text', async () => {
    onTestFailed(() => keepScreenshots(h, 'background-order'));
    await command({ type: 'set-prefs', prefs: { quietHours: null } });
    const id = '8212313961500001';
    serveCompleted(id, 1);
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    await waitFor(
      () => h.summaries(),
      (s) => id in s,
      'the order to be stored',
    );

    const shown = await waitFor(
      recent,
      (r) => r.some((n) => n.id.startsWith(`pc|${id}|`)),
      'the notification',
      // Reminders wait a few seconds for more page reads of the same burst (core/burst.ts).
      30_000,
    );
    const note = shown.find((n) => n.id.startsWith(`pc|${id}|`)) as Recent;
    expect(note.title).toMatch(/^\d+ days left to request a return$|deadlines need you/);
    expect(note.message).toContain(id);
    expect(note.message).toContain('Neo XENON 2.1');
    expect(await notificationIds()).toContain(note.id);

    const set = await alarms();
    expect(set).toHaveLength(1);
    expect(set[0]?.scheduledTime).toBeGreaterThan(Date.now());

    const global = await badge();
    expect(global.text).toMatch(/^\d+d$/);
    expect(global.title).toContain(id);
    // The close as the last day to act, in the buyer's language.
    expect(global.title).toMatch(/last day \w+, \w+ \d+/);

    const ledger = (await storage()).ledger as { reminders: Record<string, { shownAt?: number }> };
    const ids = note.id.split('|')[2]?.split(',') ?? [];
    for (const r of ids) expect(ledger.reminders[r]?.shownAt).toBeTypeOf('number');
    await page.close();
  });

  it('shows a deferred reminder when its alarm fires, though the worker was stopped in between, once', async () => {
    onTestFailed(() => keepScreenshots(h, 'background-alarm'));
    const end = await quietUntilSoon();
    const id = '8212313961500002';
    serveCompleted(id, 1);
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    await waitFor(
      () => h.summaries(),
      (s) => id in s,
      'the order to be stored',
    );
    await page.close();
    // Deferred to the end of quiet hours: not shown, the one alarm set for it (by the run that
    // follows the write, a moment after the summary is there).
    expect((await recent()).some((n) => n.id.includes(id))).toBe(false);
    await waitFor(
      alarms,
      (set) => set.length === 1 && Math.abs((set[0]?.scheduledTime ?? 0) - end) < 61_000,
      'the one alarm, at the end of quiet hours',
    );

    await markWorker();
    await h.stopWorker();
    expect(await workerState()).toBe('stopped');
    // Nothing wakes the worker but the alarm itself: wait for a fresh one to come up on its own.
    const deadline = end + 30_000;
    while ((await workerState()) !== 'fresh' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(await workerState()).toBe('fresh');
    expect(Date.now()).toBeGreaterThanOrEqual(end - 1_000);
    const log = await waitFor(recent, (r) => r.some((n) => n.id.includes(id)), 'the notification');
    const note = log.find((n) => n.id.includes(id)) as Recent;
    expect(note.at).toBeGreaterThanOrEqual(end - 1_000);
    expect(note.message).toContain(id);
    const shownAt = () =>
      storage().then((s) => (s.ledger as Ledger).reminders[`${id}:return-after-receipt:7`]?.shownAt);
    const first = await shownAt();
    expect(first).toBeTypeOf('number');
    // Woken again (a page, a store change): nothing is shown twice.
    await h.stopWorker();
    await command({ type: 'set-prefs', prefs: { quietHours: null } });
    expect((await recent()).filter((n) => n.id.includes(id))).toHaveLength(1);
    expect(await shownAt()).toBe(first);
    // Chrome drops a notification from getAll() once the system has hidden it; at most one here.
    expect((await notificationIds()).filter((n) => n.includes(id)).length).toBeLessThanOrEqual(1);
  }, 240_000);

  it('shows a reminder that fell due while the browser was closed once, at the next start', async () => {
    onTestFailed(() => keepScreenshots(h, 'background-restart'));
    const end = await quietUntilSoon();
    const id = '8212313961500003';
    serveCompleted(id, 1);
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    await waitFor(
      () => h.summaries(),
      (s) => id in s,
      'the order to be stored',
    );
    expect((await notificationIds()).some((n) => n.includes(id))).toBe(false);
    const dir = h.session.userDataDir;
    await h.closeBrowser();
    await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now()) + 2_000));
    await h.launch(dir);
    const log = await waitFor(recent, (r) => r.some((n) => n.id.includes(id)), 'the missed reminder', 30_000);
    expect(log.filter((n) => n.id.includes(id))).toHaveLength(1);
    expect((await notificationIds()).filter((n) => n.includes(id))).toHaveLength(1);
    const shownAt = () =>
      storage().then((s) => (s.ledger as Ledger).reminders[`${id}:return-after-receipt:7`]?.shownAt);
    const first = await shownAt();
    expect(first).toBeGreaterThanOrEqual(end);
    // Stopped and woken again: no second showing.
    await h.stopWorker();
    await command({ type: 'set-prefs', prefs: { quietHours: null } });
    expect((await recent()).filter((n) => n.id.includes(id))).toHaveLength(1);
    expect(await shownAt()).toBe(first);
  }, 240_000);

  it('follows the tab: an order page shows its own order, elsewhere the most urgent', async () => {
    onTestFailed(() => keepScreenshots(h, 'background-badge-tab'));
    await command({ type: 'set-prefs', prefs: { quietHours: null } });
    const calm = '8212313961500004';
    const urgent = '8212313961500005';
    serveCompleted(calm, 1);
    serveCompleted(urgent, 6);
    const p1 = await h.session.context.newPage();
    await p1.goto(detailUrl(urgent));
    await waitFor(
      () => h.summaries(),
      (s) => urgent in s,
      'the urgent order',
    );
    const p2 = await h.session.context.newPage();
    await p2.goto(detailUrl(calm));
    await waitFor(
      () => h.summaries(),
      (s) => calm in s,
      'the calm order',
    );
    const tabId = await (await liveWorker()).evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id as number;
    });
    const tabBadge = await waitFor(
      () => badge(tabId),
      (b) => b.title.includes(calm),
      'the tab badge',
    );
    const global = await badge();
    expect(global.title).toContain(urgent);
    expect(global.text).toMatch(/^\d+h$/);
    expect(tabBadge.text).toMatch(/^\d+d$/);
    await p1.close();
    await p2.close();
  });

  it('a forged page message changes nothing, or only the order data of that page; user data never', async () => {
    onTestFailed(() => keepScreenshots(h, 'background-forged'));
    const id = '8212313961500006';
    serveCompleted(id, 1);
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    await waitFor(
      () => h.summaries(),
      (s) => id in s,
      'the order',
    );
    await command({ type: 'set-note', orderId: id, text: 'keep me' });
    await command({ type: 'set-handled', windowId: `${id}:not-as-described`, orderId: id, handled: true });
    const before = await storage();

    // Wrong shapes on the page-world channel: ignored by the content script.
    await page.evaluate(() => {
      const forge = (detail: unknown) =>
        document.dispatchEvent(new CustomEvent('protection-clock:page-world:v2', { detail }));
      forge({ api: 42, body: null });
      forge('{"type":"set-note","orderId":"1","text":"x"}');
      forge('["mtop.aliexpress.trade.buyer.order.detail"]\n{}');
      forge(`${JSON.stringify(['x'.repeat(300), 'https://acs.aliexpress.com/'])}\n{}`);
      window.postMessage({ type: 'delete-all', confirm: true }, '*');
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await storage()).toEqual(before);

    // Well-formed, with a forged body: the page's own world can always lie about itself. It is read
    // as order data for the order it names, like any response; it cannot reach user data.
    const forged = realDetailBody()
      .replaceAll(REAL_DETAIL_ORDER_ID, id)
      .replace(/Neo XENON 2\.1/g, 'FORGED');
    await page.evaluate(
      ([body, url]) =>
        document.dispatchEvent(
          new CustomEvent('protection-clock:page-world:v2', {
            detail: `${JSON.stringify(['mtop.aliexpress.trade.buyer.order.detail', url])}\n${body}`,
          }),
        ),
      [forged, 'https://acs.aliexpress.com/h5/mtop.aliexpress.trade.buyer.order.detail/1.0/'] as const,
    );
    await waitFor(
      () => h.orders(),
      (o) => JSON.stringify(o[id]).includes('FORGED'),
      'the forged read',
    );
    await waitFor(
      () => h.summaries(),
      (s) => JSON.stringify(s[id]).includes('FORGED'),
      'its summary',
    );
    const after = await storage();
    expect(after[`note:${id}`]).toEqual(before[`note:${id}`]);
    expect((after.ledger as { windows: object }).windows).toEqual(
      (before.ledger as { windows: object }).windows,
    );
    const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    // storage.local: the read's health and its changes signal (and reminders shown), nothing of the buyer's.
    expect(changed.every((k) => k === 'changes' || k === 'health' || k === 'ledger')).toBe(true);
    expect((after.changes as { orderIds: string[] }).orderIds).toContain(id);
    await page.close();
  });

  it('sets a corrupt record aside while the other orders still give reminders', async () => {
    onTestFailed(() => keepScreenshots(h, 'background-corrupt'));
    await command({ type: 'set-prefs', prefs: { quietHours: null } });
    // A corrupt order in IndexedDB, found when its (corrupt) summary is rebuilt from it.
    const broken = '8212313961509999';
    await (await liveWorker()).evaluate(
      ({ id, pack }) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('protection-clock');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const t = req.result.transaction(['orders', 'summary-packs'], 'readwrite');
            t.objectStore('orders').put({ orderId: id, reads: 'broken' });
            // Its summary, added to its pack as src/platform/idb.ts packs it (number from packOf).
            const packs = t.objectStore('summary-packs');
            const got = packs.get(pack);
            got.onsuccess = () => {
              const p = (got.result as { ids: string[]; items: string[] } | undefined) ?? {
                ids: [],
                items: [],
              };
              packs.put({
                pack,
                ids: [...p.ids, id],
                items: [...p.items, JSON.stringify({ orderId: id, windows: 'broken' })],
              });
            };
            t.oncomplete = () => {
              req.result.close();
              resolve();
            };
            t.onerror = () => reject(t.error);
          };
        }),
      { id: broken, pack: packOf(broken) },
    );
    const id = '8212313961500007';
    serveCompleted(id, 1);
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    await waitFor(recent, (r) => r.some((n) => n.id.includes(id)), 'the good order reminder', 30_000);
    const s = await storage();
    expect((await h.summaries())[broken]).toBeUndefined();
    expect((await h.orders())[broken]).toBeUndefined();
    const quarantine = s.quarantine as { key: string; raw: unknown }[];
    expect(quarantine.map((q) => q.key)).toContain(`order:${broken}`);
    expect(quarantine.find((q) => q.key === `order:${broken}`)?.raw).toEqual({
      orderId: broken,
      reads: 'broken',
    });
    await page.close();
  });
});
