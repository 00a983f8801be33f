import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildLadder } from '../../src/core/ladder';
import { StoredOrder } from '../../src/core/model';
import { z } from '../../src/core/z';
import {
  REAL_DETAIL_ORDER_ID,
  realDetailBody,
  realListBody,
  shiftEnglishDates,
  shiftForCompletedDaysAgo,
} from '../standin/server.mjs';
import { focusedInside, shadow } from './closed-shadow';
import { ARTIFACTS_DIR, type Harness, keepScreenshots, startHarness, waitFor } from './harness';
import { axeOverlay } from './ui-helpers';

const _require = createRequire(import.meta.url);

const HOST = 'protection-clock-overlay';
const PANEL = `${HOST} [data-pc="panel"]`;
const PILL = `${HOST} [data-pc="pill"]`;
const DAY = 86_400_000;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;
const LIST_URL = 'https://www.aliexpress.com/p/order/index.html';

/** The real detail capture under another order id, its dates moved by `days`. */
function detailBody(id: string, days = 0): string {
  return shiftEnglishDates(realDetailBody(), days).replaceAll(REAL_DETAIL_ORDER_ID, id);
}

/** Days to add to the capture so that "Refund if no delivery before Sep 4, 2026" is `ahead` days away. */
function shiftForProtectionEndIn(now: number, ahead: number): number {
  const end = Date.UTC(2026, 8, 4);
  const today = Date.UTC(
    new Date(now).getUTCFullYear(),
    new Date(now).getUTCMonth(),
    new Date(now).getUTCDate(),
  );
  return Math.round((today - end) / DAY) + ahead;
}

/** The capture as an order still on its way: status "Awaiting delivery", no completion date. */
function awaitingDeliveryBody(id: string, protectionEndIn: number): string {
  const body = JSON.parse(detailBody(id, shiftForProtectionEndIn(Date.now(), protectionEndIn)));
  for (const c of Object.values(body.data.data) as Array<{
    tag?: string;
    fields?: Record<string, unknown>;
  }>) {
    if (c.tag === 'detail_order_status_block' && c.fields) {
      c.fields.title = 'Awaiting delivery';
      c.fields.reminder = 'Your order is on its way.';
    }
    if (c.tag === 'detail_simple_order_info_component' && c.fields) {
      delete c.fields.orderEndTime;
      delete c.fields.orderEndTimeTile;
    }
  }
  return JSON.stringify(body);
}

/** The real list capture with one order per entry of `orders`, ids and dates replaced. */
function listBody(orders: { id: string; status: string; placed: string }[], hasMore: boolean): string {
  const body = JSON.parse(realListBody());
  const data = body.data.data as Record<string, { tag: string; fields: Record<string, unknown> }>;
  const template = Object.values(data).find((c) => c.tag === 'pc_om_list_order');
  if (!template) throw new Error('no order in the list capture');
  for (const key of Object.keys(data)) if (data[key]?.tag === 'pc_om_list_order') delete data[key];
  orders.forEach((o, _i) => {
    const fields = structuredClone(template.fields);
    fields.orderId = o.id;
    fields.statusText = o.status;
    fields.orderDateText = o.placed;
    data[`pc_om_list_order_${o.id}`] = { ...structuredClone(template), tag: 'pc_om_list_order', fields };
  });
  data.pc_om_list_body_1 = { tag: 'pc_om_list_body', fields: { hasMore, pageIndex: 1 } };
  return JSON.stringify(body);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const daysAgo = (n: number) => {
  const d = new Date(Date.now() - n * DAY);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
};

async function storedOrder(id: string): Promise<StoredOrder> {
  const orders = await waitFor(
    () => h.orders(),
    (o) => id in o,
    `order ${id} to be stored`,
  );
  return z.parse(StoredOrder, orders[id]);
}

async function hostCount(page: Page): Promise<number> {
  return page.evaluate((tag) => document.querySelectorAll(tag).length, HOST);
}

describe('order panel on the detail page', () => {
  it('shows the ladder of the real detail capture, with each date’s confidence', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-real-detail'));
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(REAL_DETAIL_ORDER_ID));
    const order = await storedOrder(REAL_DETAIL_ORDER_ID);
    const ladder = buildLadder(order, {
      now: Date.now(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(ladder.windows.length).toBeGreaterThan(0);

    await shadow(page, PANEL).waitFor();
    await expect.poll(() => shadow(page, `${PANEL} [data-kind]`).count()).toBe(ladder.windows.length);
    const kinds = await shadow(page, `${PANEL} [data-kind]`).attributeOfAll('data-kind');
    expect(kinds.sort()).toEqual(ladder.windows.map((w) => w.kind).sort());
    await expect(shadow(page, `${PANEL} [data-pc="order"]`).textContent()).resolves.toContain(
      REAL_DETAIL_ORDER_ID,
    );
    await expect(shadow(page, `${PANEL} [data-pc="item"]`).textContent()).resolves.toContain('Neo XENON 2.1');
    // Many deadlines in a short window: the panel's body scrolls, the item's title keeps its line.
    await page.setViewportSize({ width: 1280, height: 520 });
    await expect
      .poll(async () => (await shadow(page, `${PANEL} [data-pc="item"]`).boundingBox())?.height ?? 0)
      .toBeGreaterThan(14);
    // Completed in July: every window closed, and the panel says nothing is open.
    await expect(shadow(page, `${PANEL} [data-pc="none"]`).count()).resolves.toBe(1);
    expect(await hostCount(page)).toBe(1);
    await page.close();
  });

  it('shows what closes next, when, what to do, and passes axe in light and dark', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-next'));
    const id = '8212313961591401';
    h.standin.fixtures.detail.set(id, { body: detailBody(id, shiftForCompletedDaysAgo(Date.now(), 2)) });
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    const order = await storedOrder(id);
    const now = Date.now();
    const ladder = buildLadder(order, { now, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    const open = ladder.windows.filter((w) => w.losesMoney && w.closesAt !== null && w.closesAt > now);
    const next = open.sort((a, b) => (a.closesAt as number) - (b.closesAt as number))[0];
    expect(next?.kind).toBe('return-after-receipt');

    const card = shadow(page, `${PANEL} [data-pc="next"]`);
    await card.waitFor();
    await expect(card.getAttribute('data-kind')).resolves.toBe('return-after-receipt');
    const text = (await card.textContent()) ?? '';
    // The order's journey: its stage, its one next step and that step's last day.
    await expect(card.getAttribute('data-stage')).resolves.toBe('completed');
    await expect(card.getAttribute('data-step')).resolves.toBe('request-return');
    expect(text).toMatch(/in [45] days/);
    expect(text).toContain('request a return or refund');
    await expect(shadow(page, `${PANEL} [data-pc="last-day"]`).textContent()).resolves.toMatch(
      /^last day \w+, \w+ \d+ · in [45] days$/,
    );
    await expect(card.locator('[data-confidence]').getAttribute('data-confidence')).resolves.toBe('stated');
    // The returns page, as a plain link, and the checklist where the worker accepts it.
    const href = await shadow(page, `${PANEL} [data-pc="returns"]`).getAttribute('href');
    expect(href).toContain(`orderId=${id}`);

    // The page's own controls stay uncovered: nothing of the page's under the panel.
    const box = await shadow(page, `${PANEL}`).boundingBox();
    const covered = await page.evaluate(
      ({ left, top, bottom }) =>
        [...document.querySelectorAll('button, a[href]')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > left && r.bottom > top && r.top < bottom;
        }).length,
      { left: box?.x ?? 0, top: box?.y ?? 0, bottom: (box?.y ?? 0) + (box?.height ?? 0) },
    );
    expect(covered).toBe(0);

    await page.emulateMedia({ colorScheme: 'light' });
    await shadow(page, PANEL).screenshot({ path: join(ARTIFACTS_DIR, 'overlay-panel.png') });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'overlay.png') });
    expect(await axeOverlay(page, HOST)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'overlay-dark.png') });
    expect(await axeOverlay(page, HOST)).toEqual([]);
    // The README's panel screenshot is a dispute's, from test/e2e/journey.test.ts.
    await page.close();
  });

  it('copies the “extend protection” message for an order still on its way', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-copy'));
    const id = '8212313961591402';
    h.standin.fixtures.detail.set(id, { body: awaitingDeliveryBody(id, 6) });
    await h.session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://www.aliexpress.com',
    });
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    const copy = shadow(page, `${PANEL} [data-pc="copy"]`);
    await copy.waitFor();
    await copy.click();
    await expect.poll(() => shadow(page, `${PANEL} [data-pc="feedback"]`).textContent()).toContain('Copied');
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    expect(pasted).toContain(id);
    expect(pasted).toMatch(/extend the protection by 15 days/);
    await page.close();
  });

  it('collapses to a pill, by keyboard too, and remembers it across reloads', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-collapse'));
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(REAL_DETAIL_ORDER_ID));
    const collapse = shadow(page, `${HOST} [data-pc="collapse"]`);
    await collapse.waitFor();
    await collapse.focus();
    await page.keyboard.press('Enter');
    await shadow(page, PILL).waitFor();
    // Focus moves to the pill, so the keyboard user is not lost.
    await expect.poll(() => focusedInside(page, HOST)).toBe('pill');
    await waitFor(
      () => h.storage(),
      (s) => s['ui:overlayCollapsed'] === true,
      'the collapsed preference to be stored',
    );
    await page.reload();
    await shadow(page, PILL).waitFor();
    await shadow(page, PILL).screenshot({ path: join(ARTIFACTS_DIR, 'overlay-pill.png') });
    expect(await shadow(page, PANEL).count()).toBe(0);
    await shadow(page, PILL).click();
    await shadow(page, PANEL).waitFor();
    // Escape collapses again.
    await shadow(page, `${HOST} [data-pc="collapse"]`).focus();
    await page.keyboard.press('Escape');
    await shadow(page, PILL).waitFor();
    await shadow(page, PILL).click();
    await waitFor(
      () => h.storage(),
      (s) => s['ui:overlayCollapsed'] === false,
      'the expanded preference to be stored',
    );
    await page.close();
  });

  it('starts as a pill on a narrow window, where the panel would cover the page', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-narrow'));
    const page = await h.session.context.newPage();
    await page.setViewportSize({ width: 800, height: 800 });
    await page.goto(detailUrl(REAL_DETAIL_ORDER_ID));
    await shadow(page, PILL).waitFor();
    expect(await shadow(page, PANEL).count()).toBe(0);
    await page.close();
  });

  it('shows page text as text: an item title with markup runs no script', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-xss'));
    const id = '8212313961591403';
    const payload = '<img src=x onerror=alert(1)>';
    const flagged = '<img src=x onerror="window.__pcXss=1">';
    const body = JSON.parse(detailBody(id));
    for (const c of Object.values(body.data.data) as Array<{
      tag?: string;
      fields?: { productVOList?: { itemTitle: string }[] };
    }>) {
      if (c.tag === 'detail_product_block' && c.fields?.productVOList?.[0]) {
        c.fields.productVOList[0].itemTitle = payload + flagged;
      }
    }
    h.standin.fixtures.detail.set(id, { body: JSON.stringify(body) });
    const page = await h.session.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(detailUrl(id));
    const item = shadow(page, `${PANEL} [data-pc="item"] .item-title`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toBe(payload + flagged);
    expect(await shadow(page, `${HOST} img`).count()).toBe(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pcXss?: number }).__pcXss)).toBeUndefined();
    await page.close();
  });

  it('tells the buyer when the page could not be read', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-unreadable'));
    const id = '8212313961590001';
    h.standin.fixtures.detail.set(id, {
      body: '{"api":"mtop.aliexpress.trade.buyer.order.detail","data":{"data":"broken"}}',
    });
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(id));
    const notice = shadow(page, `${HOST} [data-pc="unreadable"]`);
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('dates may be stale');
    await page.close();

    // A captcha wall instead of the page: no API response, and the DOM fallback sees the wall.
    h.standin.fixtures.domOnly.set(
      '/p/order/index.html',
      '<!doctype html><html lang="en"><body><div class="baxia-dialog">Slide to verify</div></body></html>',
    );
    try {
      const wall = await h.session.context.newPage();
      await wall.goto(LIST_URL);
      const wallNotice = shadow(wall, `${HOST} [data-pc="unreadable"]`);
      await wallNotice.waitFor({ timeout: 15_000 });
      await expect(wallNotice.textContent()).resolves.toContain('security check');
      expect(await axeOverlay(wall, HOST)).toEqual([]);
      await wall.close();
    } finally {
      h.standin.fixtures.domOnly.delete('/p/order/index.html');
    }
  });
});

describe('chips on the order list', () => {
  it('puts one chip per order card, through “View orders” and SPA navigation, never twice', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-chips'));
    const first = [
      { id: '8100000000000001', status: 'Awaiting delivery', placed: daysAgo(10) },
      { id: '8100000000000002', status: 'Awaiting delivery', placed: daysAgo(57) },
      { id: '8100000000000003', status: 'Completed', placed: daysAgo(300) },
    ];
    const second = [
      { id: '8100000000000004', status: 'Awaiting delivery', placed: daysAgo(55) },
      { id: '8100000000000005', status: 'Closed', placed: daysAgo(20) },
    ];
    const saved = h.standin.fixtures.list;
    h.standin.fixtures.list = [{ body: listBody(first, true) }, { body: listBody(second, false) }];
    try {
      const page = await h.session.context.newPage();
      await page.goto(LIST_URL);
      const chipIds = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('.order-item')].map((card) => ({
            card: card.getAttribute('data-order-id'),
            chips: [...card.querySelectorAll('pc-chip')].map((c) => (c as HTMLElement).dataset.orderId),
          })),
        );
      const settled = (n: number) => (rows: Awaited<ReturnType<typeof chipIds>>) =>
        rows.length === n && rows.every((r) => r.chips.length === 1 && r.chips[0] === r.card);
      await waitFor(chipIds, settled(3), 'a chip on each of the first three cards');

      // Awaiting delivery, placed 57 days ago: protection (counted from the order date) ends soon.
      const levels = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('pc-chip')].map((c) => [
            (c as HTMLElement).dataset.orderId,
            (c as HTMLElement).dataset.level,
          ]),
        ),
      );
      expect(levels['8100000000000002']).toMatch(/urgent|soon/);
      expect(levels['8100000000000001']).toBe('later');
      expect(levels['8100000000000003']).toBe('none');
      // Chips come in card order: the second card's chip, inside its closed root.
      const chipText = (await shadow(page, 'pc-chip .chip').all())[1]?.text;
      expect(chipText).toMatch(/\d+(d|h) left/);

      await page.getByRole('button', { name: 'View orders' }).click();
      await waitFor(chipIds, settled(5), 'a chip on each of the five cards');
      // A page mutation re-runs the scan: still one chip per card.
      await page.evaluate(() => document.querySelector('#root')?.append(document.createElement('div')));
      await page.waitForTimeout(300);
      expect(settled(5)(await chipIds())).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'overlay-chips.png') });
      expect(await axeOverlay(page, 'pc-chip')).toEqual([]);

      // SPA navigation to a detail page: chips go with the list, one panel comes.
      h.standin.fixtures.detail.set('8100000000000001', {
        body: awaitingDeliveryBody('8100000000000001', 20),
      });
      await page
        .locator('.order-item[data-order-id="8100000000000001"] button', { hasText: 'Details' })
        .click();
      await page.waitForURL(/detail\.html\?orderId=8100000000000001/);
      await shadow(page, `${PANEL} [data-pc="next"]`).waitFor();
      // The detail response that came after the navigation was read, for the new URL.
      await waitFor(
        () => h.orders(),
        (o) =>
          (o['8100000000000001'] as { reads?: { detail?: unknown } } | undefined)?.reads?.detail !==
          undefined,
        'the detail read after the SPA navigation',
      );
      expect(await hostCount(page)).toBe(1);
      expect(await page.locator('pc-chip').count()).toBe(0);
      await expect(shadow(page, `${PANEL} [data-pc="order"]`).textContent()).resolves.toContain(
        '8100000000000001',
      );

      // Back to the list URL: the panel goes (the stand-in does not re-render, so no cards, no chips).
      await page.goBack();
      await expect.poll(() => hostCount(page)).toBe(0);
      await page.close();
    } finally {
      h.standin.fixtures.list = saved;
    }
  });
});
