/**
 * Issue #12 in real Chromium, the page as the attacker: script in AliExpress's own world fires
 * forged order API "responses" at our interceptor's channel, as the probe did. Counted:
 * the orders the worker stores. (The panel attack is in overlay-checklist.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { PAGE_WORLD_EVENT, packCopy } from '../../src/channels';
import { REAL_DETAIL_ORDER_ID, realDetailBody } from '../standin/server.mjs';
import { type Harness, keepScreenshots, startHarness, waitFor } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

const LIST_URL = 'https://www.aliexpress.com/p/order/index.html';
const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;

/** The fewest fields that make an order, as the attacker sent them. */
function forgedList(count: number, firstId: bigint): string {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < count; i++)
    data[i] = {
      tag: 'pc_om_list_order',
      fields: { orderId: String(firstId + BigInt(i)), orderLines: [{ itemTitle: 'x' }] },
    };
  return JSON.stringify({ api: 'mtop.aliexpress.trade.buyer.order.list', data: { data } });
}

/** Fires `bodies` at the content script from the page's own world, all in one task. */
const fire = (page: import('playwright-core').Page, url: string, bodies: string[]) =>
  page.evaluate(
    ({ type, details }) => {
      for (const detail of details) document.dispatchEvent(new CustomEvent(type, { detail }));
    },
    { type: PAGE_WORLD_EVENT, details: bodies.map((b) => packCopy('list', url, b)) },
  );

const forgedCount = async (prefix: string) =>
  Object.keys(await h.orders()).filter((id) => id.startsWith(prefix)).length;

describe('a page firing forged order responses (issue #12)', () => {
  it('one body of 40,000 orders, twenty of 2,000, four hundred of 100: at most two bodies’ orders are kept', async () => {
    onTestFailed(() => keepScreenshots(h, 'hostile-flood'));
    const page = await h.session.context.newPage();
    await page.goto(LIST_URL);
    await waitFor(
      () => h.storage(),
      (s) => s.health !== undefined,
      'the page’s own list read',
    );

    await fire(page, LIST_URL, [forgedList(40_000, 8_310_000_000_000_000n)]);
    await page.waitForTimeout(3_000);
    expect(await forgedCount('831')).toBe(0);

    await fire(
      page,
      LIST_URL,
      Array.from({ length: 20 }, (_, i) => forgedList(2_000, 8_320_000_000_000_000n + BigInt(i * 2_000))),
    );
    await page.waitForTimeout(3_000);
    expect(await forgedCount('832')).toBe(0);

    await fire(
      page,
      LIST_URL,
      Array.from({ length: 400 }, (_, i) => forgedList(100, 8_330_000_000_000_000n + BigInt(i * 100))),
    );
    // One body in flight, the newest waiting: the first and the last are read, nothing between.
    const stored = await waitFor(
      () => forgedCount('833'),
      (n) => n >= 200,
      'the first and the newest forged bodies',
    );
    await page.waitForTimeout(2_000);
    expect(await forgedCount('833')).toBe(stored);
    expect(stored).toBe(200);
    const orders = await h.orders();
    expect('8330000000000000' in orders).toBe(true);
    expect(String(8_330_000_000_000_000n + 20_000n) in orders).toBe(false); // a body from the middle
    expect(String(8_330_000_000_000_000n + 39_999n) in orders).toBe(true); // the newest
    await page.close();
  });

  it('the detail page of one order cannot write another order', async () => {
    onTestFailed(() => keepScreenshots(h, 'hostile-other-order'));
    const other = '8212313961599999';
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(REAL_DETAIL_ORDER_ID));
    await waitFor(
      () => h.orders(),
      (o) => REAL_DETAIL_ORDER_ID in o,
      'the page’s own order',
    );
    const aboutOther = realDetailBody().replaceAll(REAL_DETAIL_ORDER_ID, other);
    await page.evaluate(({ type, detail }) => document.dispatchEvent(new CustomEvent(type, { detail })), {
      type: PAGE_WORLD_EVENT,
      detail: packCopy('detail', detailUrl(REAL_DETAIL_ORDER_ID), aboutOther),
    });
    const health = await waitFor(
      () => h.storage(),
      (s) =>
        JSON.stringify((s.health as Record<string, unknown> | undefined)?.['order-detail'] ?? '').includes(
          `about order ${other}`,
        ),
      'the drop to be reported in health',
    );
    expect(health).toBeDefined();
    expect(other in (await h.orders())).toBe(false);
    await page.close();
  });
});
