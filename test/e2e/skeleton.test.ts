/**
 * The whole path, end to end: an AliExpress order detail page (the stand-in, reached as the real
 * host) receives its API response; the page-world script copies it; the content script reads and
 * validates it; the worker stores the order and sets the badge; the popup lists it.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
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

const detailUrl = (id: string, extra = '') =>
  `https://www.aliexpress.com/p/order/detail.html?orderId=${id}${extra}`;

describe('walking skeleton', () => {
  it('stores the order from the real detail capture and lists it in the popup', async () => {
    onTestFailed(() => keepScreenshots(h, 'skeleton-real-detail'));
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(REAL_DETAIL_ORDER_ID));
    await page.getByText('Completed').first().waitFor();

    const orders = await waitFor(
      () => h.orders(),
      (o) => REAL_DETAIL_ORDER_ID in o,
      'the order to be stored',
    );
    const order = orders[REAL_DETAIL_ORDER_ID] as {
      reads: { detail?: { placedOn?: string; stated?: { protectionEnd?: string } } };
    };
    expect(order.reads.detail?.placedOn).toBe('2026-07-15');
    expect(order.reads.detail?.stated?.protectionEnd).toBe('2026-09-04');

    const popup = await h.openPopup();
    await expect
      .poll(() => popup.locator(`[data-order-id="${REAL_DETAIL_ORDER_ID}"]`).count(), { timeout: 10_000 })
      .toBe(1);
    await expect(popup.locator(`[data-order-id="${REAL_DETAIL_ORDER_ID}"]`).textContent()).resolves.toContain(
      'Neo XENON 2.1',
    );
    await h.screenshot(popup, 'skeleton-popup');
    await popup.close();
    await page.close();
  });

  it('sets the badge to the time left on the nearest open window', async () => {
    onTestFailed(() => keepScreenshots(h, 'skeleton-badge'));
    // The real capture's order was completed on Jul 28, 2026, so today all its windows are closed.
    // Move its dates so that it was completed 2 days ago: the 7-day return window has 5 days left.
    const id = '8212313961591999';
    const days = shiftForCompletedDaysAgo(Date.now(), 2);
    h.standin.fixtures.detail.set(id, {
      body: shiftEnglishDates(realDetailBody(), days).replaceAll(REAL_DETAIL_ORDER_ID, id),
    });
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    await waitFor(
      () => h.summaries(),
      (s) => id in s,
      'the moved order to be stored',
    );
    const badge = await waitFor(
      () => h.badge(),
      (b) => b.text !== '',
      'the badge to be set',
    );
    // 5 days left at most (the window closes at the start of its last day in the buyer's zone).
    expect(badge.text).toMatch(/^[45]d$/);
    expect(badge.title).toContain(id);
    await page.close();
  });

  it('drops a response that fails validation, stores nothing and logs why', async () => {
    onTestFailed(() => keepScreenshots(h, 'skeleton-bad-input'));
    const id = '8212313961590000';
    h.standin.fixtures.detail.set(id, {
      body: '{"api":"mtop.aliexpress.trade.buyer.order.detail","data":{"data":"broken"}}',
    });
    const page = await h.session.context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(detailUrl(id));
    await waitFor(
      async () => warnings,
      (w) => w.some((t) => t.includes('could not read this page')),
      'a logged reason',
    );
    expect(Object.keys(await h.orders())).not.toContain(id);
    expect(Object.keys(await h.summaries())).not.toContain(id);
    await page.close();
  });
});
