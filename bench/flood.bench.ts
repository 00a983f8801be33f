/**
 * Issue #12, attack 1: with 20,000 orders stored (a generated long-time buyer's history), the
 * page's own script fires 300 empty order API "responses" (`{}`) at our content script, as the
 * attacker did; at once the buyer saves a note from an extension page. Measured: from the note's
 * `sendMessage` to its answer. Before the fix every empty body wrote the read and ran a full
 * scheduler run, queued ahead of the note: 231 s. Also the same note with no flood, for
 * comparison. Real Chromium, the built extension (needs `npm run build`).
 */
import { PAGE_WORLD_EVENT, packCopy } from '../src/channels';
import { toStored } from '../src/core/summary';
import { startHarness } from '../test/e2e/harness';
import { generateHistory, summariesOf } from '../test/history/history';

const LIST_URL = 'https://www.aliexpress.com/p/order/index.html';
const ROUNDS = 6;

export async function run() {
  const h = await startHarness();
  try {
    const zone = await (await h.worker()).evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const now = Date.now();
    const orders = generateHistory({ orders: 20_000, now, timeZone: zone }).orders;
    for (let i = 0; i < orders.length; i += 2_000) await h.putOrders(orders.slice(i, i + 2_000));
    const summaries = summariesOf(orders, now, zone).map(toStored);
    // In one call: summaries are packed by order id, and a later slice would replace the packs an
    // earlier one wrote (and the first-screen record), losing its summaries.
    await h.putSummaries(summaries);
    const stored = Object.keys(await h.summaries()).length;
    if (stored !== summaries.length) throw new Error(`seeded ${stored} summaries of ${summaries.length}`);
    const noteOn = orders[orders.length - 1]?.orderId as string;

    const page = await h.session.context.newPage();
    await page.goto(LIST_URL);
    await page.waitForTimeout(3_000); // the page's own list response is read and stored
    const popup = await h.openPopup();
    const note = (text: string) =>
      popup.evaluate(
        async ({ orderId, text }) => {
          const start = performance.now();
          const reply = await chrome.runtime.sendMessage({ type: 'set-note', orderId, text });
          if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new Error(JSON.stringify(reply));
          return performance.now() - start;
        },
        { orderId: noteOn, text },
      );
    const flood = () =>
      page.evaluate(
        ({ type, detail }) => {
          for (let i = 0; i < 300; i++) document.dispatchEvent(new CustomEvent(type, { detail }));
        },
        { type: PAGE_WORLD_EVENT, detail: packCopy('list', LIST_URL, '{}') },
      );

    const calm: number[] = [];
    const flooded: number[] = [];
    await note('warm-up');
    for (let round = 0; round < ROUNDS; round++) {
      calm.push(await note(`calm ${round}`));
      await flood();
      flooded.push(await note(`flood ${round}`));
      await page.waitForTimeout(2_000); // let the flood's last read settle before the next round
    }
    return [
      {
        name: "buyer's next command (a note) during a 300-event flood of {} bodies, 20,000 orders stored",
        unit: 'ms' as const,
        samples: flooded,
        target: 2000,
        note: 'page script dispatches 300 copies, then the popup saves a note; before the fix: 231 s',
      },
      {
        name: '… the same note with no flood',
        unit: 'ms' as const,
        samples: calm,
        note: 'for comparison',
      },
    ];
  } finally {
    await h.dispose();
  }
}
