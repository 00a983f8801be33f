// @vitest-environment happy-dom
/**
 * The popup for a buyer with many orders: search by item, store or order id; the order's date and
 * price on its row; open its AliExpress page, snooze its next reminder, hide it (it comes back when
 * a read finds a new window, and hidden marks are set only by our own pages).
 */
import fc from 'fast-check';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/handlers';
import { emptyLedger, isHidden, mergeLedgers, prune, setHidden } from '../../../src/core/ledger';
import type { OrderSummary } from '../../../src/core/summary';
import type { Command } from '../../../src/messages';
import { memoryPlatform } from '../../../src/platform/memory';
import { filterModel, popupModel } from '../../../src/popup/model';
import { OrderList } from '../../../src/popup/OrderList';
import { fold, type Search, type SearchEntry, search, searchIndex } from '../../../src/popup/search';
import { parseState } from '../../../src/store/state';
import { completedSnapshot, contentIn, detailUrl, POPUP, readSnapshots, SELF } from '../background/helpers';
import { englishRoot } from './dom';
import { generateSummaries } from './generate';

const now = Date.UTC(2026, 8, 1, 12);
/** The ids a search of every order finds (what the popup filters by), or null for no filter. */
const searchIds = (index: readonly SearchEntry[], query: string): Set<string> | null => {
  const found = search(index, query);
  return found && new Set(found.found.map((e) => e.orderId));
};
const root = englishRoot();

const summaries = generateSummaries(400, now, 11);
const withText = (s: OrderSummary, title: string, store: string): OrderSummary => ({
  ...s,
  view: {
    ...s.view,
    storeName: { value: store, source: 'detail', readAt: now },
    items: { value: [{ title, quantity: 1 }], source: 'detail', readAt: now },
  },
});

describe('search', () => {
  const [a, b, c] = summaries as [OrderSummary, OrderSummary, OrderSummary];
  const mine = [
    withText(a, 'Écouteurs sans fil Bluetooth', 'Baseus Store'),
    withText(b, 'Phone case, blue', 'Zürich Gadgets'),
    withText(c, 'USB cable 2 m', 'Ugreen Official Store'),
  ];
  const index = searchIndex(mine);

  it('finds by a word of an item, of a store, or by the order id, in any case and without accents', () => {
    expect(searchIds(index, 'ECOUTEURS')).toEqual(new Set([a.orderId]));
    expect(searchIds(index, 'zurich')).toEqual(new Set([b.orderId]));
    expect(searchIds(index, 'cable ugreen')).toEqual(new Set([c.orderId]));
    expect(searchIds(index, b.orderId.slice(-6))).toEqual(new Set([b.orderId]));
    expect(searchIds(index, `${c.orderId.slice(0, 4)} ${c.orderId.slice(4, 8)}`)?.has(c.orderId)).toBe(true);
    expect(searchIds(index, 'blue cable')).toEqual(new Set());
    expect(searchIds(index, '   ')).toBeNull();
    expect(fold('  Écran  HD ')).toBe('ecran hd');
  });

  it('finds as the buyer types what a search of every order finds, looking only among the last answer when it narrows', () => {
    // Titles and keystrokes from a small alphabet: digits (ids), spaces, accents, Greek sigmas
    // (lower-cased by their place in the word, so typing on can widen what a word matches).
    const char = fc.constantFrom('a', 'b', 'é', 'Σ', 'σ', 'ς', '1', '2', ' ');
    const text = fc.array(char, { maxLength: 12 }).map((c) => c.join(''));
    const key = fc.oneof(char, fc.constant('⌫'));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 40 }),
        fc.array(key, { maxLength: 20 }),
        (titles, keys) => {
          const index = searchIndex(
            titles.map((title, i) => ({
              orderId: String(8_100_000_000_000_000 + i * 121),
              view: { items: { value: [{ title }], source: 'detail', readAt: now }, stale: false },
            })) as unknown as OrderSummary[],
          );
          let query = '';
          let previous: Search | null = null;
          for (const k of keys) {
            query = k === '⌫' ? query.slice(0, -1) : query + k;
            const typed = search(index, query, previous);
            previous = typed;
            const ids = typed && new Set(typed.found.map((e) => e.orderId));
            expect(ids).toEqual(searchIds(index, query));
          }
        },
      ),
      { numRuns: 300 },
    );
    // Typing on that widens a word: "aΣ" folds to "aς" (a final sigma), "aΣa" to "aσa".
    const greek = searchIndex([withText(a, 'aσa', 'x')]);
    const before = search(greek, 'aΣ');
    expect(before?.found).toEqual([]);
    expect(search(greek, 'aΣa', before)?.found.map((e) => e.orderId)).toEqual([a.orderId]);
    // And it does look among the last answer only: an entry it did not find is not found again.
    const first = search(index, 'cab') as Search;
    const narrowed = search(index, 'cable', { ...first, found: [] });
    expect(narrowed?.found).toEqual([]);
  });

  it('keeps each group and its order, with only the orders found', () => {
    const model = popupModel(summaries, emptyLedger(), now);
    const index = searchIndex(summaries);
    const ids = searchIds(index, 'kitchen scale') as Set<string>;
    expect(ids.size).toBeGreaterThan(0);
    expect(ids.size).toBeLessThan(summaries.length);
    const shown = filterModel(model, ids);
    for (const [group, rows] of Object.entries(shown.rows)) {
      const all = model.rows[group as keyof typeof model.rows];
      expect(rows.map((r) => r.orderId)).toEqual(all.filter((r) => ids.has(r.orderId)).map((r) => r.orderId));
    }
    expect(Object.values(shown.rows).flat().length).toBe(ids.size);
  });
});

describe('hiding an order', () => {
  const open = summaries.find((s) => s.windows.length > 0) as OrderSummary;

  it('takes it out of its group into "hidden", until a read gives it a window it did not have', () => {
    const ledger = setHidden(
      emptyLedger(),
      open.orderId,
      open.windows.map((w) => w.id),
      now,
    );
    const model = popupModel(summaries, ledger, now);
    expect(model.hidden.map((r) => r.orderId)).toEqual([open.orderId]);
    expect(
      Object.values(model.rows)
        .flat()
        .some((r) => r.orderId === open.orderId),
    ).toBe(false);
    expect(model.byId.has(open.orderId)).toBe(true);
    // A read that finds a new window (say, a dispute opened): back in its group.
    const extra = { ...open.windows[0], kind: 'escalation', id: `${open.orderId}:escalation` };
    const grown = { ...open, windows: [...open.windows, extra] } as OrderSummary;
    expect(isHidden(ledger, grown)).toBe(false);
    expect(popupModel([grown], ledger, now).hidden).toEqual([]);
    // Showing it again clears the mark.
    expect(isHidden(setHidden(ledger, open.orderId, null, now), open)).toBe(false);
  });

  it('keeps the mark through pruning and a backup merge (the later decision wins)', () => {
    const hidden = setHidden(emptyLedger(), open.orderId, ['x:protection-end'], now);
    expect(prune(hidden, new Map([[open.orderId, open]])).hidden).toEqual(hidden.hidden);
    const later = setHidden(emptyLedger(), open.orderId, null, now);
    const again = setHidden(emptyLedger(), open.orderId, ['y:protection-end'], now + 1);
    expect(mergeLedgers(hidden, again).hidden?.[open.orderId]?.windows).toEqual(['y:protection-end']);
    expect(mergeLedgers(hidden, later).hidden?.[open.orderId]).toEqual(hidden.hidden?.[open.orderId]);
  });

  it('is stored only by a command from our own pages, with the windows the order has', async () => {
    const p = memoryPlatform({ now });
    const A = '8300000000000001';
    await readSnapshots(p, [completedSnapshot(A, now, 1)]);
    const ledger = () => parseState(Object.fromEntries(p.data)).ledger;
    const page = contentIn(5, detailUrl(A));
    expect(await handleMessage({ type: 'set-hidden', orderId: A, hidden: true }, page, p, SELF)).toEqual({
      error: 'sender refused',
    });
    expect(ledger().hidden?.[A]).toBeUndefined();
    expect(await handleMessage({ type: 'set-hidden', orderId: A, hidden: true }, POPUP, p, SELF)).toEqual({
      ok: true,
    });
    expect(ledger().hidden?.[A]?.windows).toContain(`${A}:return-after-receipt`);
    // Nor does it count down on the toolbar.
    expect(p.badges.get('global')?.text).toBe('');
    // A hidden order reminds no more.
    p.shown.clear();
    p.advance(3 * 86_400_000);
    await handleMessage({ type: 'set-prefs', prefs: { quietHours: null } }, POPUP, p, SELF);
    expect(p.shown.size).toBe(0);
    await handleMessage({ type: 'set-hidden', orderId: A, hidden: false }, POPUP, p, SELF);
    expect(ledger().hidden?.[A]).toBeUndefined();
    expect(p.shown.size).toBe(1);
    expect(p.badges.get('global')?.text).toMatch(/^\d+d$/);
  });
});

describe('a row', () => {
  it("shows the order's date and price, and opens, snoozes and hides from the row", () => {
    const sent: Command[] = [];
    const model = popupModel(summaries, emptyLedger(), now);
    const row = model.rows['act-now'][0] ?? model.rows['coming-up'][0];
    if (!row) throw new Error('no open row');
    const priced: OrderSummary = {
      ...row.summary,
      view: { ...row.summary.view, totalText: { value: 'US $12.34', source: 'detail', readAt: now } },
    };
    const one = popupModel([priced], emptyLedger(), now);
    render(
      h(OrderList, {
        model: one,
        now,
        onOpen: () => {},
        actions: { snoozedUntil: () => undefined, send: (c) => sent.push(c) },
      }),
      root(),
    );
    const li = root().querySelector(`li[data-order-id="${row.orderId}"]`) as HTMLElement;
    expect(li.querySelector('.row-facts')?.textContent).toMatch(/^Ordered .+ · US \$12\.34$/);
    const [openLink, snooze, hide] = [...li.querySelectorAll('.row-actions > *')] as HTMLElement[];
    expect(openLink?.getAttribute('href')).toBe(detailUrl(row.orderId));
    act(() => openLink?.click());
    act(() => snooze?.click());
    act(() => hide?.click());
    expect(sent.map((c) => c.type)).toEqual(['open-url', 'snooze', 'set-hidden']);
    expect(sent[1]).toMatchObject({ windowId: row.next?.id, orderId: row.orderId });
    expect(sent[2]).toEqual({ type: 'set-hidden', orderId: row.orderId, hidden: true });
    // Each action names its order for a screen reader.
    expect(hide?.getAttribute('aria-describedby')).toBe(`title-${row.orderId}`);
  });

  it('says until when its reminders are snoozed, and hidden orders are listed on demand to show again', () => {
    const sent: Command[] = [];
    const model = popupModel(summaries, emptyLedger(), now);
    const row = model.rows['act-now'][0] ?? model.rows['coming-up'][0];
    if (!row) throw new Error('no open row');
    const other = summaries.find((s) => s.orderId !== row.orderId) as OrderSummary;
    const ledger = setHidden(
      emptyLedger(),
      other.orderId,
      other.windows.map((w) => w.id),
      now,
    );
    const hiddenFirst = popupModel([other, row.summary], ledger, now);
    render(
      h(OrderList, {
        model: hiddenFirst,
        now,
        onOpen: () => {},
        actions: { snoozedUntil: () => now + 86_400_000, send: (c) => sent.push(c) },
      }),
      root(),
    );
    expect(root().querySelector('.row-snoozed')?.textContent).toMatch(/^Reminders snoozed until /);
    const section = root().querySelector('section[data-group="hidden"]') as HTMLElement;
    expect(section.querySelector('.group-count')?.textContent).toBe('1');
    expect(section.querySelectorAll('li.row')).toHaveLength(0);
    act(() => (section.querySelector('button.more') as HTMLButtonElement).click());
    act(() => (section.querySelector('[data-action="unhide"]') as HTMLButtonElement).click());
    expect(sent).toEqual([{ type: 'set-hidden', orderId: other.orderId, hidden: false }]);
  });
});
