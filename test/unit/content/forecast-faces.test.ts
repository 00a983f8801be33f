// @vitest-environment happy-dom
/**
 * The forecast on the faces, from the same summary: the chip's mark, the popup row's group and mark,
 * and the buyer's own history changing the verdict on every face alike.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { chipText } from '../../../src/content/chips/chips';
import { Panel } from '../../../src/content/overlay/Panel';
import { EMPTY_HISTORY, learn, usualTable } from '../../../src/core/forecast';
import { emptyLedger } from '../../../src/core/ledger';
import type { StoredOrder } from '../../../src/core/model';
import { addDays, civilDateOf, DAY_MS } from '../../../src/core/time';
import { popupModel } from '../../../src/popup/model';
import { ForecastMark } from '../../../src/ui/forecast-mark';
import { snap, stored } from '../core/helpers';
import { summaryOf, tEn } from './helpers';

const NOW = Date.parse('2026-08-10T12:00:00Z');
const TZ = 'UTC';
const fmt = { now: NOW, timeZone: TZ, lang: 'en' };

/** In customs since `daysAgo` with no scan since, protection ending `endIn` days from now. */
function inCustoms(id: string, daysAgo: number, endIn: number): StoredOrder {
  return stored(
    snap('detail', NOW - DAY_MS, {
      orderId: id,
      status: 'awaiting-delivery',
      placedOn: '2026-07-01',
      shippedOn: '2026-07-02',
      stated: { protectionEnd: addDays(civilDateOf(NOW, TZ), endIn) },
    }),
    snap('tracking', NOW - DAY_MS, {
      orderId: id,
      tracking: {
        carrier: 'YunExpress',
        mailNo: 'YT1',
        delivered: false,
        events: [{ at: NOW - daysAgo * DAY_MS, stage: 'customs', code: 'AE_CC_IM_START' }],
      },
    }),
  );
}

/** Five delivered YunExpress parcels whose customs took 14 days. */
const slowCustoms = [0, 1, 2, 3, 4].reduce(
  (h, i) =>
    learn(h, `90000000000000${i}`, {
      carrier: 'YunExpress',
      delivered: true,
      events: [
        { at: NOW - 40 * DAY_MS, stage: 'customs' },
        { at: NOW - 26 * DAY_MS, stage: 'last-mile' },
        { at: NOW - 24 * DAY_MS, stage: 'delivered' },
      ],
    }),
  EMPTY_HISTORY,
);

describe('the forecast on the faces', () => {
  it('a stalled parcel near its end: the chip says at risk, the popup row is in "act now" with the mark', () => {
    const summary = summaryOf(inCustoms('8000000000000001', 12, 10), NOW);
    const chip = chipText(summary, tEn, fmt);
    expect(chip.forecast).toBe('at-risk');
    expect(chip.mark).toBe('At risk');
    expect(chip.label).toMatch(/^At risk\. /);

    const row = popupModel([summary], emptyLedger(), NOW).byId.get('8000000000000001');
    expect(row?.group).toBe('act-now');
    expect(row?.journey.step).toBe('ask-extension');
    const host = document.createElement('div');
    render(h(ForecastMark, { forecast: row?.journey.forecast, t: tEn }), host);
    expect(host.textContent).toBe('At risk');
  });

  it('the panel\'s "extend protection" message names the last day, not the date protection ends on', () => {
    // Protection ends at the start of Aug 20 (stated "before Aug 20"): the last day to act is Aug 19.
    const summary = summaryOf(inCustoms('8000000000000003', 12, 10), NOW);
    const host = document.createElement('div');
    render(
      h(Panel, {
        t: tEn,
        fmt,
        health: { state: 'ok' },
        collapsed: false,
        onToggle: () => {},
        orderId: summary.orderId,
        summary,
      }),
      host,
    );
    const message = host.querySelector<HTMLTextAreaElement>('[data-pc="forecast-message"]');
    expect(message?.value).toContain('last day Wed, Aug 19');
    expect(message?.value).not.toContain('Aug 20');
    render(null, host);
  });

  it('with weeks to spare, a stall is marked "Stalled" and the order is not at risk', () => {
    const summary = summaryOf(inCustoms('8000000000000002', 12, 60), NOW);
    const chip = chipText(summary, tEn, fmt);
    expect(chip.mark).toBe('Stalled');
    expect(popupModel([summary], emptyLedger(), NOW).byId.get('8000000000000002')?.journey.step).toBe(
      'track-parcel',
    );
  });

  it("the buyer's history (customs usually 14 days with this carrier) clears the stall on every face", () => {
    const summary = summaryOf(inCustoms('8000000000000003', 12, 60), NOW);
    const usual = usualTable(slowCustoms);
    expect(chipText(summary, tEn, fmt, usual).mark).toBeUndefined();
    const row = popupModel([summary], emptyLedger(), NOW, usual).byId.get('8000000000000003');
    expect(row?.journey.forecast?.stalled).toBe(false);
    const host = document.createElement('div');
    render(h(ForecastMark, { forecast: row?.journey.forecast, t: tEn }), host);
    expect(host.textContent).toBe('');
  });
});
