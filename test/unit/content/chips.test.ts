// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD_ATTR, CHIP_TAG, cardOrderId, chipText, startChips } from '../../../src/content/chips/chips';
import type { StoredOrder } from '../../../src/core/model';
import { addDays, civilDateOf, DAY_MS } from '../../../src/core/time';
import { snap, stored } from '../core/helpers';
import { shadowModeOf, shadowOf, summaryOf, tEn } from './helpers';

const NOW = Date.parse('2026-08-10T12:00:00Z');
const TZ = 'UTC';
const fmt = () => ({ now: NOW, timeZone: TZ, lang: 'en' });

/** Awaiting delivery, with protection stated to end `days` from now. */
function awaiting(id: string, days: number): StoredOrder {
  const end = addDays(civilDateOf(NOW, TZ), days);
  return stored(
    snap('detail', NOW - DAY_MS, {
      orderId: id,
      status: 'awaiting-delivery',
      placedOn: '2026-07-01',
      shippedOn: '2026-07-02',
      stated: { protectionEnd: end },
    }),
  );
}
const completedLongAgo = (id: string) =>
  stored(
    snap('list', NOW - DAY_MS, {
      orderId: id,
      status: 'completed',
      placedOn: '2025-01-24',
      completedOn: '2025-02-10',
    }),
  );

function card(id: string, variant: 'newer' | 'link' = 'newer'): string {
  const info =
    variant === 'newer'
      ? `<div class="order-item-header-right-info"><div>Date: Jan 24, 2025</div><div>Ref. Number: ${id}</div></div>`
      : '<div class="order-item-header-right-info"><div>Date: Jan 24, 2025</div></div>';
  const link = variant === 'link' ? `<a href="/p/order/detail.html?orderId=${id}">Details</a>` : '';
  return `<div class="order-item"><div class="order-item-header"><span class="order-item-header-status-text">Awaiting delivery</span>${info}</div>${link}</div>`;
}

const nextFrame = () => new Promise((r) => setTimeout(r, 40));

let orders: Map<string, StoredOrder>;
let loads: string[][];
let workerDown = false;
const deps = () => ({
  doc: document,
  t: tEn,
  format: fmt,
  // The worker answers with the stored summaries of the orders asked for.
  load: async (ids: readonly string[]) => {
    loads.push([...ids]);
    if (workerDown) throw new Error('no answer');
    return new Map([...orders].filter(([id]) => ids.includes(id)).map(([id, o]) => [id, summaryOf(o, NOW)]));
  },
});

beforeEach(() => {
  document.body.innerHTML = '';
  orders = new Map();
  loads = [];
  workerDown = false;
});
afterEach(() => {
  document.body.innerHTML = '';
});

const chipsOf = () =>
  [...document.querySelectorAll('.order-item')].map((c) =>
    [...c.querySelectorAll(CHIP_TAG)].map((h) => (h as HTMLElement).dataset.orderId),
  );

describe('order card ids', () => {
  it('reads the id from the header rows, else from the details link', () => {
    document.body.innerHTML = card('8100000000000001') + card('8100000000000002', 'link');
    const cards = [...document.querySelectorAll('.order-item')];
    expect(cards.map(cardOrderId)).toEqual(['8100000000000001', '8100000000000002']);
  });
});

describe('chips', () => {
  it('puts one chip per card, coloured by urgency, and never a second one', async () => {
    orders.set('8100000000000001', awaiting('8100000000000001', 30));
    orders.set('8100000000000002', awaiting('8100000000000002', 1));
    orders.set('8100000000000003', completedLongAgo('8100000000000003'));
    document.body.innerHTML = card('8100000000000001') + card('8100000000000002') + card('8100000000000003');
    const chips = startChips(deps());
    await nextFrame();
    expect(chipsOf()).toEqual([['8100000000000001'], ['8100000000000002'], ['8100000000000003']]);
    const levels = [...document.querySelectorAll(CHIP_TAG)].map((h) => (h as HTMLElement).dataset.level);
    expect(levels).toEqual(['later', 'urgent', 'none']);
    const first = document.querySelector(CHIP_TAG) as HTMLElement;
    expect(first.shadowRoot).toBeNull();
    expect(shadowModeOf(first)).toBe('closed');
    expect(shadowOf(first)?.textContent).toContain('left');
    // The order's next step and its last day, from its journey.
    expect(first.title).toMatch(/On its way: follow the tracking.* — last day /);

    // Re-scans (page mutations, ticks) change nothing: same nodes, no duplicates.
    chips.scan();
    chips.tick();
    document.body.append(document.createElement('div'));
    await nextFrame();
    expect(document.querySelector(CHIP_TAG)).toBe(first);
    expect(chipsOf()).toEqual([['8100000000000001'], ['8100000000000002'], ['8100000000000003']]);
    expect(loads).toEqual([['8100000000000001', '8100000000000002', '8100000000000003']]);

    // "View orders" appends cards: they get chips, and only they are loaded.
    orders.set('8100000000000004', awaiting('8100000000000004', 5));
    document.body.insertAdjacentHTML('beforeend', card('8100000000000004'));
    await nextFrame();
    await nextFrame();
    expect(chipsOf().at(-1)).toEqual(['8100000000000004']);
    expect(loads.at(-1)).toEqual(['8100000000000004']);
    chips.stop();
  });

  it('scans cards the page renders later where requestAnimationFrame must be called on its window', async () => {
    // Firefox's content scripts see the page's window through a wrapper: an unbound
    // requestAnimationFrame throws there, and the list was never scanned again.
    const win = document.defaultView as Window;
    const real = win.requestAnimationFrame;
    win.requestAnimationFrame = function (this: unknown, callback: FrameRequestCallback) {
      if (this !== win)
        throw new TypeError(
          "'requestAnimationFrame' called on an object that does not implement interface Window.",
        );
      return real.call(win, callback);
    };
    try {
      orders.set('8100000000000001', awaiting('8100000000000001', 30));
      orders.set('8100000000000002', awaiting('8100000000000002', 3));
      const chips = startChips(deps());
      document.body.innerHTML = card('8100000000000001');
      await nextFrame();
      await nextFrame();
      expect(chipsOf()).toEqual([['8100000000000001']]);
      document.body.insertAdjacentHTML('beforeend', card('8100000000000002'));
      await nextFrame();
      await nextFrame();
      expect(chipsOf()).toEqual([['8100000000000001'], ['8100000000000002']]);
      chips.stop();
    } finally {
      win.requestAnimationFrame = real;
    }
  });

  it('follows a card node the page reuses for another order', async () => {
    orders.set('8100000000000001', awaiting('8100000000000001', 30));
    orders.set('8100000000000002', awaiting('8100000000000002', 1));
    document.body.innerHTML = card('8100000000000001');
    const chips = startChips(deps());
    await nextFrame();
    const row = document.querySelector('.order-item-header-right-info div:last-child') as HTMLElement;
    row.textContent = 'Ref. Number: 8100000000000002';
    await nextFrame();
    await nextFrame();
    const cardEl = document.querySelector('.order-item') as HTMLElement;
    expect(cardEl.getAttribute(CARD_ATTR)).toBe('8100000000000002');
    expect(chipsOf()).toEqual([['8100000000000002']]);
    expect((document.querySelector(CHIP_TAG) as HTMLElement).dataset.level).toBe('urgent');
    chips.stop();
  });

  it('adds the chip of an order once it is stored, and updates it when it changes', async () => {
    document.body.innerHTML = card('8100000000000001');
    const chips = startChips(deps());
    await nextFrame();
    expect(chipsOf()).toEqual([[]]);
    orders.set('8100000000000001', awaiting('8100000000000001', 30));
    chips.ordersChanged(['8100000000000001', 'not-an-id"]']);
    await nextFrame();
    expect(chipsOf()).toEqual([['8100000000000001']]);
    orders.set('8100000000000001', awaiting('8100000000000001', 1));
    chips.ordersChanged(['8100000000000001']);
    await nextFrame();
    expect((document.querySelector(CHIP_TAG) as HTMLElement).dataset.level).toBe('urgent');
    // Every order may have changed (a rebuild, a deletion): every card on the page is asked again.
    orders.set('8100000000000001', awaiting('8100000000000001', 30));
    chips.ordersChanged('all');
    await nextFrame();
    expect((document.querySelector(CHIP_TAG) as HTMLElement).dataset.level).not.toBe('urgent');
    chips.stop();
  });

  it('asks again on the next scan when the worker did not answer', async () => {
    orders.set('8100000000000001', awaiting('8100000000000001', 30));
    document.body.innerHTML = card('8100000000000001');
    workerDown = true;
    const chips = startChips(deps());
    await nextFrame();
    expect(chipsOf()).toEqual([[]]);
    workerDown = false;
    chips.scan();
    await nextFrame();
    await nextFrame();
    expect(chipsOf()).toEqual([['8100000000000001']]);
    expect(loads).toEqual([['8100000000000001'], ['8100000000000001']]);
    chips.stop();
  });

  it('writes page text nowhere: chip texts are ours', () => {
    const text = chipText(summaryOf(awaiting('8100000000000001', 3), NOW, TZ), tEn, fmt());
    expect(text.level).toBe('soon');
    expect(text.short).toBe('2d left'); // 2.5 days: truncated, as the badge
    expect(text.label).toBe(
      'Protection Clock: Protection may end before the parcel arrives: ask the seller to extend it. — last day Wed, Aug 12 (in 2 days)',
    );
  });
});
