// @vitest-environment happy-dom
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps } from '../../../src/content/overlay/Panel';
import { OVERLAY_TEXT_EN } from '../../../src/content/overlay/texts';
import { freshen } from '../../../src/core/summary';
import { addDays, civilDateOf, DAY_MS } from '../../../src/core/time';
import { realCompletedOrder, snap, stored } from '../core/helpers';
import { buyerClick, EN_MESSAGES, summaryOf, tEn } from './helpers';

const NOW = Date.parse('2026-07-30T12:00:00Z');
const fmt = { now: NOW, timeZone: 'UTC', lang: 'en' };

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  document.body.innerHTML = '';
});

function mount(props: Partial<PanelProps>): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(
    h(Panel, { t: tEn, fmt, health: { state: 'ok' }, collapsed: false, onToggle: () => {}, ...props }),
    root,
  );
  return root;
}

const q = (el: HTMLElement, pc: string) => el.querySelector(`[data-pc="${pc}"]`) as HTMLElement | null;

describe('the order panel', () => {
  it('shows what closes next, what to do, and every other window with its confidence', () => {
    // Completed Jul 28: the 7-day return window (stated) closes Aug 4, 4.5 days from now.
    const summary = summaryOf(realCompletedOrder(NOW - DAY_MS), NOW);
    const el = mount({
      orderId: summary.orderId,
      summary,
      returnsUrl: 'https://trade.aliexpress.com/x?orderId=1',
    });
    const next = q(el, 'next');
    expect(next?.dataset.kind).toBe('return-after-receipt');
    expect(next?.dataset.stage).toBe('completed');
    expect(next?.textContent).toContain('Next step');
    // Closes at 00:00 on Aug 4: the last day to act is Aug 3; 4.5 days left, truncated.
    expect(q(el, 'last-day')?.textContent).toBe('last day Mon, Aug 3 · in 4 days');
    expect(next?.textContent).toContain('request a return or refund');
    expect(next?.querySelector('[data-confidence]')?.getAttribute('data-confidence')).toBe('stated');
    const rows = [...el.querySelectorAll('[data-pc="timeline"] li')].map((li) =>
      li.getAttribute('data-kind'),
    );
    expect(rows.sort()).toEqual(
      summary.windows
        .filter((w) => w.kind !== 'return-after-receipt')
        .map((w) => w.kind)
        .sort(),
    );
    expect(q(el, 'returns')?.getAttribute('href')).toBe('https://trade.aliexpress.com/x?orderId=1');
    expect(q(el, 'returns')?.getAttribute('rel')).toContain('noopener');
    // Completed: no "extend protection" message, no checklist without a way to start one.
    expect(q(el, 'copy')).toBeNull();
    expect(q(el, 'checklist')).toBeNull();
    expect(el.textContent).not.toMatch(/\b(overlay|popup|window|kind)_/);
  });

  it('says which dates are estimated or stale', () => {
    const order = stored(
      snap('list', NOW - 20 * DAY_MS, {
        status: 'awaiting-delivery',
        placedOn: addDays(civilDateOf(NOW, 'UTC'), -30),
      }),
    );
    // Summarized when the read was new; shown 20 days later, freshened to now as the overlay does.
    const built = summaryOf(order, NOW - 20 * DAY_MS);
    expect(built.windows.some((w) => w.confidence === 'stale')).toBe(false);
    const summary = freshen(built, NOW);
    const el = mount({ orderId: summary.orderId, summary });
    const badges = [...el.querySelectorAll('[data-confidence]')].map((b) =>
      b.getAttribute('data-confidence'),
    );
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.every((c) => c === 'stale')).toBe(true);
    expect(el.textContent).toContain('Last read');
  });

  it('offers the extension message while the parcel is on its way, and the checklist when it can start', () => {
    const end = addDays(civilDateOf(NOW, 'UTC'), 4);
    const order = stored(
      snap('detail', NOW - DAY_MS, {
        status: 'awaiting-delivery',
        placedOn: '2026-07-01',
        shippedOn: '2026-07-02',
        stated: { protectionEnd: end },
      }),
    );
    const summary = summaryOf(order, NOW);
    const onCopy = vi.fn();
    const onStart = vi.fn();
    const el = mount({
      orderId: summary.orderId,
      summary,
      onCopyExtension: onCopy,
      onStartChecklist: onStart,
    });
    buyerClick(q(el, 'copy'));
    expect(onCopy).toHaveBeenCalledOnce();
    const form = q(el, 'checklist') as HTMLFormElement;
    const select = form.querySelector('select') as HTMLSelectElement;
    expect(form.querySelector('label')?.getAttribute('for')).toBe(select.id);
    select.value = 'damaged';
    buyerClick(form.querySelector('button'));
    expect(onStart).toHaveBeenCalledWith('damaged');
  });

  it('renders page text as text, never as markup', () => {
    const order = realCompletedOrder(NOW - DAY_MS);
    const read = order.reads.detail;
    if (!read) throw new Error('no detail read');
    read.items = [{ title: '<img src=x onerror=alert(1)>' }, { title: 'second' }];
    read.statusText = '<b>bold</b>';
    const summary = summaryOf(order, NOW);
    const el = mount({ orderId: summary.orderId, summary });
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('.item-title')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(q(el, 'item')?.textContent).toContain('+1 more');
  });

  it('collapses to a labelled pill with the time left', () => {
    const summary = summaryOf(realCompletedOrder(NOW - DAY_MS), NOW);
    const onToggle = vi.fn();
    const el = mount({ orderId: summary.orderId, summary, collapsed: true, onToggle });
    const pill = q(el, 'pill');
    expect(pill?.getAttribute('aria-expanded')).toBe('false');
    expect(pill?.textContent).toBe('4d left');
    expect(pill?.getAttribute('aria-label')).toContain('Show the Buyer Protection deadlines');
    buyerClick(pill);
    expect(onToggle).toHaveBeenCalledOnce();
    expect(q(el, 'panel')).toBeNull();
  });

  it('tells the buyer when the page could not be read, expanded and collapsed', () => {
    const el = mount({ orderId: '8212313961591322', health: { state: 'unreadable', reason: 'captcha' } });
    expect(q(el, 'unreadable')?.textContent).toBe(
      'Couldn’t read this page (a security check was shown); dates may be stale.',
    );
    expect(q(el, 'waiting')?.textContent).toContain('Waiting for this order');
    render(null, el);
    const pill = mount({
      orderId: '8212313961591322',
      health: { state: 'unreadable', reason: 'login' },
      collapsed: true,
    });
    expect(q(pill, 'pill')?.getAttribute('aria-label')).toContain('you were signed out');
  });
});

describe('a page read only in part', () => {
  it('says so in plain words on the panel, and warns on the pill', () => {
    const el = mount({
      orderId: '8212313961591322',
      health: { state: 'partly', page: 'detail', effects: ['deadlines', 'dates'] },
    });
    const notice = q(el, 'partly');
    expect(notice?.textContent).toContain('Partly read');
    expect([...(notice?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      "the order page's dates could not be read; deadlines for this order are estimated",
      'the deadlines AliExpress states on the order page could not be read; they are estimated from the Buyer Protection rules',
    ]);
    render(null, el);
    const pill = mount({
      orderId: '8212313961591322',
      health: { state: 'partly', page: 'detail', effects: ['dates'] },
      collapsed: true,
    });
    expect(q(pill, 'pill')?.getAttribute('aria-label')).toContain(
      "Partly read: the order page's dates could not be read; deadlines for this order are estimated.",
    );
  });
});

describe('overlay texts', () => {
  it('are the English messages word for word', () => {
    for (const [key, text] of Object.entries(OVERLAY_TEXT_EN))
      expect(EN_MESSAGES[key]?.message, key).toBe(text);
  });
});
