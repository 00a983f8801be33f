import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Journey,
  journey,
  OPEN_CASE_STAGES,
  STAGES,
  statusFromTracking,
} from '../../../src/core/journey';
import { buildLadder, type WindowKind } from '../../../src/core/ladder';
import { lastDayOf } from '../../../src/core/last-day';
import type { StoredOrder } from '../../../src/core/model';
import { OrderSummary, summarize, toStored } from '../../../src/core/summary';
import { DAY_MS, startOfDay } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import { ORDER_ID, orderArb, ZONES } from './helpers';

import { NOW, rows, TZ } from './journey-cases';

/** The journey as every face gets it: from the summary the worker stores (through its schema). */
function journeyOf(order: StoredOrder, now = NOW, handled: readonly WindowKind[] = []): Journey {
  const ladder = buildLadder(order, { now, timeZone: TZ });
  const summary = z.parse(OrderSummary, toStored(summarize(ladder, { now, timeZone: TZ })));
  return journey(summary, now, (id) => handled.some((k) => id === `${ORDER_ID}:${k}`));
}

describe('journey: every stage', () => {
  it.each(rows)('$name', (row) => {
    const j = journeyOf(row.order, row.now ?? NOW, row.handled);
    expect(j.stage).toBe(row.stage);
    expect(j.step).toBe(row.step);
    expect(j.group).toBe(row.group);
    expect(j.deadline ? [j.deadline.kind, j.deadline.closesAt] : null).toEqual(row.deadline);
    expect(j.messages).toEqual(row.messages);
    expect(j.couponText).toBe(row.couponText);
  });

  it('the table covers every stage', () => {
    expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(STAGES));
  });

  it('no dispute message before shipment, and no extension message once delivered or completed', () => {
    for (const row of rows) {
      const j = journeyOf(row.order, row.now ?? NOW, row.handled);
      if (j.stage === 'awaiting-shipment' || j.stage === 'awaiting-payment') {
        expect(j.messages).not.toContain('open-dispute');
      }
      if (j.stage !== 'awaiting-shipment' && j.stage !== 'in-transit') {
        expect(j.messages).not.toContain('extend-protection');
      }
    }
  });
});

describe('statusFromTracking', () => {
  it('warehouse codes mean not shipped, any carrier event means on its way, signed means delivered', () => {
    const ev = (...codes: string[]) => ({ delivered: false, events: codes.map((code) => ({ code })) });
    expect(statusFromTracking(ev())).toBeUndefined();
    expect(statusFromTracking(ev('AE_ORDER_PLACED', 'AE_GWMS_PACKED'))).toBe('awaiting-shipment');
    expect(statusFromTracking(ev('AE_ORDER_PAID', 'AE_CC_IM_SUCCESS'))).toBe('awaiting-delivery');
    expect(statusFromTracking({ delivered: true, events: [] })).toBe('awaiting-delivery');
  });
});

describe('journey: properties', () => {
  it('for any order and clock, the last day shown is never after the true close, and an open case is never done', () => {
    fc.assert(
      fc.property(
        orderArb,
        fc.integer({ min: -30, max: 200 }),
        fc.constantFrom(...ZONES),
        (order, offsetDays, timeZone) => {
          const first = Math.min(...Object.values(order.reads).map((r) => r?.readAt ?? 0));
          const now = first + offsetDays * DAY_MS;
          const ladder = buildLadder(order, { now, timeZone });
          const summary = summarize(ladder, { now, timeZone });
          const j = journey(summary, now);
          if (OPEN_CASE_STAGES.has(j.stage)) expect(j.group).not.toBe('done');
          if (summary.view.facts?.openCase !== undefined && !summary.view.final) {
            expect(j.group).toBe('disputes');
          }
          const closes = j.deadline?.closesAt;
          if (closes != null) {
            expect(closes).toBeGreaterThan(now);
            const last = lastDayOf(closes, timeZone);
            // The buyer may act through the whole last day shown: its end (or the stated time) is
            // never after the close.
            const endOfLastDay = last.until === undefined ? startOfDay(addOne(last.date), timeZone) : closes;
            expect(endOfLastDay).toBeLessThanOrEqual(closes);
            expect(startOfDay(last.date, timeZone)).toBeLessThan(closes);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

function addOne(civil: string): string {
  const d = new Date(`${civil}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
