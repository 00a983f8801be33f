/**
 * The popup with hundreds of orders, in Chromium: it opens on the summaries its first screen needs
 * and parses the closed orders past it just after (src/ui/store.ts). The buyer must not be able to
 * tell: the counts are whole from the first render, and "Show more" lists every closed order, in
 * order, each once.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildLadder } from '../../src/core/ladder';
import { emptyLedger } from '../../src/core/ledger';
import { summarize, toStored } from '../../src/core/summary';
import { popupModel } from '../../src/popup/model';
import { FIRST_ROWS } from '../../src/popup/OrderList';
import { generateHistory } from '../history/history';
import { type Harness, keepScreenshots, startHarness } from './harness';
import { asPopup } from './ui-helpers';

const ORDERS = 400;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

describe('popup with many orders', () => {
  it('counts every order from the first render, and lists every closed one through "Show more"', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-many'));
    const now = Date.now();
    // Orders and their summaries, as the worker would have them: built in the browser's own zone,
    // so that the worker (which mends summaries out of step with their orders, and rebuilds them
    // all in a new zone) finds nothing to change.
    const zone = await (await h.worker()).evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const { orders } = generateHistory({ orders: ORDERS, now, seed: 9, timeZone: zone });
    const summaries = orders.map((o) =>
      summarize(buildLadder(o, { now, timeZone: zone }), { now, timeZone: zone }),
    );
    const expected = popupModel(summaries, emptyLedger(), now);
    const done = expected.rows.done.map((r) => r.orderId);
    expect(done.length).toBeGreaterThan(FIRST_ROWS + 50);
    await h.putOrders(orders);
    await h.putSummaries(summaries.map(toStored));

    const popup = await asPopup(await h.openPopup());
    await expect(popup.locator('.count').textContent()).resolves.toContain(String(ORDERS));
    const section = popup.locator('section[data-group="done"]');
    await expect(section.locator('.group-count').textContent()).resolves.toBe(String(done.length));
    const shown = () =>
      section.locator('li.row').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')));
    expect(await shown()).toEqual(done.slice(0, FIRST_ROWS));
    for (const group of ['act-now', 'coming-up'] as const) {
      const ids = await popup
        .locator(`section[data-group="${group}"] li.row`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')));
      expect(ids).toEqual(expected.rows[group].slice(0, FIRST_ROWS).map((r) => r.orderId));
    }
    const more = section.locator('button.more');
    while ((await more.count()) > 0) await more.click();
    expect(await shown()).toEqual(done);

    // The store changes while the popup is open (a page read in another tab): the list is read
    // again, and the expanded list never shrinks meanwhile, not even for a frame.
    await popup.evaluate(() => {
      const w = window as unknown as { fewest: number };
      w.fewest = Number.POSITIVE_INFINITY;
      new MutationObserver(() => {
        w.fewest = Math.min(w.fewest, document.querySelectorAll('section[data-group="done"] li.row').length);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await (await h.worker()).evaluate(() =>
      chrome.storage.local.set({ changes: { rev: 99, at: Date.now(), orderIds: [], all: true } }),
    );
    await popup.waitForTimeout(1_000);
    const fewest = await popup.evaluate(() => (window as unknown as { fewest: number }).fewest);
    if (Number.isFinite(fewest)) expect(fewest).toBe(done.length);
    expect(await shown()).toEqual(done);
    await popup.close();
  });
});
