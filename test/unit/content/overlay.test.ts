// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthTracker } from '../../../src/content/overlay/health';
import { HOST_TAG, type Overlay, startOverlay } from '../../../src/content/overlay/overlay';
import { OVERLAY_COLLAPSED_KEY } from '../../../src/content/overlay/storage';
import { DAY_MS } from '../../../src/core/time';
import { ORDER_ID, realCompletedOrder } from '../core/helpers';
import { buyerClick, flush, MemoryStorage, shadowOf, summaryOf, tEn, workerSummaries } from './helpers';

const NOW = Date.parse('2026-07-30T12:00:00Z');
const DETAIL = `https://www.aliexpress.com/p/order/detail.html?orderId=${ORDER_ID}`;
const LIST = 'https://www.aliexpress.com/p/order/index.html';

type HappyWindow = Window & {
  happyDOM: { setURL(url: string): void; setViewport(v: { width: number; height: number }): void };
};
const happy = window as unknown as HappyWindow;

let overlay: Overlay | undefined;
let storage: MemoryStorage;
let health: HealthTracker;
let copied: string[];
let copyFails = false;
let worker: ReturnType<typeof workerSummaries>;
let started: { orderId: string; reason: string }[];
let startOk = true;

function start(): Overlay {
  overlay = startOverlay({
    win: window,
    storage,
    health,
    t: tEn,
    lang: 'en',
    timeZone: 'UTC',
    now: () => NOW,
    copy: async (text) => {
      if (copyFails) throw new Error('denied');
      copied.push(text);
    },
    summaries: (ids) => worker.get(ids),
    startChecklist: async (orderId, reason) => {
      started.push({ orderId, reason });
      return startOk;
    },
    returnsUrl: (id) => `https://trade.aliexpress.com/issue/fastissue/createIssueStep1.htm?orderId=${id}`,
  });
  return overlay;
}

const shadow = () => shadowOf(document.querySelector(HOST_TAG));
const pc = (name: string) => shadow()?.querySelector(`[data-pc="${name}"]`) as HTMLElement | null | undefined;
const go = (url: string) => {
  happy.happyDOM.setURL(url);
  overlay?.navigated(url);
};

beforeEach(() => {
  happy.happyDOM.setViewport({ width: 1280, height: 900 });
  happy.happyDOM.setURL(DETAIL);
  document.body.innerHTML = '<main id="root"></main>';
  storage = new MemoryStorage();
  health = new HealthTracker();
  health.reset(DETAIL);
  copied = [];
  copyFails = false;
  worker = workerSummaries(storage);
  started = [];
  startOk = true;
});
afterEach(() => {
  overlay?.stop();
  overlay = undefined;
  for (const el of document.querySelectorAll(HOST_TAG)) el.remove();
});

describe('the overlay on the order detail page', () => {
  it('waits for the order, then shows its ladder when the worker stores it', async () => {
    start();
    await flush();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(pc('waiting')?.textContent).toContain(ORDER_ID);
    await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
    await flush();
    expect(pc('next')?.dataset.kind).toBe('return-after-receipt');
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('asks the worker for this order only, and keeps waiting while the worker does not answer', async () => {
    await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
    worker.down = true;
    start();
    await flush();
    expect(pc('waiting')).toBeTruthy();
    expect(worker.calls).toEqual([[ORDER_ID]]);
    // Another order's summary changing is not this page's business.
    worker.down = false;
    await worker.put([{ ...summaryOf(realCompletedOrder(NOW - DAY_MS), NOW), orderId: '8212313961599999' }]);
    await flush();
    expect(worker.calls).toHaveLength(1);
    expect(pc('waiting')).toBeTruthy();
    // This order's summary rewritten: asked again, shown.
    await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
    await flush();
    expect(worker.calls).toEqual([[ORDER_ID], [ORDER_ID]]);
    expect(pc('next')?.dataset.kind).toBe('return-after-receipt');
  });

  it('shows a date read too long ago as stale, though the summary was built when it was fresh', async () => {
    const readAt = NOW - 10 * DAY_MS;
    const order = realCompletedOrder(readAt);
    const read = order.reads.detail;
    if (!read) throw new Error('no read');
    read.status = 'awaiting-delivery';
    delete read.completedOn;
    read.stated = { protectionEnd: '2026-08-20' };
    await worker.put([summaryOf(order, readAt)]);
    start();
    await flush();
    expect(pc('next')?.querySelector('[data-confidence]')?.getAttribute('data-confidence')).toBe('stale');
  });

  it('starts the evidence checklist through the worker and says so', async () => {
    const order = realCompletedOrder(NOW - DAY_MS);
    await worker.put([summaryOf(order, NOW)]);
    start();
    await flush();
    const form = pc('checklist') as HTMLFormElement | null;
    if (!form) throw new Error('no checklist form');
    (form.querySelector('select') as HTMLSelectElement).value = 'damaged';
    buyerClick(form.querySelector('button'));
    await flush();
    expect(started).toEqual([{ orderId: ORDER_ID, reason: 'damaged' }]);
    expect(pc('feedback')?.textContent).toContain('Checklist started');
    startOk = false;
    buyerClick(form.querySelector('button'));
    await flush();
    expect(pc('feedback')?.textContent).toContain('Could not start the checklist');
  });

  it('collapses, remembers it, and expands again', async () => {
    await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
    start();
    await flush();
    buyerClick(pc('collapse'));
    await flush();
    expect(pc('pill')).toBeTruthy();
    expect(pc('panel')).toBeFalsy();
    expect(storage.data.get(OVERLAY_COLLAPSED_KEY)).toBe(true);
    overlay?.stop();
    // A new page load reads the preference.
    start();
    await flush();
    expect(pc('pill')).toBeTruthy();
    buyerClick(pc('pill'));
    await flush();
    expect(pc('panel')).toBeTruthy();
    expect(storage.data.get(OVERLAY_COLLAPSED_KEY)).toBe(false);
  });

  it('starts as a pill on a narrow window unless the buyer opens it', async () => {
    happy.happyDOM.setViewport({ width: 900, height: 900 });
    await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
    start();
    await flush();
    expect(pc('pill')).toBeTruthy();
    buyerClick(pc('pill'));
    await flush();
    expect(pc('panel')).toBeTruthy();
  });

  it('on a phone, is a bar before the page that opens to a sheet only when asked, on each page', async () => {
    happy.happyDOM.setViewport({ width: 360, height: 740 });
    // The buyer opened the panel on a desktop: on a phone it still starts as the bar.
    await storage.set({ [OVERLAY_COLLAPSED_KEY]: false });
    await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
    start();
    await flush();
    const host = document.querySelector(HOST_TAG);
    expect(pc('pill')).toBeTruthy();
    expect(host?.hasAttribute('data-phone')).toBe(true);
    // In the page's flow, before <body>: it pushes the page down instead of covering it.
    expect(host?.nextElementSibling).toBe(document.body);
    buyerClick(pc('pill'));
    await flush();
    expect(pc('panel')).toBeTruthy();
    // Opening the sheet is not a preference: the next page starts as the bar again.
    expect(storage.data.get(OVERLAY_COLLAPSED_KEY)).toBe(false);
    buyerClick(pc('collapse'));
    await flush();
    expect(pc('pill')).toBeTruthy();
    expect(storage.data.get(OVERLAY_COLLAPSED_KEY)).toBe(false);
    overlay?.stop();
    start();
    await flush();
    expect(pc('pill')).toBeTruthy();
  });

  it('copies the extension message, or shows it to copy by hand', async () => {
    const order = realCompletedOrder(NOW - DAY_MS);
    const read = order.reads.detail;
    if (!read) throw new Error('no read');
    read.status = 'awaiting-delivery';
    delete read.completedOn;
    read.stated = { protectionEnd: '2026-08-05' };
    await worker.put([summaryOf(order, NOW)]);
    start();
    await flush();
    buyerClick(pc('copy'));
    await flush();
    expect(copied[0]).toContain(ORDER_ID);
    // Protection ends at the start of Aug 5: the message names Aug 4, the last day to act.
    expect(copied[0]).toContain('last day Tue, Aug 4');
    expect(copied[0]).not.toContain('Aug 5');
    expect(pc('feedback')?.textContent).toContain('Copied');
    copyFails = true;
    buyerClick(pc('copy'));
    await flush();
    expect((pc('feedback')?.querySelector('textarea') as HTMLTextAreaElement | null)?.value).toContain(
      ORDER_ID,
    );
  });
});

describe('across SPA navigations', () => {
  it('keeps one host, swaps panel and chips, and shows the notice where reading failed', async () => {
    await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
    start();
    await flush();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);

    go(LIST);
    await flush();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(0);
    health.observe({ type: 'page-unreadable', kind: 'order-list', url: LIST, reason: 'captcha' }, LIST);
    await flush();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(pc('unreadable')?.textContent).toContain('security check');

    const asked = worker.calls.length;
    go(DETAIL);
    await flush();
    // The navigation asks the worker again: the summary may have changed meanwhile.
    expect(worker.calls.length).toBe(asked + 1);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(pc('unreadable')).toBeFalsy();
    expect(pc('next')?.dataset.kind).toBe('return-after-receipt');
  });

  it('replaces a host left by an earlier copy of the script instead of adding one', async () => {
    document.documentElement.append(document.createElement(HOST_TAG));
    start();
    await flush();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(shadow()).toBeTruthy();
  });
});
