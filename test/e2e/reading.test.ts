/**
 * Page reading in the real browser: the three transports the pages use (fetch, XHR, JSONP) are
 * all copied, and three page kinds of one order merge into one stored order that keeps each
 * source's facts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { REAL_DETAIL_ORDER_ID, realDetailBody, repoRoot } from '../standin/server.mjs';
import { type Harness, keepScreenshots, startHarness, waitFor } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

type Stored = {
  reads: Record<
    string,
    {
      placedOn?: string;
      storeName?: string;
      stated?: { protectionEnd?: string };
      tracking?: { mailNo?: string; events: unknown[] };
    }
  >;
};

const LIST_ORDER = '3048963030691559';
const trackingFixture = (name: string) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'aliexpress', name), 'utf8');

describe('reading the order pages', () => {
  it('merges the list (fetch), detail (XHR) and tracking (JSONP) reads of one order into one record', async () => {
    onTestFailed(() => keepScreenshots(h, 'reading-merge'));
    h.standin.fixtures.detail.set(LIST_ORDER, {
      body: realDetailBody().replaceAll(REAL_DETAIL_ORDER_ID, LIST_ORDER),
    });
    h.standin.fixtures.tracking.set(LIST_ORDER, { body: trackingFixture('tracking.in-transit.json') });
    const page = await h.session.context.newPage();

    await page.goto('https://www.aliexpress.com/p/order/index.html');
    await waitFor(
      () => h.orders(),
      (o) => LIST_ORDER in o,
      'the list read',
    );
    await page.goto(`https://www.aliexpress.com/p/order/detail.html?orderId=${LIST_ORDER}&via=xhr`);
    await waitFor(
      () => h.orders(),
      (o) => Boolean((o[LIST_ORDER] as Stored | undefined)?.reads.detail),
      'the detail read',
    );
    await page.goto(`https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${LIST_ORDER}&via=jsonp`);
    const orders = await waitFor(
      () => h.orders(),
      (o) => Boolean((o[LIST_ORDER] as Stored | undefined)?.reads.tracking),
      'the tracking read',
    );

    const orderKeys = Object.keys(orders).filter((k) => k.startsWith(LIST_ORDER));
    expect(orderKeys).toEqual([LIST_ORDER]);
    const order = orders[LIST_ORDER] as Stored;
    // Each source's own facts, kept side by side.
    expect(order.reads.list?.placedOn).toBe('2025-01-24');
    expect(order.reads.list?.storeName).toBe('IS Official Store');
    expect(order.reads.detail?.stated?.protectionEnd).toBe('2026-09-04');
    expect(order.reads.detail?.storeName).toBe('Vega Store');
    expect(order.reads.tracking?.tracking?.mailNo).toBe('LP00712345678901');
    expect(order.reads.tracking?.tracking?.events.length).toBe(4);
    expect(order.reads.tracking?.stated?.protectionEnd).toBe('2026-09-04');
    // The page's requests went out once each: copying never repeats a request.
    const calls = h.standin.fixtures.requests.filter(
      (r) => r.url.includes(LIST_ORDER) || r.api.includes('order.list'),
    );
    expect(calls.filter((r) => r.api.endsWith('order.detail')).length).toBe(1);
    expect(calls.filter((r) => r.api === 'mtop.ae.ld.querydetail').length).toBe(1);
    await page.close();
  });

  it('reads a page that sent no API response from its rendered cards, in the worker', async () => {
    onTestFailed(() => keepScreenshots(h, 'reading-dom-only'));
    const html = readFileSync(join(repoRoot, 'test', 'fixtures', 'aliexpress', 'list.newer.html'), 'utf8');
    h.standin.fixtures.domOnly.set('/p/order/index.html', html);
    const page = await h.session.context.newPage();
    await page.goto('https://www.aliexpress.com/p/order/index.html');
    const orders = await waitFor(
      () => h.orders(),
      (o) => Object.values(o).some((v) => Boolean((v as Stored | undefined)?.reads?.['dom-list'])),
      'orders read from the rendered list',
    );
    const fromDom = Object.values(orders).filter((v) =>
      Boolean((v as Stored | undefined)?.reads?.['dom-list']),
    );
    expect(fromDom.length).toBe((html.match(/class="order-item"/g) ?? []).length);
    h.standin.fixtures.domOnly.delete('/p/order/index.html');
    await page.close();
  });

  it('copies a fetch body however the page reads it, once per response, and the page gets what it would without us', async () => {
    onTestFailed(() => keepScreenshots(h, 'reading-fetch-reads'));
    const badId = '8212313961500777';
    h.standin.fixtures.detail.set(badId, { body: '{"data": {"truncated' });
    const page = await h.session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The snapshot page runs both our scripts; the page's own world can hear our copies go by.
    await page.goto('https://www.aliexpress.com/p/order/snapshot.html');
    const seen = await page.evaluate(
      async ([id, bad]) => {
        const copies: string[] = [];
        document.addEventListener('protection-clock:page-world:v2', (e) =>
          copies.push(String((e as CustomEvent<unknown>).detail)),
        );
        const url = (orderId: string) =>
          `https://acs.aliexpress.com/h5/mtop.aliexpress.trade.buyer.order.detail/1.0/?data=${encodeURIComponent(JSON.stringify({ orderId }))}`;
        const asText = await (await fetch(url(id))).text();
        const asJson: unknown = await (await fetch(url(id))).json();
        const asBytes = new TextDecoder().decode(await (await fetch(url(id))).arrayBuffer());
        const asUint8 = new TextDecoder().decode(
          await ((await fetch(url(id))) as Response & { bytes(): Promise<Uint8Array> }).bytes(),
        );
        const twin = await fetch(url(id));
        const fromClone: unknown = await twin.clone().json();
        const fromOriginal = await twin.text();
        // What the page would get without us: a Response it builds itself is none of our business.
        const native: unknown = await new Response(asText).json();
        const badError = await (await fetch(url(bad))).json().then(
          () => 'parsed',
          (e: Error) => `${e.constructor.name}`,
        );
        const nativeError = await new Response('{"data": {"truncated').json().then(
          () => 'parsed',
          (e: Error) => `${e.constructor.name}`,
        );
        return {
          copies: copies.map((c) => c.slice(c.indexOf('\n') + 1)),
          asText,
          jsonSame: JSON.stringify(asJson) === JSON.stringify(native),
          cloneSame: JSON.stringify(fromClone) === JSON.stringify(native),
          bytesSame: asBytes === asText && asUint8 === asText,
          originalSame: fromOriginal === asText,
          badError,
          nativeError,
        };
      },
      [REAL_DETAIL_ORDER_ID, badId] as const,
    );
    expect(seen.asText).toBe(realDetailBody());
    expect(seen).toMatchObject({ jsonSame: true, cloneSame: true, bytesSame: true, originalSame: true });
    // A body that is not JSON fails for the page exactly as it would without us.
    expect(seen.nativeError).toBe('SyntaxError');
    expect(seen.badError).toBe(seen.nativeError);
    // One copy per response, whichever way (and however often) the page read it.
    expect(seen.copies).toEqual([
      seen.asText,
      seen.asText,
      seen.asText,
      seen.asText,
      seen.asText,
      '{"data": {"truncated',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves the page working exactly as before: it still renders what its own request returned', async () => {
    onTestFailed(() => keepScreenshots(h, 'reading-page-intact'));
    const page = await h.session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const via of ['fetch', 'xhr', 'jsonp']) {
      await page.goto(
        `https://www.aliexpress.com/p/order/detail.html?orderId=${REAL_DETAIL_ORDER_ID}&via=${via}`,
      );
      await expect.poll(() => page.locator('.order-status-title').textContent()).toBe('Completed');
      await expect(page.locator('.item-title').first().textContent()).resolves.toContain('Neo XENON 2.1');
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
