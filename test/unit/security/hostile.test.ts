/**
 * Issue #12: a hostile page or a bad file changes nothing the buyer owns, and cannot stall the
 * extension. Each attack the issue found is replayed here through the worker's own message
 * handler (the code production runs), as the page would send it through our content script.
 */
import { describe, expect, it } from 'vitest';
import { API } from '../../../src/aliexpress/pages';
import { handleMessage } from '../../../src/background/messages';
import { StoredOrder } from '../../../src/core/model';
import { z } from '../../../src/core/z';
import { memoryPlatform } from '../../../src/platform/memory';
import { realText } from '../aliexpress/fixtures';
import { realCompletedOrder } from '../core/helpers';

const OWN_ID = 'own-extension-id';
const SELF = { id: OWN_ID, origin: `chrome-extension://${OWN_ID}/` };
const A = '8212313961591322';
const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;
const fromPage = (id = A) => ({ id: OWN_ID, url: detailUrl(id), tab: { id: 3 } });
const popup = { id: OWN_ID, url: `${SELF.origin}src/popup/index.html` };

describe('attack 2: the page wipes the evidence checklist through our panel', () => {
  it('a content script may start a checklist, never replace one; the popup still may', async () => {
    const platform = memoryPlatform();
    const start = (reason: string) => ({ type: 'checklist-start', orderId: A, reason });
    expect(await handleMessage(start('damaged'), fromPage(), platform, SELF)).toEqual({ ok: true });
    await handleMessage(
      { type: 'checklist-tick', orderId: A, itemId: 'photo-item', ticked: true },
      popup,
      platform,
      SELF,
    );
    const before = structuredClone(platform.data.get(`checklist:${A}`));
    expect(before).toMatchObject({ reason: 'damaged', ticks: { 'photo-item': true } });

    // What the page's script made the panel send.
    expect(await handleMessage(start('counterfeit'), fromPage(), platform, SELF)).toEqual({
      error: 'a checklist is already started for this order',
    });
    expect(platform.data.get(`checklist:${A}`)).toEqual(before);
    // The same reason again is harmless and keeps the ticks.
    expect(await handleMessage(start('damaged'), fromPage(), platform, SELF)).toEqual({ ok: true });
    expect(platform.data.get(`checklist:${A}`)).toEqual(before);

    // The buyer, in the popup, may switch reasons (which starts afresh).
    expect(await handleMessage(start('counterfeit'), popup, platform, SELF)).toEqual({ ok: true });
    expect(platform.data.get(`checklist:${A}`)).toMatchObject({ reason: 'counterfeit', ticks: {} });
  });
});

/**
 * A forged list body as the attacker made it: the fewest fields that make an order, about
 * 110 bytes each (40,000 orders in 4.4 MB).
 */
function forgedList(count: number, firstId: number): string {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const orderId = String(firstId + i);
    data[i] = { tag: 'pc_om_list_order', fields: { orderId, orderLines: [{ itemTitle: 'x' }] } };
  }
  return JSON.stringify({ api: API.list, data: { data } });
}
const LIST_URL = 'https://www.aliexpress.com/p/order/index.html';
const listRead = (body: string) => ({
  type: 'page-body',
  kind: 'order-list',
  url: LIST_URL,
  api: 'list',
  body,
});
const fromList = { id: OWN_ID, url: LIST_URL, tab: { id: 7 } };

describe('attack 1: forged list bodies fill the store', () => {
  it('one body of 40,000 orders (4.4 MB) stores none, and the list page’s health says why', async () => {
    const platform = memoryPlatform();
    const body = forgedList(40_000, 8_300_000_000_000_000);
    expect(body.length).toBeGreaterThan(4_000_000);
    expect(body.length).toBeLessThan(5_000_000);
    const reply = await handleMessage(listRead(body), fromList, platform, SELF);
    expect(reply).toMatchObject({ stored: 0, usable: false });
    expect(platform.orderData.size).toBe(0);
    const health = platform.data.get('health') as Record<string, { health?: { problems: string[] } }>;
    expect(health['order-list']?.health?.problems.join(' ')).toContain('40000 orders in one response');
  });

  it('twenty bodies of 2,000 orders store none; a real page’s 50 are stored', async () => {
    const platform = memoryPlatform();
    for (let i = 0; i < 20; i++)
      await handleMessage(
        listRead(forgedList(2_000, 8_300_000_000_000_000 + i * 2_000)),
        fromList,
        platform,
        SELF,
      );
    expect(platform.orderData.size).toBe(0);
    await handleMessage(listRead(forgedList(50, 8_400_000_000_000_000)), fromList, platform, SELF);
    expect(platform.orderData.size).toBe(50);
    // One over the cap is refused whole, not cut to the cap.
    await handleMessage(listRead(forgedList(101, 8_500_000_000_000_000)), fromList, platform, SELF);
    expect(platform.orderData.size).toBe(50);
  });
});

describe('attack 4: the detail page of order A writes order B', () => {
  const B = '8212313961599999';
  const scam = 'ACCOUNT LOCKED - call +1 555 0100 now';

  it('a body about another order than the page’s own is dropped and reported; the page’s own is kept', async () => {
    const platform = memoryPlatform();
    const real = realText('order-detail.completed-br.json');
    const aboutB = real.replaceAll(A, B).replace(/"itemTitle":\s*"[^"]*"/, `"itemTitle": "${scam}"`);
    expect(aboutB).toContain(scam);
    const read = (body: string) => ({
      type: 'page-body',
      kind: 'order-detail',
      url: detailUrl(A),
      api: 'detail',
      body,
    });
    const reply = await handleMessage(read(aboutB), fromPage(A), platform, SELF);
    expect(reply).toMatchObject({ stored: 0, usable: false });
    expect(platform.orderData.has(B)).toBe(false);
    expect(platform.summaryData.has(B)).toBe(false);
    expect(platform.shown.size).toBe(0);
    const health = platform.data.get('health') as Record<string, { health?: { problems: string[] } }>;
    expect(health['order-detail']?.health?.problems.join(' ')).toContain(
      `dropped what this page said about order ${B}: it is the page of order ${A}`,
    );

    // The same page's own body is read as before.
    expect(await handleMessage(read(real), fromPage(A), platform, SELF)).toMatchObject({ stored: 1 });
    expect(platform.orderData.has(A)).toBe(true);
  });
});

describe('URLs and times a page gives', () => {
  it('a store or image URL is kept only when its host is AliExpress’s', async () => {
    const platform = memoryPlatform();
    const body = realText('order-detail.completed-br.json')
      .replace('//www.aliexpress.com/store/1105843321', 'https://aliexpress.com.evil.example/store')
      .replace(/https:\/\/ae-pic-a1\.aliexpress-media\.com\/kf\/[^"]+/, 'https://evil.example/pixel.gif');
    await handleMessage(
      { type: 'page-body', kind: 'order-detail', url: detailUrl(A), api: 'detail', body },
      fromPage(A),
      platform,
      SELF,
    );
    const read = z.parse(StoredOrder, platform.orderData.get(A)).reads.detail;
    expect(read?.storeUrl).toBeUndefined();
    expect(read?.items?.[0]?.imageUrl).toBeUndefined();
    expect(read?.items?.[0]?.title).toBeTruthy();
    // The schema refuses them too, whoever writes.
    const good = realCompletedOrder(Date.UTC(2026, 6, 1));
    const withUrl = (url: string) => ({
      ...good,
      reads: { detail: { ...good.reads.detail, storeUrl: url } },
    });
    expect(z.safeParse(StoredOrder, withUrl('https://www.aliexpress.com/store/1')).success).toBe(true);
    expect(z.safeParse(StoredOrder, withUrl('https://evil.example/')).success).toBe(false);
    expect(z.safeParse(StoredOrder, withUrl('javascript:alert(1)')).success).toBe(false);
  });

  it('no stored time may sit past the year 2100 (issue #12, attack 6: lastSeen 1e308)', () => {
    const good = realCompletedOrder(Date.UTC(2026, 6, 1));
    expect(z.safeParse(StoredOrder, good).success).toBe(true);
    expect(z.safeParse(StoredOrder, { ...good, lastSeen: 1e308 }).success).toBe(false);
    expect(z.safeParse(StoredOrder, { ...good, firstSeen: -1 }).success).toBe(false);
    const read = good.reads.detail;
    expect(
      z.safeParse(StoredOrder, { ...good, reads: { detail: { ...read, readAt: Date.UTC(2096, 0, 1) } } })
        .success,
    ).toBe(true);
    expect(
      z.safeParse(StoredOrder, { ...good, reads: { detail: { ...read, readAt: 8.64e15 } } }).success,
    ).toBe(false);
  });
});

describe('attack 1: a flood of empty bodies stalls the worker', () => {
  const empty = { type: 'page-body', kind: 'order-list', url: LIST_URL, api: 'list', body: '{}' };

  it('an empty body that changes nothing writes nothing and runs no scheduler', async () => {
    const platform = memoryPlatform();
    await handleMessage(listRead(forgedList(50, 8_400_000_000_000_000)), fromList, platform, SELF);
    await handleMessage(empty, fromList, platform, SELF);
    let schedulerRuns = 0;
    // Every scheduler run starts by reading the planning records of the summaries.
    const readPlanning = platform.summaries.readPlanning.bind(platform.summaries);
    platform.summaries.readPlanning = (...args) => {
      schedulerRuns += 1;
      return readPlanning(...args);
    };
    const before = JSON.stringify([...platform.data]);
    const writes = platform.writes;
    for (let i = 0; i < 50; i++) await handleMessage(empty, fromList, platform, SELF);
    expect(platform.writes).toBe(writes);
    expect(JSON.stringify([...platform.data])).toBe(before);
    expect(schedulerRuns).toBe(0);
    // A body that does change something still writes and reschedules.
    await handleMessage(listRead(forgedList(1, 8_400_000_000_000_100)), fromList, platform, SELF);
    expect(schedulerRuns).toBe(1);
  });

  it('300 bodies fired at once from one tab: two are read, the rest answered “superseded”', async () => {
    const platform = memoryPlatform();
    const replies = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        handleMessage(listRead(forgedList(1, 8_400_000_000_000_000 + i)), fromList, platform, SELF),
      ),
    );
    const superseded = replies.filter((r) => (r as { error?: string }).error?.startsWith('superseded'));
    expect(superseded).toHaveLength(298);
    expect(platform.orderData.size).toBe(2);
    // The newest body is the one read after the first.
    expect(platform.orderData.has(String(8_400_000_000_000_000 + 299))).toBe(true);
    // Another tab is not held up by this one.
    const other = { ...fromList, tab: { id: 8 } };
    expect(
      await handleMessage(listRead(forgedList(1, 8_500_000_000_000_000)), other, platform, SELF),
    ).toMatchObject({
      stored: 1,
    });
  });
});
