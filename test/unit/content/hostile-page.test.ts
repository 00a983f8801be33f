// @vitest-environment happy-dom
/**
 * Attack 2 of issue #12, the page's half: AliExpress's own script set the panel's reason <select>
 * and called `requestSubmit()`, which started a checklist with another reason (and so wiped the
 * buyer's ticks). Our roots are closed now, and every page-facing handler acts only on the buyer's
 * own (trusted) input; the worker's half (a page may create a checklist, never replace one) is in
 * test/unit/security/hostile.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthTracker } from '../../../src/content/overlay/health';
import { HOST_TAG, type Overlay, startOverlay } from '../../../src/content/overlay/overlay';
import { OVERLAY_COLLAPSED_KEY } from '../../../src/content/overlay/storage';
import { DAY_MS } from '../../../src/core/time';
import { ORDER_ID, realCompletedOrder } from '../core/helpers';
import {
  buyerClick,
  flush,
  MemoryStorage,
  shadowModeOf,
  shadowOf,
  summaryOf,
  tEn,
  workerSummaries,
} from './helpers';

const NOW = Date.parse('2026-07-30T12:00:00Z');
const DETAIL = `https://www.aliexpress.com/p/order/detail.html?orderId=${ORDER_ID}`;
type HappyWindow = Window & {
  happyDOM: { setURL(url: string): void; setViewport(v: { width: number; height: number }): void };
};
const happy = window as unknown as HappyWindow;

let overlay: Overlay | undefined;
let storage: MemoryStorage;
let started: string[];
let copied: string[];

beforeEach(async () => {
  happy.happyDOM.setViewport({ width: 1280, height: 900 });
  happy.happyDOM.setURL(DETAIL);
  document.body.innerHTML = '<main id="root"></main>';
  storage = new MemoryStorage();
  started = [];
  copied = [];
  const worker = workerSummaries(storage);
  await worker.put([summaryOf(realCompletedOrder(NOW - DAY_MS), NOW)]);
  const health = new HealthTracker();
  health.reset(DETAIL);
  overlay = startOverlay({
    win: window,
    storage,
    health,
    t: tEn,
    lang: 'en',
    timeZone: 'UTC',
    now: () => NOW,
    copy: async (text) => {
      copied.push(text);
    },
    summaries: (ids) => worker.get(ids),
    startChecklist: async (_orderId, reason) => {
      started.push(reason);
      return true;
    },
    returnsUrl: (id) => `https://trade.aliexpress.com/x?orderId=${id}`,
  });
  await flush();
});
afterEach(() => {
  overlay?.stop();
  overlay = undefined;
  for (const el of document.querySelectorAll(HOST_TAG)) el.remove();
});

const host = () => document.querySelector(HOST_TAG);
const inside = (selector: string) => shadowOf(host())?.querySelector(selector) as HTMLElement | null;

describe('the page’s script against our panel (issue #12, attack 2)', () => {
  it('cannot reach into the panel: the root is closed', () => {
    expect(host()).not.toBeNull();
    expect(host()?.shadowRoot).toBeNull();
    expect(shadowModeOf(host())).toBe('closed');
  });

  it('even holding our elements, it cannot start a checklist, collapse the panel or copy', async () => {
    const form = inside('[data-pc="checklist"]') as HTMLFormElement;
    const select = form.querySelector('select') as HTMLSelectElement;
    const button = form.querySelector('button') as HTMLButtonElement;
    select.value = 'counterfeit';
    form.requestSubmit();
    form.requestSubmit(button);
    button.click();
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    inside('[data-pc="copy"]')?.click();
    inside('[data-pc="collapse"]')?.click();
    shadowOf(host())?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flush();
    expect(started).toEqual([]);
    expect(copied).toEqual([]);
    expect(inside('[data-pc="panel"]')).not.toBeNull();
    expect(storage.data.has(OVERLAY_COLLAPSED_KEY)).toBe(false);
    expect(inside('[data-pc="feedback"]')?.textContent).toBe('');

    // The buyer's own click does what it says.
    buyerClick(button);
    await flush();
    expect(started).toEqual(['counterfeit']);
  });
});
