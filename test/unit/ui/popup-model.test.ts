import { describe, expect, it } from 'vitest';
import { URGENT_MS } from '../../../src/core/ladder';
import { emptyLedger } from '../../../src/core/ledger';
import type { OrderSummary } from '../../../src/core/summary';
import { popupModel } from '../../../src/popup/model';
import { generateSummaries } from './generate';

const now = Date.UTC(2026, 8, 1, 12);
const DAY = 86_400_000;

describe('popup model', () => {
  const summaries = generateSummaries(300, now, 5);
  const model = popupModel(summaries, emptyLedger(), now);

  it('puts every order in exactly one group', () => {
    const all = [...model.rows['act-now'], ...model.rows['coming-up'], ...model.rows.done];
    expect(all).toHaveLength(summaries.length);
    expect(new Set(all.map((r) => r.orderId)).size).toBe(summaries.length);
    expect(model.byId.size).toBe(summaries.length);
  });

  it('acts now on money windows closing within 2 days, nearest first', () => {
    const closes = model.rows['act-now'].map((r) => r.next?.closesAt as number);
    expect(closes.length).toBeGreaterThan(0);
    for (const c of closes) expect(c - now).toBeLessThan(URGENT_MS);
    expect([...closes].sort((a, b) => a - b)).toEqual(closes);
  });

  it('lists open windows closing later before not-yet-open ones in "coming up"', () => {
    const rows = model.rows['coming-up'];
    const firstUpcoming = rows.findIndex((r) => !r.nextOpen);
    if (firstUpcoming >= 0) expect(rows.slice(firstUpcoming).every((r) => !r.nextOpen)).toBe(true);
    const open = rows.filter((r) => r.nextOpen).map((r) => r.next?.closesAt as number);
    expect([...open].sort((a, b) => a - b)).toEqual(open);
  });

  it('lists "done" most recently read first', () => {
    const read = model.rows.done.map((r) => r.summary.view.lastReadAt);
    expect([...read].sort((a, b) => b - a)).toEqual(read);
  });

  it('moves an order whose only money window is handled to "done"', () => {
    const row = model.rows['act-now'][0];
    if (!row) throw new Error('no act-now row');
    const ledger = emptyLedger();
    for (const w of row.summary.windows) ledger.windows[w.id] = { handledAt: now };
    const again = popupModel(summaries, ledger, now);
    expect(again.byId.get(row.orderId)?.group).toBe('done');
  });

  it('freshens each summary to now: a date read too long ago shows as stale', () => {
    const open = summaries.find(
      (s): s is OrderSummary => !s.view.final && s.windows.some((w) => w.seenAt !== null),
    );
    if (!open) throw new Error('no open order with a read date');
    const later = now + 30 * DAY;
    const row = popupModel([open], emptyLedger(), later).byId.get(open.orderId);
    expect(row?.summary.view.stale).toBe(true);
    expect(row?.summary.windows.filter((w) => w.seenAt !== null).every((w) => w.confidence === 'stale')).toBe(
      true,
    );
    // The stored summary is not changed by being shown.
    expect(open.windows.some((w) => w.confidence === 'stale')).toBe(false);
  });
});
