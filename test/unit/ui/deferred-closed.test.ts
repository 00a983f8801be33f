// @vitest-environment happy-dom
/**
 * The popup opens on the summaries its first screen needs: closed orders past the 25 most recently
 * read are parsed right after. Nothing a buyer sees may differ from parsing everything first:
 * the same orders to act on and coming up, the same first closed ones, the same counts.
 */
import fc from 'fast-check';
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../../src/core/durations';
import { KEEP_CLOSED } from '../../../src/core/first-screen-upkeep';
import { emptyLedger } from '../../../src/core/ledger';
import { toStored } from '../../../src/core/summary';
import { summaryRecords } from '../../../src/platform/memory';
import { popupModel } from '../../../src/popup/model';
import { FIRST_FRAME_ROWS, FIRST_ROWS, OrderList } from '../../../src/popup/OrderList';
import { parseSummaries, parseSummariesDeferring, withDeferred } from '../../../src/store/summaries';
import { setTranslator } from '../../../src/ui/i18n';
import { loadFaceState } from '../../../src/ui/store';
import { tEn } from '../content/helpers';
import { generateSummaries } from './generate';

const base = Date.UTC(2026, 8, 1, 12);
const ids = (rows: readonly { orderId: string }[]) => rows.map((r) => r.orderId);

describe('closed orders parsed after the first screen', () => {
  it('show the buyer exactly what parsing everything first shows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 0, max: 60 }),
        async (seed, count, days, keep) => {
          const records = generateSummaries(count, base, seed).map(toStored);
          const now = base + days * DAY_MS;
          const everything = parseSummaries(records).summaries;
          // As the popup reads them: orders the store's plan heads say are over are not parsed.
          const store = new Map(records.map((r) => [r.orderId, r as unknown]));
          const planned = await summaryRecords(store).readPlanning(now, new Set());
          const first = parseSummariesDeferring(planned.records, now, keep, planned.settled);
          const full = popupModel(everything, emptyLedger(), now);
          const quick = popupModel(first.summaries, emptyLedger(), now);
          expect(ids(quick.rows['act-now'])).toEqual(ids(full.rows['act-now']));
          expect(ids(quick.rows['coming-up'])).toEqual(ids(full.rows['coming-up']));
          expect(ids(quick.rows.done.slice(0, keep))).toEqual(ids(full.rows.done.slice(0, keep)));
          expect(quick.rows.done.length + first.deferred.length).toBe(full.rows.done.length);
          // Only closed orders wait, and once parsed in, the lists are the same.
          for (const d of first.deferred) expect(full.byId.get(d.orderId)?.group).toBe('done');
          expect(ids(withDeferred(first.summaries, first.deferred))).toEqual(ids(everything));
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('never hold back an order with a window still open, not yet open, or without an end', () => {
    const now = base;
    const [a, b, c] = generateSummaries(3, base, 11).map(toStored);
    if (!a || !b || !c) throw new Error('no summaries');
    const money = {
      losesMoney: true,
      confidence: 'estimated',
      basis: 'paidOn',
      seenAt: null,
      action: 'open-dispute',
      source: {
        type: 'rule',
        ruleId: a.windows[0]?.source.type === 'rule' ? a.windows[0].source.ruleId : 'dispute-after-delivery',
      },
    } as const;
    const open = {
      ...a,
      windows: [{ ...money, kind: 'dispute', opensAt: now - DAY_MS, closesAt: now + DAY_MS }],
    };
    const endless = { ...b, windows: [{ ...money, kind: 'dispute', opensAt: now - DAY_MS, closesAt: null }] };
    const later = {
      ...c,
      windows: [{ ...money, kind: 'dispute', opensAt: now + DAY_MS, closesAt: now + 9 * DAY_MS }],
    };
    const read = parseSummariesDeferring([open, endless, later], now, 0);
    expect(read.deferred).toEqual([]);
  });

  it('parse a record whose head is unreadable at once, so that it is reported, not held back', () => {
    const read = parseSummariesDeferring([{ orderId: '8212313961500001', windows: 'broken' }], base, 0);
    expect(read.deferred).toEqual([]);
    expect(read.broken.map((b) => b.orderId)).toEqual(['8212313961500001']);
  });

  it('count the closed orders still being parsed in "done" from the first render', () => {
    setTranslator(tEn);
    const root = document.createElement('div');
    document.body.append(root);
    const records = generateSummaries(400, base, 5).map(toStored);
    const first = parseSummariesDeferring(records, base, FIRST_ROWS);
    expect(first.deferred.length).toBeGreaterThan(0);
    const model = popupModel(first.summaries, emptyLedger(), base);
    const total = popupModel(parseSummaries(records).summaries, emptyLedger(), base).rows.done.length;
    render(h(OrderList, { model, now: base, onOpen: () => {}, pendingDone: first.deferred.length }), root);
    const done = root.querySelector('section[data-group="done"]');
    expect(done?.querySelector('.group-count')?.textContent).toBe(String(total));
    expect(done?.querySelectorAll('li.row')).toHaveLength(FIRST_ROWS);
    expect(done?.querySelector('button.more')?.textContent).toBe(
      `Show ${Math.min(200, total - FIRST_ROWS)} more`,
    );
    render(null, root);
    setTranslator(null);
  });
});

describe("the popup's first frame", () => {
  it('draws the first rows in group order with every count whole, then the rest of the first screen', () => {
    setTranslator(tEn);
    const root = document.createElement('div');
    document.body.append(root);
    const records = generateSummaries(400, base, 5).map(toStored);
    const model = popupModel(parseSummaries(records).summaries, emptyLedger(), base);
    const list = (budget?: number) => {
      render(h(OrderList, { model, now: base, onOpen: () => {}, ...(budget ? { budget } : {}) }), root);
      return [...root.querySelectorAll('section[data-group]')].map((section) => ({
        group: section.getAttribute('data-group'),
        count: section.querySelector('.group-count')?.textContent,
        rows: [...section.querySelectorAll('li.row')].map((li) => li.getAttribute('data-order-id')),
        more: section.querySelector('button.more') !== null,
      }));
    };
    const first = list(FIRST_FRAME_ROWS);
    const full = list();
    // The same groups and counts; the first rows are the full list's first rows, in order.
    expect(first.map(({ group, count }) => ({ group, count }))).toEqual(
      full.map(({ group, count }) => ({ group, count })),
    );
    const drawn = first.flatMap((g) => g.rows);
    expect(drawn).toEqual(full.flatMap((g) => g.rows).slice(0, FIRST_FRAME_ROWS));
    expect(full.flatMap((g) => g.rows).length).toBeGreaterThan(FIRST_FRAME_ROWS);
    // No "Show more" under a group drawn short: it comes with the rest.
    for (const [i, g] of first.entries())
      if (g.rows.length < (full[i]?.rows.length ?? 0)) expect(g.more).toBe(false);
    expect(full.some((g) => g.more)).toBe(true);
    expect(full.every((g) => g.rows.length <= FIRST_ROWS)).toBe(true);
    render(null, root);
    setTranslator(null);
  });
});

describe("the popup's first read, from the store's first-screen record", () => {
  afterEach(() => vi.useRealTimers());
  const noItems = { get: async () => ({}) };

  /** Opens the popup's store read at `now` on `records`, through `store`; checks it against parsing all. */
  async function expectSameAsEverything(
    records: readonly { orderId: string }[],
    store: ReturnType<typeof summaryRecords>,
    now: number,
  ) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    const { state, rest } = await loadFaceState(noItems, store, { keepClosed: FIRST_ROWS });
    const everything = parseSummaries(records).summaries;
    const full = popupModel(everything, emptyLedger(), now);
    const quick = popupModel(state.summaries, emptyLedger(), now);
    for (const g of ['disputes', 'act-now', 'coming-up'] as const)
      expect(ids(quick.rows[g])).toEqual(ids(full.rows[g]));
    expect(ids(quick.rows.done.slice(0, FIRST_ROWS))).toEqual(ids(full.rows.done.slice(0, FIRST_ROWS)));
    expect(quick.rows.done.length + state.pendingClosed).toBe(full.rows.done.length);
    expect(ids(withDeferred(state.summaries, await rest()))).toEqual(ids(everything));
    return state;
  }

  it('shows what reading everything shows, from a record made days before, and the rest once read', async () => {
    let trimmed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: -40, max: 160 }),
        fc.integer({ min: 0, max: 30 }),
        async (seed, count, days, before) => {
          const records = generateSummaries(count, base, seed).map(toStored);
          const now = base + days * DAY_MS;
          const data = new Map(records.map((r) => [r.orderId, r as unknown]));
          // The record as the worker left it at its last write, `before` days ago.
          const store = summaryRecords(
            data,
            () => {},
            true,
            () => now - before * DAY_MS,
          );
          const state = await expectSameAsEverything(records, store, now);
          if (state.summaries.length <= count - KEEP_CLOSED) trimmed++;
        },
      ),
      { numRuns: 40 },
    );
    // A good share of the runs (about a quarter) read a record that left many closed orders out.
    expect(trimmed).toBeGreaterThan(2);
  }, 60_000);

  it('reads everything when the record cannot serve the first screen (too few closed orders kept, or not its ids)', async () => {
    const records = generateSummaries(300, base, 9).map(toStored);
    const data = new Map(records.map((r) => [r.orderId, r as unknown]));
    const now = base + 60 * DAY_MS;
    const real = summaryRecords(
      data,
      () => {},
      true,
      () => now,
    );
    const screen = await real.readFirstScreen();
    if (!screen) throw new Error('no first screen');
    expect(screen.ids.length).toBeLessThan(records.length);
    const broken = [
      // Only the live orders kept: the closed ones the popup lists first are missing.
      { ...screen, ids: [], items: [], heads: [] },
      // A kept order the store does not hold.
      { ...screen, ids: ['8212313961999999', ...screen.ids.slice(1)] },
      // Fewer heads than orders.
      { ...screen, heads: screen.heads.slice(1) },
    ];
    for (const bad of broken) {
      const store = { ...real, readFirstScreen: async () => bad };
      const state = await expectSameAsEverything(records, store, now);
      expect(state.summaries.length + state.pendingClosed).toBe(records.length);
    }
    const none = { ...real, readFirstScreen: async () => undefined };
    await expectSameAsEverything(records, none, now);
  });
});
