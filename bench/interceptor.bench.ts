/**
 * What the extension costs an AliExpress page's main thread per order API response.
 *
 * The same stand-in detail page makes the same 80 API calls in two browsers: one with the extension,
 * one without. Chromium's own per-page counter of main-thread task time (CDP Performance.TaskDuration)
 * is read before and after; the difference per response is what the extension adds: the fetch
 * wrapper, the clone read, the postMessage, and the isolated content script's handling of the copy
 * (it shares the page's main thread).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { BASE_ARGS, chromiumPath } from '../test/e2e/chromium.mjs';
import { REAL_DETAIL_ORDER_ID, realDetailBody, startStandin } from '../test/standin/server.mjs';

/** Another order than the one the page shows: its responses are copied, stored, and change no panel. */
const OTHER_ORDER_ID = '8212313961591777';

const CALLS = 80;
const ROUNDS = 30;

const DETAIL_PAGE = `https://www.aliexpress.com/p/order/detail.html?orderId=${REAL_DETAIL_ORDER_ID}`;
/**
 * AliExpress's item snapshot page: both content scripts run there (it is under /p/order/), so the
 * interceptor copies every order API response and the isolated script receives it, but it is no
 * order page kind, so nothing is forwarded. The cost measured there is the interceptor's own.
 */
const SNAPSHOT_PAGE = 'https://www.aliexpress.com/p/order/snapshot.html';

async function taskMsPerCall(
  context: BrowserContext,
  callId: string,
  pageUrl = DETAIL_PAGE,
): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(pageUrl);
  if (pageUrl === DETAIL_PAGE) await page.locator('.order-status-title').waitFor();
  else await page.waitForTimeout(500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  };
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    const before = await taskSeconds();
    await page.evaluate(
      async ({ calls, id }) => {
        for (let i = 0; i < calls; i++) {
          const data = encodeURIComponent(JSON.stringify({ orderId: id }));
          const response = await fetch(
            `https://acs.aliexpress.com/h5/mtop.aliexpress.trade.buyer.order.detail/1.0/?appKey=12574478&data=${data}`,
          );
          await response.json();
        }
        // let the isolated script finish with the last copy
        await new Promise((r) => setTimeout(r, 50));
      },
      { calls: CALLS, id: callId },
    );
    const after = await taskSeconds();
    if (round >= 2) samples.push(((after - before) * 1000) / CALLS);
  }
  await page.close();
  return samples;
}

async function launch(hostRules: string, extensionDir?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'protection-clock-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...BASE_ARGS,
      `--host-resolver-rules=${hostRules}`,
      ...(extensionDir
        ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : []),
    ],
  });
  return {
    context,
    dispose: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run() {
  const standin = await startStandin();
  standin.fixtures.detail.set(OTHER_ORDER_ID, {
    body: realDetailBody().replaceAll(REAL_DETAIL_ORDER_ID, OTHER_ORDER_ID),
  });
  const extensionDir = join(import.meta.dirname, '..', 'dist', 'chrome');
  try {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const plain = await launch(standin.hostRules);
    const without = median(await taskMsPerCall(plain.context, OTHER_ORDER_ID));
    const withoutSnapshot = median(await taskMsPerCall(plain.context, OTHER_ORDER_ID, SNAPSHOT_PAGE));
    await plain.dispose();
    const withExt = await launch(standin.hostRules, extensionDir);
    const intercepted = await taskMsPerCall(withExt.context, OTHER_ORDER_ID, SNAPSHOT_PAGE);
    const copied = await taskMsPerCall(withExt.context, OTHER_ORDER_ID);
    const shown = await taskMsPerCall(withExt.context, REAL_DETAIL_ORDER_ID);
    await withExt.dispose();
    const baseline = without;
    return [
      {
        name: 'interceptor: added main-thread time per order API response (copy + hand-off, Chromium)',
        unit: 'ms',
        samples: intercepted.map((s) => Math.max(0, s - withoutSnapshot)),
        target: 0.5,
        note: `page alone: ${withoutSnapshot.toFixed(3)} ms per response`,
      },
      {
        name: 'whole path on an order page: copy, forward to the worker, storage change events',
        unit: 'ms',
        samples: copied.map((s) => Math.max(0, s - baseline)),
        note: `page alone: ${baseline.toFixed(3)} ms per response`,
      },
      {
        name: 'same, when the response also refreshes the order panel on the page',
        unit: 'ms',
        samples: shown.map((s) => Math.max(0, s - baseline)),
        note: 'parses the stored order, builds its ladder, re-renders',
      },
    ];
  } finally {
    await standin.close();
  }
}
