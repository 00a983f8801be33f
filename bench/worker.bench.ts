/**
 * Worker wake-to-badge: the service worker is stopped through the DevTools protocol (as Chrome does
 * after 30 s idle), then an AliExpress order page (the stand-in) is opened; measured from the
 * navigation until that tab's badge names the order. This is the whole path a buyer waits on: page
 * load, the page's API response, the content script, the worker's cold start, the store write, one
 * scheduler run and the badge. Also measured with the worker already running, for comparison.
 * Needs `npm run build`.
 */
import type { Worker } from 'playwright-core';
import { type Harness, startHarness } from '../test/e2e/harness';
import {
  REAL_DETAIL_ORDER_ID,
  realDetailBody,
  shiftEnglishDates,
  shiftForCompletedDaysAgo,
} from '../test/standin/server.mjs';

const answer = <T>(w: Worker, fn: () => Promise<T>): Promise<T | null> =>
  Promise.race([w.evaluate(fn).catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), 500))]);

async function badgeNames(h: Harness, id: string): Promise<boolean> {
  for (const w of h.session.context.serviceWorkers()) {
    if (!w.url().includes(h.session.extensionId)) continue;
    const title = await answer(w, async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id === undefined ? '' : chrome.action.getTitle({ tabId: tab.id });
    });
    if (title?.includes(id)) return true;
  }
  return false;
}

async function sample(h: Harness, n: number, stop: boolean): Promise<number[]> {
  const out: number[] = [];
  const body = shiftEnglishDates(realDetailBody(), shiftForCompletedDaysAgo(Date.now(), 1));
  for (let i = 0; i < n; i++) {
    const id = String(8_300_000_000_000_000 + (stop ? 0 : 1000) + i);
    h.standin.fixtures.detail.set(id, { body: body.replaceAll(REAL_DETAIL_ORDER_ID, id) });
    if (stop) await h.stopWorker();
    const page = await h.session.context.newPage();
    const start = performance.now();
    await page.goto(`https://www.aliexpress.com/p/order/detail.html?orderId=${id}`, { waitUntil: 'commit' });
    const deadline = start + 30_000;
    while (!(await badgeNames(h, id))) {
      if (performance.now() > deadline) throw new Error(`no badge for ${id}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    out.push(performance.now() - start);
    await page.close();
  }
  return out;
}

/** Cold (worker stopped first) and warm samples on whatever the profile holds. */
export async function wakeToBadge(h: Harness, n: number): Promise<{ cold: number[]; warm: number[] }> {
  await sample(h, 1, false); // warm the stand-in and the profile
  return { cold: await sample(h, n, true), warm: await sample(h, n, false) };
}

export async function run() {
  const h = await startHarness();
  try {
    const { cold, warm } = await wakeToBadge(h, 8);
    return [
      {
        name: 'worker wake-to-badge (worker stopped, order page opened → tab badge set)',
        unit: 'ms' as const,
        samples: cold,
        target: 2000,
      },
      {
        name: 'page-to-badge with the worker running',
        unit: 'ms' as const,
        samples: warm,
        note: 'for comparison',
      },
    ];
  } finally {
    await h.dispose();
  }
}
