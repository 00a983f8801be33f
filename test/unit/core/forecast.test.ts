import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACT_LEAD_DAYS,
  DEFAULT_STAGE_DAYS,
  DISPUTE_LEAD_DAYS,
  EMPTY_HISTORY,
  forecast,
  HANDFUL,
  historyFrom,
  learn,
  MIN_HIGH_DAYS,
  type Parcel,
  type PathStage,
  parcelOf,
  STAGE_PATH,
  type StageHistory,
  stageDurations,
  usualOf,
  usualTable,
} from '../../../src/core/forecast';
import { FORECAST_TEXT_EN, forecastReasons, stepText } from '../../../src/core/forecast-text';
import { translatorFrom } from '../../../src/core/i18n';
import type { Tracking, TrackingEvent, TrackingStage } from '../../../src/core/model';
import { at } from './helpers';

const DAY = 86_400_000;
const NOW = at('2026-08-20T12:00:00Z');
const t = translatorFrom(FORECAST_TEXT_EN);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function ev(stage: TrackingStage, atMs: number, text = `${stage} scan`): TrackingEvent {
  return { at: atMs, stage, text, code: `X_${stage}` };
}

function tracking(events: TrackingEvent[], extra: Partial<Tracking> = {}): Tracking {
  return {
    mailNo: 'LP00712345678901',
    carrier: 'Cainiao Standard',
    events,
    delivered: events.some((e) => e.stage === 'delivered'),
    ...extra,
  };
}

/** A delivered parcel whose stages took the given days, delivered `endsAt`. */
function deliveredAfter(days: Partial<Record<PathStage, number>>, endsAt = NOW - 30 * DAY): Tracking {
  const total = STAGE_PATH.reduce((sum, s) => sum + (days[s] ?? 0), 0);
  let clock = endsAt - total * DAY;
  const events: TrackingEvent[] = [];
  for (const stage of STAGE_PATH) {
    const d = days[stage];
    if (d === undefined) continue;
    events.push(ev(stage, clock));
    clock += d * DAY;
  }
  events.push(ev('delivered', clock));
  return tracking(events.reverse());
}

describe('parcelOf: stage and last movement from tracking events', () => {
  it('takes the stage of the newest placed event, since that stage first scanned; the newest scan of any kind', () => {
    const parcel = parcelOf(
      tracking([
        { at: NOW - 1 * DAY, stage: 'unknown', text: 'Status update' },
        ev('customs', NOW - 3 * DAY, 'Customs inspection'),
        ev('customs', NOW - 5 * DAY, 'Arrived at customs'),
        ev('line-haul', NOW - 9 * DAY),
        ev('warehouse', NOW - 12 * DAY),
      ]),
    );
    expect(parcel).toMatchObject({
      stage: 'customs',
      stageSince: NOW - 5 * DAY,
      lastScanAt: NOW - 1 * DAY,
      lastScanText: 'Status update',
      carrier: 'Cainiao Standard',
      mailNo: 'LP00712345678901',
    });
  });

  it('reads events in any order, and ignores those without a time', () => {
    const parcel = parcelOf(
      tracking(
        [
          ev('line-haul', NOW - 9 * DAY),
          { stage: 'delivered', text: 'no time' },
          ev('last-mile', NOW - 2 * DAY),
          ev('warehouse', NOW - 12 * DAY),
        ],
        { delivered: false },
      ),
    );
    expect(parcel.stage).toBe('last-mile');
    expect(parcel.lastScanAt).toBe(NOW - 2 * DAY);
  });

  it('is delivered when tracking says so, with the signed time', () => {
    const parcel = parcelOf(deliveredAfter({ warehouse: 2, 'line-haul': 5 }, NOW - DAY));
    expect(parcel.stage).toBe('delivered');
    expect(parcel.deliveredAt).toBe(NOW - DAY);
  });
});

describe('forecast', () => {
  it('with no tracking read, says so and asks to open the tracking page', () => {
    const f = forecast({ parcel: undefined, protectionEnd: NOW + 30 * DAY, now: NOW });
    expect(f.verdict).toBe('no-tracking');
    expect(f.step).toBe('open-tracking');
    expect(forecastReasons(f, t, isoDay)[0]).toMatch(/open this order’s tracking page/);
    expect(f.window).toBeUndefined();
  });

  it('says stalled in words: "no scan for 12 days in customs; usually at most 8 days there"', () => {
    const parcel = parcelOf(
      tracking([ev('customs', NOW - 12 * DAY - 3_600_000), ev('line-haul', NOW - 20 * DAY)]),
    );
    const f = forecast({ parcel, protectionEnd: NOW + 40 * DAY, now: NOW });
    expect(f.stalled).toBe(true);
    expect(f.verdict).toBe('late');
    expect(forecastReasons(f, t, isoDay)[0]).toBe(
      'No scan for 12 days in customs; usually at most 8 days there.',
    );
  });

  it('a stall close to the end is at risk: ask the seller to extend, by the end minus the lead', () => {
    const end = NOW + 12 * DAY;
    const parcel = parcelOf(tracking([ev('customs', NOW - 12 * DAY), ev('line-haul', NOW - 20 * DAY)]));
    const f = forecast({ parcel, protectionEnd: end, now: NOW });
    expect(f.verdict).toBe('at-risk');
    expect(f.step).toBe('ask-extension');
    expect(f.stepBy).toBe(end - ACT_LEAD_DAYS * DAY);
    expect(stepText(f, t, isoDay)).toBe(`Ask the seller to extend protection, by ${isoDay(end - 7 * DAY)}`);
  });

  it('in the last days before the end, the step is to open a dispute before the end', () => {
    const end = NOW + DAY;
    const parcel = parcelOf(tracking([ev('last-mile', NOW - 11 * DAY)]));
    const f = forecast({ parcel, protectionEnd: end, now: NOW });
    expect(f.verdict).toBe('at-risk');
    expect(f.step).toBe('open-dispute');
    expect(f.stepBy).toBe(end);
  });

  it('a parcel moving well ahead of the end is on track, and says when at the latest', () => {
    const parcel = parcelOf(tracking([ev('line-haul', NOW - DAY), ev('warehouse', NOW - 3 * DAY)]));
    const f = forecast({ parcel, protectionEnd: NOW + 50 * DAY, now: NOW });
    expect(f.verdict).toBe('on-track');
    expect(f.stalled).toBe(false);
    expect(f.step).toBeUndefined();
    expect(f.window?.early).toBeLessThanOrEqual(f.window?.likely ?? 0);
    expect(f.window?.likely).toBeLessThan(f.window?.late ?? 0);
    expect(f.confidence).toBe('low');
  });

  it("takes AliExpress's estimate for the likely end while it is ahead; past it, the parcel is late", () => {
    const events = [ev('line-haul', NOW - DAY)];
    const ahead = forecast({
      parcel: parcelOf(tracking(events, { eta: { begin: NOW + 3 * DAY, end: NOW + 6 * DAY } })),
      protectionEnd: NOW + 50 * DAY,
      now: NOW,
    });
    expect(ahead.window).toMatchObject({ early: NOW + 3 * DAY, likely: NOW + 6 * DAY });
    expect(ahead.confidence).toBe('medium');
    const passed = forecast({
      parcel: parcelOf(tracking(events, { eta: { end: NOW - DAY } })),
      protectionEnd: NOW + 50 * DAY,
      now: NOW,
    });
    expect(passed.verdict).toBe('late');
    expect(forecastReasons(passed, t, isoDay)).toContain(
      `AliExpress expected it by ${isoDay(NOW - DAY)}, and it has not arrived.`,
    );
  });

  it('never moves a deadline: the protection end goes in, advice comes out', () => {
    const input = {
      parcel: parcelOf(tracking([ev('customs', NOW - 20 * DAY)])),
      protectionEnd: NOW + 9 * DAY,
      now: NOW,
    };
    const before = JSON.stringify(input);
    const f = forecast(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(f.actBy).toBe(input.protectionEnd - ACT_LEAD_DAYS * DAY);
  });
});

// --- Properties. ---------------------------------------------------------------------------------

const stageArb = fc.constantFrom<TrackingStage>(...STAGE_PATH, 'unknown');

/** Random histories: some carriers with some delivered orders, stage times 0–40 days. */
const historyArb: fc.Arbitrary<StageHistory> = fc
  .array(
    fc.record({
      carrier: fc.constantFrom('Cainiao Standard', 'YunExpress', 'Cainiao Super Economy'),
      days: fc.record(
        Object.fromEntries(STAGE_PATH.map((s) => [s, fc.double({ min: 0, max: 40, noNaN: true })])) as Record<
          PathStage,
          fc.Arbitrary<number>
        >,
        { requiredKeys: [] },
      ),
    }),
    { maxLength: 30 },
  )
  .map((orders) =>
    orders.reduce(
      (h, o, i) => learn(h, String(1_000_000 + i), { ...deliveredAfter(o.days), carrier: o.carrier }),
      EMPTY_HISTORY,
    ),
  );

/** A parcel in transit: its stage, when it entered it, its last scan, maybe an estimate. */
const parcelArb: fc.Arbitrary<Parcel> = fc
  .record({
    stage: stageArb,
    inStageDays: fc.double({ min: 0, max: 60, noNaN: true }),
    lastScanFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    carrier: fc.constantFrom('Cainiao Standard', 'YunExpress', 'Other line'),
    eta: fc.option(fc.double({ min: -20, max: 60, noNaN: true })),
  })
  .map((p) => {
    const stageSince = NOW - p.inStageDays * DAY;
    return {
      stage: p.stage,
      stageSince,
      lastScanAt: stageSince + (NOW - stageSince) * p.lastScanFrac,
      carrier: p.carrier,
      mailNo: 'LP1',
      eta: p.eta === null ? undefined : { end: NOW + p.eta * DAY },
    };
  });

describe('forecast properties', () => {
  it('a parcel that keeps moving (a scan within the last MIN_HIGH_DAYS) is never stalled', () => {
    fc.assert(
      fc.property(
        parcelArb,
        historyArb,
        fc.double({ min: 0, max: MIN_HIGH_DAYS, noNaN: true }),
        (parcel, history, ago) => {
          const f = forecast({
            parcel: { ...parcel, lastScanAt: NOW - ago * DAY },
            protectionEnd: NOW + 30 * DAY,
            now: NOW,
            usual: usualTable(history),
          });
          expect(f.stalled).toBe(false);
        },
      ),
    );
  });

  it("a stall is declared no later than the stage's high percentile", () => {
    fc.assert(
      fc.property(parcelArb, historyArb, (parcel, history) => {
        const usual = usualTable(history);
        const probe = forecast({ parcel, protectionEnd: null, now: NOW, usual });
        const high = probe.usual?.high ?? 0;
        expect(high).toBeGreaterThanOrEqual(MIN_HIGH_DAYS);
        const lastScanAt = parcel.lastScanAt ?? NOW;
        const justAfter = lastScanAt + high * DAY + 1;
        const f = forecast({ parcel, protectionEnd: null, now: justAfter, usual });
        expect(f.stalled).toBe(true);
        // And not before: up to the high, the parcel is not stalled.
        const atHigh = forecast({ parcel, protectionEnd: null, now: lastScanAt + high * DAY, usual });
        expect(atHigh.stalled).toBe(false);
      }),
    );
  });

  it('"at risk" fires before the protection end by at least the stated lead, for every order', () => {
    fc.assert(
      fc.property(
        parcelArb,
        historyArb,
        fc.double({ min: -5, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (parcel, history, endInDays, when) => {
          const usual = usualTable(history);
          const end = NOW + endInDays * DAY;
          const actBy = end - ACT_LEAD_DAYS * DAY;
          // Any moment from the act-by time to the end: the verdict is at risk by then at the latest.
          const now = Math.max(parcel.lastScanAt ?? NOW, actBy + when * (end - actBy));
          const f = forecast({ parcel, protectionEnd: end, now, usual });
          expect(f.verdict).toBe('at-risk');
          expect(f.stepBy).toBeLessThanOrEqual(end);
          if (now < end - DISPUTE_LEAD_DAYS * DAY) {
            expect(f.step).toBe('ask-extension');
          } else expect(f.step).toBe('open-dispute');
        },
      ),
    );
  });

  it('when at risk early, the extension request is due at least the lead before the end', () => {
    fc.assert(
      fc.property(
        parcelArb,
        historyArb,
        fc.double({ min: 8, max: 90, noNaN: true }),
        (parcel, history, endIn) => {
          const end = NOW + endIn * DAY;
          const f = forecast({ parcel, protectionEnd: end, now: NOW, usual: usualTable(history) });
          if (f.verdict === 'at-risk') {
            expect(f.step).toBe('ask-extension');
            expect(f.stepBy).toBeLessThanOrEqual(end - ACT_LEAD_DAYS * DAY);
          } else {
            expect(f.window?.late).toBeLessThan(end - ACT_LEAD_DAYS * DAY);
          }
        },
      ),
    );
  });

  it('the window is ordered and never before now', () => {
    fc.assert(
      fc.property(parcelArb, historyArb, (parcel, history) => {
        const f = forecast({ parcel, protectionEnd: null, now: NOW, usual: usualTable(history) });
        const w = f.window;
        expect(w).toBeDefined();
        if (!w) return;
        expect(w.early).toBeGreaterThanOrEqual(NOW);
        expect(w.early).toBeLessThanOrEqual(w.likely);
        expect(w.likely).toBeLessThanOrEqual(w.late);
        expect(w.late).toBeGreaterThan(NOW);
      }),
    );
  });
});

describe('history', () => {
  const slowCustoms = (days: number) =>
    deliveredAfter({ warehouse: 2, 'line-haul': 6, customs: days, 'last-mile': 3 });

  it('measures each stage of a delivered parcel, from its first scan to the next stage', () => {
    expect(stageDurations(slowCustoms(10))).toEqual({
      warehouse: 2,
      'line-haul': 6,
      customs: 10,
      'last-mile': 3,
    });
    // Not delivered: nothing to learn yet.
    expect(
      stageDurations(tracking([ev('line-haul', NOW - 5 * DAY), ev('warehouse', NOW - 9 * DAY)])),
    ).toEqual({});
  });

  it('uses the defaults until a handful of delivered orders, then the buyer’s own times per carrier', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < HANDFUL - 1; i++) history = learn(history, `10000${i}`, slowCustoms(10));
    const parcel = parcelOf(tracking([ev('customs', NOW - 9 * DAY)]));
    const before = forecast({ parcel, protectionEnd: null, now: NOW, usual: usualTable(history) });
    expect(before.usual).toMatchObject({ basis: 'defaults', ...DEFAULT_STAGE_DAYS.customs });
    expect(before.stalled).toBe(true);

    history = learn(history, '100009', slowCustoms(11));
    const after = forecast({ parcel, protectionEnd: null, now: NOW, usual: usualTable(history) });
    expect(after.usual).toMatchObject({ basis: 'carrier', median: 10, high: 11, samples: HANDFUL });
    // This carrier's customs usually take 10 to 11 days here: 9 days without a scan is no stall.
    expect(after.stalled).toBe(false);
    expect(after.confidence).toBe('medium');
  });

  it('learns each order once', () => {
    const once = learn(EMPTY_HISTORY, '1', slowCustoms(4));
    expect(learn(once, '1', slowCustoms(4))).toBe(once);
  });

  it('ignores outliers: a stage more than three times the median, or over 90 days', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < 6; i++) history = learn(history, `20000${i}`, slowCustoms(3 + (i % 2)));
    const plain = usualTable(history).of('Cainiao Standard').stages.customs;
    history = learn(history, '300000', slowCustoms(40));
    history = learn(history, '300001', slowCustoms(95));
    const withOutliers = usualTable(history).of('Cainiao Standard').stages.customs;
    expect(withOutliers?.median).toBe(plain?.median);
    expect(withOutliers?.high).toBe(plain?.high);
    expect(history.carriers['cainiao standard']?.customs).not.toContain(95);
  });

  it('property: outliers beyond three times the median never move the median or the high', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 3, noNaN: true }), { minLength: HANDFUL, maxLength: 30 }),
        fc.array(fc.double({ min: 9.01, max: 90, noNaN: true }), { maxLength: 4 }),
        (normal, outliers) => {
          fc.pre(outliers.length < normal.length);
          // Fewer outliers than normal samples: the median of all stays among the normal ones (≤ 3),
          // so every outlier is over three times it.
          expect(usualOf([...normal, ...outliers])).toEqual(usualOf(normal));
        },
      ),
    );
  });

  it('falls back to all carriers for a carrier with too few orders', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < HANDFUL; i++) {
      history = learn(history, `4000${i}`, { ...slowCustoms(6), carrier: `Line ${i}` });
    }
    const parcel = parcelOf(tracking([ev('customs', NOW - DAY)], { carrier: 'New line' }));
    const f = forecast({ parcel, protectionEnd: null, now: NOW, usual: usualTable(history) });
    expect(f.usual).toMatchObject({ basis: 'all-carriers', median: 6, samples: HANDFUL });
  });
});

describe('historyFrom (faces read the stored history without zod)', () => {
  it('keeps plausible day counts under known stages and drops everything else', () => {
    const h = historyFrom({
      carriers: { yunexpress: { customs: [3, -1, 'x', 95, 4], bogus: [1], 'last-mile': 'no' }, bad: 7 },
      learnt: ['1', 2],
    });
    expect(h).toEqual({ carriers: { yunexpress: { customs: [3, 4] } }, learnt: ['1'] });
    for (const junk of [null, 3, 'x', [], { carriers: null }]) {
      expect(() => usualTable(historyFrom(junk)).of('any')).not.toThrow();
    }
  });
});
