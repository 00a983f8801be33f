/**
 * The forecast from tracking pages as the reader gets them: the tracking fixture (shaped after the
 * capture notes) with its events moved in time, read by the production reader, then forecast.
 */
import { describe, expect, it } from 'vitest';
import { readTracking } from '../../../src/aliexpress/read-tracking';
import { forecast, parcelOf } from '../../../src/core/forecast';
import { FORECAST_TEXT_EN, forecastReasons, stepText } from '../../../src/core/forecast-text';
import { translatorFrom } from '../../../src/core/i18n';
import { startOfDay } from '../../../src/core/time';
import { ownJson } from './fixtures';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 7, 25, 12);
const URL = 'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322';
const t = translatorFrom(FORECAST_TEXT_EN);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

type Raw = { time: number; trackingPrimaryCode: string; trackingDetailDesc: string; [k: string]: unknown };
interface Body {
  data: { module: { trackingDetailLineList: { detailList: Raw[] }[]; [k: string]: unknown } };
}

/**
 * The delivered fixture cut after the event `upTo` (newest first, as the page lists them), its
 * times moved so that event happened `ageDays` before now; the gaps between events are kept.
 */
function scenario(upTo: string, ageDays: number, protectionEnd: string, extra: Record<string, unknown> = {}) {
  const body = structuredClone(ownJson('tracking.delivered.json')) as Body;
  const line = body.data.module.trackingDetailLineList[0];
  if (!line) throw new Error('fixture has no line');
  const from = line.detailList.findIndex((e) => e.trackingPrimaryCode === upTo);
  const kept = line.detailList.slice(from);
  const shift = NOW - ageDays * DAY - (kept[0]?.time ?? 0);
  for (const e of kept) e.time += shift;
  line.detailList = kept;
  body.data.module.fastDeliveryInfoDTO = { fdContentList: [`Refund if no delivery before ${protectionEnd}`] };
  Object.assign(body.data.module, extra);
  const snapshot = readTracking(body, { readAt: NOW, pageUrl: URL }).snapshots[0];
  if (!snapshot?.tracking || !snapshot.stated?.protectionEnd) throw new Error('nothing read');
  const end = startOfDay(snapshot.stated.protectionEnd, 'UTC');
  return {
    snapshot,
    end,
    f: forecast({ parcel: parcelOf(snapshot.tracking), protectionEnd: end, now: NOW }),
  };
}

describe('forecast from tracking pages, events moved in time', () => {
  it('fresh: just paid, on track', () => {
    const { f } = scenario('AE_ORDER_PAID', 0.5, 'Oct 20, 2026');
    expect(f).toMatchObject({ verdict: 'on-track', stage: 'ordered', stalled: false });
    expect(f.step).toBeUndefined();
  });

  it('moving: left the country yesterday, on track', () => {
    const { f } = scenario('AE_LH_DEPART', 1, 'Oct 20, 2026');
    expect(f).toMatchObject({ verdict: 'on-track', stage: 'line-haul', stalled: false });
    expect(forecastReasons(f, t, isoDay)[0]).toBe(
      `Last scan ${isoDay(NOW - DAY)}, in international transit (usually at most 12 days there).`,
    );
  });

  it('stalled in customs with the protection end near: at risk, ask the seller to extend', () => {
    const { f, end } = scenario('AE_CC_DONE', 12, 'Sep 5, 2026');
    expect(f).toMatchObject({ verdict: 'at-risk', stage: 'customs', stalled: true, step: 'ask-extension' });
    expect(forecastReasons(f, t, isoDay)[0]).toBe(
      'No scan for 12 days in customs; usually at most 8 days there.',
    );
    expect(stepText(f, t, isoDay)).toBe(`Ask the seller to extend protection, by ${isoDay(end - 7 * DAY)}`);
  });

  it('stalled in customs far from the end: late, inside protection', () => {
    const { f } = scenario('AE_CC_DONE', 12, 'Nov 30, 2026');
    expect(f).toMatchObject({ verdict: 'late', stalled: true });
    expect(f.step).toBeUndefined();
  });

  it('stalled at the last mile two days before the end: open a dispute before the end', () => {
    const { f, end } = scenario('AE_LAST_MILE_OUT', 11, 'Aug 27, 2026');
    expect(f).toMatchObject({ verdict: 'at-risk', stage: 'last-mile', stalled: true, step: 'open-dispute' });
    expect(f.stepBy).toBe(end);
    expect(forecastReasons(f, t, isoDay)[0]).toBe(
      'No scan for 11 days in local delivery; usually at most 10 days there.',
    );
  });

  it('delivered: no advice', () => {
    const { f } = scenario('AE_GTMS_SIGNED', 2, 'Sep 5, 2026');
    expect(f.verdict).toBe('delivered');
    expect(f.step).toBeUndefined();
  });

  it("reads AliExpress's own estimate (etaInfo) and takes it as the likely end", () => {
    const begin = NOW + 3 * DAY;
    const endEta = NOW + 6 * DAY;
    const { snapshot, f } = scenario('AE_LH_DEPART', 1, 'Oct 20, 2026', {
      etaInfo: { beginEtaTime: begin, endEtaTime: endEta, etaTimeText: 'Aug 28 - 31' },
    });
    expect(snapshot.tracking?.eta).toEqual({ begin, end: endEta });
    expect(f.window).toMatchObject({ early: begin, likely: endEta });
    expect(f.confidence).toBe('medium');
  });

  it('an unknown code is placed by its text', () => {
    const body = structuredClone(ownJson('tracking.delivered.json')) as Body;
    const line = body.data.module.trackingDetailLineList[0];
    if (!line) throw new Error('fixture has no line');
    line.detailList = line.detailList.slice(2);
    const first = line.detailList[0];
    if (first) {
      first.trackingPrimaryCode = 'AE_NEW_HOLD';
      first.trackingSecondCode = 'AE_NEW_HOLD_1';
      first.trackingDetailDesc = 'Held at customs for inspection';
    }
    const tracking = readTracking(body, { readAt: NOW, pageUrl: URL }).snapshots[0]?.tracking;
    expect(tracking?.events[0]).toMatchObject({ code: 'AE_NEW_HOLD', stage: 'customs' });
  });
});
