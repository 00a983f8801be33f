// @vitest-environment happy-dom
/**
 * The popup's list with many orders: each group shows its first rows at once and the rest on
 * "Show more", so 2,000 orders open as fast as 50; every order stays one click away.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { emptyLedger } from '../../../src/core/ledger';
import { popupModel } from '../../../src/popup/model';
import { FIRST_ROWS, MORE_ROWS, OrderList } from '../../../src/popup/OrderList';
import { englishRoot } from './dom';
import { generateSummaries } from './generate';

const now = Date.UTC(2026, 8, 1, 12);
const root = englishRoot();

describe('the popup list with many orders', () => {
  it('shows each group\'s first rows, then the rest a "Show more" at a time, in order, each once', () => {
    const model = popupModel(generateSummaries(2_000, now, 3), emptyLedger(), now);
    const done = model.rows.done;
    expect(done.length).toBeGreaterThan(FIRST_ROWS + MORE_ROWS);
    render(h(OrderList, { model, now, onOpen: () => {} }), root());
    const section = root().querySelector('section[data-group="done"]') as HTMLElement;
    const shown = () => [...section.querySelectorAll('li.row')].map((li) => li.getAttribute('data-order-id'));
    const more = () => section.querySelector('button.more') as HTMLButtonElement | null;

    expect(section.querySelector('.group-count')?.textContent).toBe(String(done.length));
    expect(shown()).toEqual(done.slice(0, FIRST_ROWS).map((r) => r.orderId));
    expect(more()?.textContent).toBe(`Show ${MORE_ROWS} more`);
    // Every group starts short, whatever its size.
    for (const li of root().querySelectorAll('section'))
      expect(li.querySelectorAll('li.row').length).toBeLessThanOrEqual(FIRST_ROWS);

    act(() => more()?.click());
    expect(shown()).toEqual(done.slice(0, FIRST_ROWS + MORE_ROWS).map((r) => r.orderId));
    while (more()) act(() => more()?.click());
    expect(shown()).toEqual(done.map((r) => r.orderId));
    // Every one of 2,000 rows is rendered in happy-dom here (each with its actions): slow under load.
  }, 30_000);

  it('names how many are left when fewer than a page remain, and shows no button for a short group', () => {
    // 40 orders: a few to act on now, 28 coming up, 9 done.
    const model = popupModel(generateSummaries(40, now, 4), emptyLedger(), now);
    render(h(OrderList, { model, now, onOpen: () => {} }), root());
    expect(root().querySelectorAll('button.more')).toHaveLength(1);
    for (const group of ['act-now', 'coming-up', 'done'] as const) {
      const rows = model.rows[group];
      const section = root().querySelector(`section[data-group="${group}"]`);
      if (rows.length === 0) {
        expect(section).toBeNull();
        continue;
      }
      const button = section?.querySelector('button.more');
      if (rows.length <= FIRST_ROWS) expect(button).toBeNull();
      else expect(button?.textContent).toBe(`Show ${rows.length - FIRST_ROWS} more`);
    }
  });
});
