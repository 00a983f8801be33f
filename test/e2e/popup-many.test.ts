/**
 * The popup with hundreds of orders, in Chromium: it opens on the summaries its first screen needs
 * and parses the closed orders past it just after (src/ui/store.ts). The buyer must not be able to
 * tell: the counts are whole from the first render, and "Show more" lists every closed order, in
 * order, each once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildLadder } from '../../src/core/ladder';
import { emptyLedger } from '../../src/core/ledger';
import { summarize, toStored } from '../../src/core/summary';
import { filterModel, popupModel } from '../../src/popup/model';
import { FIRST_ROWS } from '../../src/popup/OrderList';
import { type SearchEntry, search, searchIndex } from '../../src/popup/search';
import { generateHistory } from '../history/history';
import { type Harness, keepForDocs, keepScreenshots, startHarness } from './harness';
import { asPopup, axeSeriousViolations } from './ui-helpers';

/** The ids a search of every order finds (what the popup filters by), or null for no filter. */
const searchIds = (index: readonly SearchEntry[], query: string): Set<string> | null => {
  const found = search(index, query);
  return found && new Set(found.found.map((e) => e.orderId));
};

const ORDERS = 400;
let h: Harness;
/**
 * What the buyer sees in the 400 × 600 popup (the harness keeps whole pages, where the sticky
 * header lands mid-page): kept beside the full page, for the README.
 */
async function viewportShot(popup: Page, name: string): Promise<string> {
  const full = await h.screenshot(popup, `${name}-full`);
  const path = full.replace(/-full\.png$/, '.png');
  await popup.screenshot({ path });
  return path;
}

/** What the first test stored, for the next one (tests in a file run in order). */
let stored: ReturnType<typeof summarize>[] = [];
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
    stored = summaries;

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

  it('finds orders as the buyer types, hides, snoozes and opens from the row, and keeps "Back" in view', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-many-search'));
    expect(stored.length).toBe(ORDERS);
    const now = Date.now();
    const popup = await asPopup(await h.openPopup());
    const input = popup.getByRole('searchbox', { name: 'Search orders' });
    // An item word many orders share (in several groups): the rows are exactly what it finds.
    const model = popupModel(stored, emptyLedger(), now);
    const index = searchIndex(stored);
    const spread = (q: string) =>
      Object.values(filterModel(model, searchIds(index, q)).rows).filter((rows) => rows.length > 0).length;
    const query = ['cable', 'LED', 'case', 'earbuds', 'scale'].sort(
      (a, b) => spread(b) - spread(a),
    )[0] as string;
    const expected = filterModel(model, searchIds(index, query));
    const found = Object.values(expected.rows).flat().length;
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(ORDERS);
    await input.fill(query);
    await expect(popup.locator('.search-count').textContent()).resolves.toBe(
      `${found} of ${ORDERS} orders match`,
    );
    for (const group of ['disputes', 'act-now', 'coming-up', 'done'] as const) {
      const ids = await popup
        .locator(`section[data-group="${group}"] li.row`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')));
      expect(ids, group).toEqual(expected.rows[group].slice(0, FIRST_ROWS).map((r) => r.orderId));
    }
    // Each row says when it was ordered and for how much, as the page said.
    const first = Object.values(expected.rows).flat()[0];
    const row = popup.locator(`li.row[data-order-id="${first?.orderId}"]`);
    await expect(row.locator('.row-facts').textContent()).resolves.toContain(
      first?.summary.view.totalText?.value as string,
    );
    expect(await axeSeriousViolations(popup)).toEqual([]);
    keepForDocs(await viewportShot(popup, 'popup-search'), 'popup-search');

    // An order id typed in: that order.
    const id = stored[7]?.orderId as string;
    await input.fill(id);
    await expect(
      popup.locator('li.row').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id'))),
    ).resolves.toEqual([id]);
    await input.fill('zzzz no such thing');
    await expect(popup.locator('.search-count').textContent()).resolves.toBe(
      'No order matches "zzzz no such thing".',
    );
    await input.fill('');

    // Hide the first order of "coming up": it leaves its group, is counted under "Hidden", stays in
    // the store, and shows again on request.
    const coming = popup.locator('section[data-group="coming-up"] li.row').first();
    const hiddenId = (await coming.getAttribute('data-order-id')) as string;
    await coming.locator('[data-action="hide"]').click();
    const hiddenSection = popup.locator('section[data-group="hidden"]');
    await hiddenSection.waitFor();
    await expect(hiddenSection.locator('.group-count').textContent()).resolves.toBe('1');
    expect(
      await popup.locator(`section[data-group="coming-up"] li[data-order-id="${hiddenId}"]`).count(),
    ).toBe(0);
    const ledger = async () =>
      ((await h.storage()).ledger as { hidden?: Record<string, { windows: string[] }> } | undefined)?.hidden;
    expect((await ledger())?.[hiddenId]?.windows.length).toBeGreaterThan(0);
    await hiddenSection.locator('button.more').click();
    await hiddenSection.locator(`li[data-order-id="${hiddenId}"] [data-action="unhide"]`).click();
    await popup.locator(`section[data-group="coming-up"] li[data-order-id="${hiddenId}"]`).waitFor();
    expect((await ledger())?.[hiddenId]).toBeUndefined();

    // Snooze from the row: its reminders wait a day, and the row says so.
    const snoozedRow = popup
      .locator('li.row')
      .filter({ has: popup.getByRole('button', { name: 'Snooze 1 day' }) })
      .first();
    const snoozedId = (await snoozedRow.getAttribute('data-order-id')) as string;
    await snoozedRow.getByRole('button', { name: 'Snooze 1 day' }).click();
    await popup
      .locator(`li.row[data-order-id="${snoozedId}"] .row-snoozed`)
      .filter({ hasText: 'Reminders snoozed until' })
      .waitFor();

    // Scrolled far down, an order opens at its top, "Back to orders" in the sticky header, on top.
    await popup.locator('section[data-group="done"] button.more').first().click();
    await popup.mouse.wheel(0, 20_000);
    const deep = popup.locator('section[data-group="done"] li.row').nth(FIRST_ROWS + 5);
    await deep.locator('.row-button').click();
    const back = popup.getByRole('button', { name: /Back to orders/ });
    await back.waitFor();
    const box = await back.boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    const onTop = await popup.evaluate(() => {
      const b = document.querySelector('.bar .back') as HTMLElement;
      const r = b.getBoundingClientRect();
      return b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    });
    expect(onTop).toBe(true);
    await popup.mouse.wheel(0, 2_000);
    expect(
      await popup.evaluate(() => {
        const b = document.querySelector('.bar .back') as HTMLElement;
        const r = b.getBoundingClientRect();
        return (
          r.top >= 0 && b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2))
        );
      }),
    ).toBe(true);
    await back.click();
    await popup.locator('.search-input').waitFor();
    await popup.close();
  }, 120_000);

  it('shows the buyer\'s guide with the checklist, and never "every required item is ready" when none is', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-many-guide'));
    const popup = await asPopup(await h.openPopup());
    // An order on its way whose dispute window is open: its checklist and dispute message fit.
    const now = Date.now();
    const model = popupModel(stored, emptyLedger(), now);
    const transit = Object.values(model.rows)
      .flat()
      .find((r) => r.journey.stage === 'in-transit' && r.journey.messages.includes('open-dispute'));
    expect(transit).toBeDefined();
    await popup.locator('.search-input').fill(transit?.orderId as string);
    await popup.locator(`li.row[data-order-id="${transit?.orderId}"] .row-button`).click();
    await popup.locator('button[data-reason="not-received"]').click();
    const guide = popup.locator('.guide[data-guide="not-received"]');
    await guide.waitFor();
    const tips = await guide.locator('li').allTextContents();
    expect(tips).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Ask for a full refund, whatever the reason'),
        expect.stringContaining("your local carrier's site, and of the protection promise on the order page"),
        expect.stringContaining("Keep every exchange with the seller in AliExpress's own messages"),
      ]),
    );
    expect(tips.join(' ')).not.toContain('at your own expense');
    const progress = (await popup.locator('.progress-line').textContent()) as string;
    expect(progress).toContain('0 of 5 ready');
    expect(progress).toContain('Nothing here is required');
    expect(progress).not.toContain('Every required item is ready');
    // The dispute message: the full amount, and the facts of this order.
    const message = (await popup.locator('[data-template="tpl-dispute"] pre').textContent()) as string;
    expect(message).toContain(`Order: ${transit?.orderId}`);
    expect(message).toContain(`I ask for a full refund (${transit?.summary.view.totalText?.value})`);
    // For an item that came wrong: no return at the buyer's cost, videos as files.
    await popup.locator('button[data-reason="wrong-item"]').click();
    const wrong = popup.locator('.guide[data-guide="wrong-item"]');
    await wrong.waitFor();
    await expect(wrong.textContent()).resolves.toContain('do not agree to send it back at your own expense');
    await expect(wrong.textContent()).resolves.toContain('Upload videos as files');
    await expect(popup.locator('.progress-line').textContent()).resolves.toContain('required still missing');
    expect(await axeSeriousViolations(popup)).toEqual([]);
    // The guide and the checklist under the sticky header, as the buyer scrolls to them.
    await popup.evaluate(() => {
      document.querySelector('.checklist-body')?.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -(document.querySelector('.bar')?.getBoundingClientRect().height ?? 0) - 8);
    });
    keepForDocs(await viewportShot(popup, 'popup-checklist-guide'), 'popup-checklist-guide');
    await popup.close();
  }, 120_000);
});
