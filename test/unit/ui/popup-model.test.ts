import { describe, expect, it } from 'vitest';
import { URGENT_MS } from '../../../src/core/ladder';
import { emptyLedger } from '../../../src/core/reminders';
import { popupModel } from '../../../src/popup/model';
import { generateOrders } from './generate';

const now = Date.UTC(2026, 8, 1, 12);

describe('popup model', () => {
  const orders = generateOrders(300, now, 5);
  const model = popupModel(orders, emptyLedger(), now, 'UTC');

  it('puts every order in exactly one group', () => {
    const all = [...model.rows['act-now'], ...model.rows['coming-up'], ...model.rows.done];
    expect(all).toHaveLength(orders.length);
    expect(new Set(all.map((r) => r.orderId)).size).toBe(orders.length);
    expect(model.byId.size).toBe(orders.length);
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

  it('moves an order whose only money window is handled to "done"', () => {
    const row = model.rows['act-now'][0];
    if (!row) throw new Error('no act-now row');
    const ledger = emptyLedger();
    for (const w of row.ladder.windows) ledger.windows[w.id] = { handledAt: now };
    const again = popupModel(orders, ledger, now, 'UTC');
    expect(again.byId.get(row.orderId)?.group).toBe('done');
  });
});
