/**
 * The forecast's advice becomes the journey's next step (the one every face obeys), from the
 * summary the worker stores, through its schema.
 */
import { describe, expect, it } from 'vitest';
import { ACT_LEAD_DAYS, EMPTY_HISTORY, learn, usualTable } from '../../../src/core/forecast';
import { journey } from '../../../src/core/journey';
import { buildLadder } from '../../../src/core/ladder';
import type { OrderSnapshot, StoredOrder, TrackingEvent } from '../../../src/core/model';
import { OrderSummary, summarize, toStored } from '../../../src/core/summary';
import { DAY_MS, startOfDay } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import { at, snap, stored } from './helpers';

const TZ = 'America/Sao_Paulo';
const NOW = at('2026-08-25T15:00:00-03:00');
const END = '2026-09-04';

const detail = snap('detail', NOW - DAY_MS, {
  status: 'awaiting-delivery',
  placedOn: '2026-07-15',
  paidOn: '2026-07-15',
  shippedOn: '2026-07-18',
  stated: { protectionEnd: END },
});

function trackingRead(events: TrackingEvent[]): OrderSnapshot {
  return snap('tracking', NOW - DAY_MS, {
    tracking: { carrier: 'Cainiao Standard', mailNo: 'LP00712345678901', events, delivered: false },
  });
}

function summaryOf(order: StoredOrder, now = NOW) {
  const ladder = buildLadder(order, { now, timeZone: TZ });
  return z.parse(OrderSummary, toStored(summarize(ladder, { now, timeZone: TZ })));
}

const stalledInCustoms = stored(
  detail,
  trackingRead([
    { at: NOW - 12 * DAY_MS, code: 'AE_CC_IM_START', stage: 'customs', text: 'Arrived at customs' },
    { at: NOW - 20 * DAY_MS, code: 'AE_LH_DEPART', stage: 'line-haul' },
  ]),
);

describe('the forecast in the journey', () => {
  it('a stalled parcel near its protection end: the next step is to ask the seller to extend, act now', () => {
    const summary = summaryOf(stalledInCustoms);
    expect(summary.view.facts?.parcel).toMatchObject({ stage: 'customs', mailNo: 'LP00712345678901' });
    const j = journey(summary, NOW);
    expect(j.stage).toBe('in-transit');
    expect(j.step).toBe('ask-extension');
    expect(j.group).toBe('act-now');
    expect(j.messages[0]).toBe('extend-protection');
    expect(j.deadline?.kind).toBe('protection-end');
    expect(j.forecast).toMatchObject({ verdict: 'at-risk', stalled: true, step: 'ask-extension' });
    expect(j.forecast?.stepBy).toBe(startOfDay(END, TZ) - ACT_LEAD_DAYS * DAY_MS);
  });

  it('in the last two days: open a dispute before the end', () => {
    const late = at('2026-09-02T15:00:00-03:00');
    const j = journey(summaryOf(stalledInCustoms, late), late);
    expect(j.step).toBe('open-dispute');
    expect(j.messages[0]).toBe('open-dispute');
    expect(j.deadline?.kind).toBe('protection-end');
  });

  it('a parcel moving with weeks to spare: track it, no forecast advice', () => {
    const order = stored(
      detail,
      trackingRead([{ at: NOW - DAY_MS, code: 'AE_LH_DEPART', stage: 'line-haul' }]),
    );
    const farEnd = stored(
      { ...detail, stated: { protectionEnd: '2026-10-30' } },
      order.reads.tracking as OrderSnapshot,
    );
    const j = journey(summaryOf(farEnd), NOW);
    expect(j.step).toBe('track-parcel');
    expect(j.forecast?.verdict).toBe('on-track');
  });

  it('no tracking read: the forecast says so, and the order is not at risk for it', () => {
    const j = journey(summaryOf(stored(detail)), NOW);
    expect(j.forecast?.verdict).toBe('no-tracking');
    expect(j.forecast?.step).toBe('open-tracking');
  });

  it("with the buyer's history, the same stall may be the carrier's usual customs time", () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < 5; i++) {
      history = learn(history, String(700 + i), {
        carrier: 'Cainiao Standard',
        delivered: true,
        events: [
          { at: NOW - 30 * DAY_MS, stage: 'delivered' },
          { at: NOW - 33 * DAY_MS, stage: 'last-mile' },
          { at: NOW - 47 * DAY_MS, stage: 'customs' },
          { at: NOW - 50 * DAY_MS, stage: 'line-haul' },
        ],
      });
    }
    const far = stored(
      { ...detail, stated: { protectionEnd: '2026-10-30' } },
      stalledInCustoms.reads.tracking as OrderSnapshot,
    );
    const j = journey(summaryOf(far), NOW, () => false, { usual: usualTable(history) });
    expect(j.forecast?.usual).toMatchObject({ basis: 'carrier', median: 14 });
    expect(j.forecast?.stalled).toBe(false);
  });
});
