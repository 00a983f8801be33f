import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAtRisk } from '../../../src/core/at-risk';
import { ACT_LEAD_DAYS } from '../../../src/core/forecast';
import { buildLadder } from '../../../src/core/ladder';
import { emptyLedger, markShown } from '../../../src/core/ledger';
import type { OrderSnapshot, StoredOrder, TrackingEvent } from '../../../src/core/model';
import { DEFAULT_PREFS, type Prefs } from '../../../src/core/reminders';
import { OrderSummary, summarize, toStored } from '../../../src/core/summary';
import { DAY_MS, startOfDay } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import { at, snap } from './helpers';

const TZ = 'America/Sao_Paulo';
const NOW = at('2026-08-25T15:00:00-03:00');
const NO_QUIET: Prefs = { ...DEFAULT_PREFS, quietHours: null };

function order(orderId: string, end: string, events: TrackingEvent[]): StoredOrder {
  const detail: OrderSnapshot = {
    ...snap('detail', NOW - DAY_MS, {
      status: 'awaiting-delivery',
      placedOn: '2026-07-15',
      shippedOn: '2026-07-18',
      stated: { protectionEnd: end },
    }),
    orderId,
  };
  const tracking: OrderSnapshot = {
    ...snap('tracking', NOW - DAY_MS, {
      tracking: { carrier: 'Cainiao Standard', mailNo: `LP${orderId}`, events, delivered: false },
    }),
    orderId,
  };
  return { orderId, firstSeen: NOW, lastSeen: NOW, reads: { detail, tracking } };
}

const summaryOf = (o: StoredOrder, now = NOW) =>
  z.parse(OrderSummary, toStored(summarize(buildLadder(o, { now, timeZone: TZ }), { now, timeZone: TZ })));

const stalled = (id: string) =>
  order(id, '2026-09-04', [{ at: NOW - 12 * DAY_MS, stage: 'customs', code: 'AE_CC_IM_START' }]);
const moving = (id: string, end = '2026-10-20') =>
  order(id, end, [{ at: NOW - DAY_MS, stage: 'line-haul', code: 'AE_LH_DEPART' }]);

describe('the at-risk reminder', () => {
  it('is due once when an order turns at risk, several orders in one run', () => {
    const ladders = [
      summaryOf(stalled('8000000000000001')),
      summaryOf(stalled('8000000000000002')),
      summaryOf(moving('8000000000000003')),
    ];
    const ctx = { now: NOW, timeZone: TZ };
    const first = planAtRisk(ladders, NO_QUIET, emptyLedger(), ctx);
    expect(first.due.map((r) => r.id)).toEqual([
      '8000000000000001:protection-end:at-risk',
      '8000000000000002:protection-end:at-risk',
    ]);
    const ledger = markShown(emptyLedger(), first.due, NOW);
    expect(planAtRisk(ladders, NO_QUIET, ledger, { now: NOW + DAY_MS, timeZone: TZ }).due).toEqual([]);
  });

  it('waits for the end of the quiet hours', () => {
    const night = at('2026-08-25T23:30:00-03:00');
    const plan = planAtRisk([summaryOf(stalled('8000000000000001'), night)], DEFAULT_PREFS, emptyLedger(), {
      now: night,
      timeZone: TZ,
    });
    expect(plan.due).toEqual([]);
    expect(plan.next).toBe(at('2026-08-26T08:00:00-03:00'));
  });

  it('says when a moving order will turn at risk with no new scan, no later than the act-by time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 35, max: 80 }), (endIn) => {
        const end = new Date(NOW + endIn * DAY_MS).toISOString().slice(0, 10);
        const o = moving('8000000000000003', end);
        const plan = planAtRisk([summaryOf(o)], NO_QUIET, emptyLedger(), { now: NOW, timeZone: TZ });
        expect(plan.due).toEqual([]);
        const actBy = startOfDay(end, TZ) - ACT_LEAD_DAYS * DAY_MS;
        expect(plan.next).not.toBeNull();
        expect(plan.next ?? 0).toBeLessThanOrEqual(actBy);
        // At that moment it is due.
        const then = plan.next ?? 0;
        const later = planAtRisk([summaryOf(o, then)], NO_QUIET, emptyLedger(), { now: then, timeZone: TZ });
        expect(later.due).toHaveLength(1);
      }),
      { numRuns: 20 },
    );
  });

  it('nothing when the buyer switched protection-end reminders off, or marked it handled', () => {
    const ladders = [summaryOf(stalled('8000000000000001'))];
    const ctx = { now: NOW, timeZone: TZ };
    expect(
      planAtRisk(ladders, { ...NO_QUIET, kinds: { 'protection-end': false } }, emptyLedger(), ctx).due,
    ).toEqual([]);
    const handled = { reminders: {}, windows: { '8000000000000001:protection-end': { handledAt: NOW } } };
    expect(planAtRisk(ladders, NO_QUIET, handled, ctx).due).toEqual([]);
  });
});
