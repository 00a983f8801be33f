// @vitest-environment happy-dom
/**
 * Stage × face: for an order at every stage of the journey (the journey table's cases), every face
 * shows the same stage, next step and last day, because each takes them from `journey`: the popup
 * row, the chip on the list, the panel on the order page, the CSV and the .ics export.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { chipText } from '../../../src/content/chips/chips';
import { Panel } from '../../../src/content/overlay/Panel';
import { deadlinesIcs, ordersCsv } from '../../../src/core/export';
import { journey } from '../../../src/core/journey';
import { buildLadder } from '../../../src/core/ladder';
import { formatLastDay, lastDayOf } from '../../../src/core/last-day';
import { emptyLedger } from '../../../src/core/ledger';
import { OrderSummary, summarize, toStored } from '../../../src/core/summary';
import { z } from '../../../src/core/z';
import { popupModel } from '../../../src/popup/model';
import { OrderList } from '../../../src/popup/OrderList';
import { uiLanguage } from '../../../src/ui/i18n';
import { localZone, stepText } from '../../../src/ui/journey-text';
import { tEn } from '../content/helpers';
import { NOW, rows, TZ } from '../core/journey-cases';
import { englishRoot } from './dom';

// The handled-window case is the popup's and the exports' (the page faces show no ledger).
const cases = rows.filter((r) => r.handled === undefined);

const root = englishRoot();

describe('stage × face', () => {
  it.each(cases)('$stage: $name', (row) => {
    const now = row.now ?? NOW;
    const summary = z.parse(
      OrderSummary,
      toStored(summarize(buildLadder(row.order, { now, timeZone: TZ }), { now, timeZone: TZ })),
    );
    const j = journey(summary, now);
    expect([j.stage, j.step, j.group]).toEqual([row.stage, row.step, row.group]);
    const closes = j.deadline?.closesAt ?? null;
    const fmt = { now, timeZone: TZ, lang: 'en' };
    const last = closes === null ? undefined : formatLastDay(closes, fmt, tEn);

    // Popup row (shown in the browser's own zone and language).
    const model = popupModel([summary], emptyLedger(), now);
    render(h(OrderList, { model, now, onOpen: () => {} }), root());
    const li = root().querySelector('li.row') as HTMLElement;
    expect(li.closest('section')?.getAttribute('data-group')).toBe(row.group);
    expect([li.dataset.stage, li.dataset.step]).toEqual([row.stage, row.step]);
    const rowLast = li.querySelector('.row-last-day')?.textContent ?? undefined;
    expect(rowLast).toBe(
      closes === null
        ? undefined
        : formatLastDay(closes, { now, timeZone: localZone(), lang: uiLanguage() }, tEn),
    );
    if (row.step !== 'none') expect(li.querySelector('.row-step')?.textContent).toBe(stepText(j, tEn));
    render(null, root());

    // Chip on the order list.
    const chip = chipText(summary, tEn, fmt);
    if (last !== undefined) {
      expect(chip.label).toContain(stepText(j, tEn));
      expect(chip.label).toContain(last);
    } else if (row.step === 'none') expect(chip.level).toBe('none');
    else expect(chip.label).toContain(stepText(j, tEn));

    // Panel on the order page.
    render(
      h(Panel, {
        t: tEn,
        fmt,
        orderId: summary.orderId,
        summary,
        health: { state: 'ok' },
        collapsed: false,
        onToggle: () => {},
      }),
      root(),
    );
    const next = root().querySelector('[data-pc="next"]') as HTMLElement | null;
    if (row.step === 'none') expect(next).toBeNull();
    else {
      expect([next?.dataset.stage, next?.dataset.step]).toEqual([row.stage, row.step]);
      const panelLast = root().querySelector('[data-pc="last-day"]')?.textContent ?? undefined;
      if (last === undefined) expect(panelLast).toBeUndefined();
      else expect(panelLast?.startsWith(`${last} · `)).toBe(true);
    }

    // CSV: every row names the stage and step; the deadline's row is marked, with its last day.
    const csv = ordersCsv([summary], { now, timeZone: TZ }).trimEnd().split('\r\n').slice(1);
    for (const line of csv) expect(line).toContain(`,${row.stage},${row.step},`);
    const marked = csv.filter((line) => /,yes,\d{4}-\d\d-\d\d$/.test(line));
    if (closes === null) expect(marked).toEqual([]);
    else expect(marked).toEqual([expect.stringMatching(new RegExp(`,yes,${lastDayOf(closes, TZ).date}$`))]);

    // .ics: the deadline is an all-day event on its last day.
    if (closes !== null) {
      const ics = deadlinesIcs([summary], { now, t: tEn, timeZone: TZ });
      expect(ics).toContain(`DTSTART;VALUE=DATE:${lastDayOf(closes, TZ).date.replaceAll('-', '')}`);
    }
  });
});
