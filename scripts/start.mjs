// @ts-check
/**
 * `npm start`: builds the extension, starts the local AliExpress stand-in with demo orders, and
 * opens Chromium with the extension on the demo pages. With a display, the browser stays open
 * until you close it. Without one (a server, CI), it runs headless, walks the pages, writes
 * screenshots to the folder it names, and exits.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_ARGS, chromiumPath } from '../test/e2e/chromium.mjs';
import {
  defaultFixtures,
  REAL_DETAIL_ORDER_ID,
  realDetailBody,
  repoRoot,
  shiftEnglishDates,
  shiftForCompletedDaysAgo,
  startStandin,
} from '../test/standin/server.mjs';

const build = spawnSync('node', ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Demo data: the real captures, plus the real detail moved in time so that its windows are open.
const fixtures = defaultFixtures();
const demoId = '8212313961591999';
fixtures.detail.set(demoId, {
  body: shiftEnglishDates(realDetailBody(), shiftForCompletedDaysAgo(Date.now(), 2)).replaceAll(
    REAL_DETAIL_ORDER_ID,
    demoId,
  ),
});
const standin = await startStandin({ fixtures });
const extension = join(repoRoot, 'dist', 'chrome');
const headless = !process.env.DISPLAY;
const context = await chromium.launchPersistentContext(
  mkdtempSync(join(tmpdir(), 'protection-clock-demo-')),
  {
    executablePath: chromiumPath(),
    headless,
    viewport: headless ? { width: 1280, height: 900 } : null,
    args: [
      ...BASE_ARGS,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--host-resolver-rules=${standin.hostRules}`,
    ],
  },
);
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const pages = [
  ['order-list', 'https://www.aliexpress.com/p/order/index.html'],
  ['order-detail', `https://www.aliexpress.com/p/order/detail.html?orderId=${demoId}`],
  ['popup', `chrome-extension://${extensionId}/src/popup/index.html`],
];

if (headless) {
  const out = join(repoRoot, 'test-results', 'demo');
  mkdirSync(out, { recursive: true });
  for (const [name, url] of pages) {
    const page = await context.newPage();
    // The popup is a small panel, not a page: show it at the size the toolbar gives it.
    if (name === 'popup') await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(url ?? '');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
    await page.close();
  }
  console.log(`No display: ran headless. Screenshots of the demo are in ${out}`);
  await context.close();
  await standin.close();
} else {
  for (const [, url] of pages) await (await context.newPage()).goto(url ?? '');
  console.log('Chromium is open on the demo pages. Close the browser window to stop.');
  context.on('close', () => standin.close().then(() => process.exit(0)));
}
