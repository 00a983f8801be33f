/**
 * A buyer with 26 orders at every stage of the journey, built only from what the stand-in's pages
 * serve: the order list (fetch), order details (XHR), tracking pages (JSONP) and the refunds page
 * (XHR). Per order: the popup's group, headline (stage), next step and last day; the chip on the
 * list and the panel on the order page show the same step and last day. Screenshots of the popup
 * (list, a dispute's view) and of the panel on a dispute's order page.
 *
 * In a dispute's view, the messages that fit its stage, filled with the order's facts.
 *
 * The first browse's reminders: at most one notification per burst of reads, none repeated, each
 * line with the same last day as the popup (read from the worker's record of what it showed:
 * Chromium's notifications API hands back ids only).
 *
 * "Return agreed", the twelfth stage: no page we read states it, so the buyer says it in a
 * dispute's view, and the order asks for the parcel to be shipped back by its last day.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { parseNotificationId } from '../../src/background/notify';
import { MAX_HOLD_MS } from '../../src/core/burst';
import { API } from '../standin/server.mjs';
import { shadow } from './closed-shadow';
import { type Harness, keepForDocs, keepScreenshots, startHarness, waitFor } from './harness';
import { completedDetailBody, listBody } from './orders';
import { asPopup, axeOverlay, axeSeriousViolations } from './ui-helpers';

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
/** "Dec 4, 2026", `n` days from today (negative: ago), as the English pages state dates. */
const pageDate = (n: number): string => {
  const d = new Date(today + n * DAY);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
};
/**
 * What every face should show for a window the page says closes "before" the date `n` days from
 * today: the day before it, with the year only when not this year.
 */
const lastDay = (n: number): string => {
  const d = new Date(today + (n - 1) * DAY);
  const sameYear = d.getUTCFullYear() === new Date().getUTCFullYear();
  return `last day ${new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(d)}`;
};

interface Expect {
  id: string;
  group: string;
  stage: string;
  step: string;
  /** The popup row's last day, when the test knows it exactly (stated by the page). */
  last?: string;
  /** Words the row's next step must contain. */
  says?: string;
}

let seq = 0;
const nextId = () => `82123139620${String(++seq).padStart(5, '0')}`;

// --- The list page (fetch): orders known only from the list, and the disputes' list entries.
const list: { id: string; status: string; placed: string }[] = [];
const expected: Expect[] = [];
function listOnly(status: string, placedDaysAgo: number, e: Omit<Expect, 'id'>): string {
  const id = nextId();
  list.push({ id, status, placed: pageDate(-placedDaysAgo) });
  expected.push({ id, ...e });
  return id;
}
listOnly('Awaiting payment', 1, { group: 'coming-up', stage: 'awaiting-payment', step: 'none' });
listOnly('Awaiting payment', 2, { group: 'coming-up', stage: 'awaiting-payment', step: 'none' });
// Unshipped: an estimate from the order date, never later than placed + 60 days.
const L3 = listOnly('Awaiting shipment', 3, {
  group: 'coming-up',
  stage: 'awaiting-shipment',
  step: 'wait-for-shipment',
  last: lastDay(57),
  says: 'Buyer Protection starts when the seller ships',
});
listOnly('Awaiting shipment', 5, {
  group: 'coming-up',
  stage: 'awaiting-shipment',
  step: 'wait-for-shipment',
});
listOnly('Awaiting shipment', 10, {
  group: 'coming-up',
  stage: 'awaiting-shipment',
  step: 'wait-for-shipment',
});
listOnly('Awaiting delivery', 20, {
  group: 'coming-up',
  stage: 'in-transit',
  step: 'track-parcel',
  last: lastDay(40),
});
listOnly('Awaiting delivery', 57, {
  group: 'coming-up',
  stage: 'in-transit',
  step: 'ask-extension',
  last: lastDay(3),
});
listOnly('Closed', 40, { group: 'done', stage: 'closed', step: 'none' });
listOnly('Closed', 70, { group: 'done', stage: 'closed', step: 'none' });
listOnly('Dispute finished', 80, { group: 'done', stage: 'dispute-finished', step: 'none' });
listOnly('Completed', 100, { group: 'done', stage: 'completed', step: 'none' });
listOnly('On hold by the seller', 12, { group: 'done', stage: 'unknown', step: 'open-order-page' });

// --- Disputes: on the list, with an open case on the refunds page (XHR).
const cases: { id: string; createdDaysAgo: number }[] = [];
function dispute(createdDaysAgo: number, e: Omit<Expect, 'id' | 'group'>): string {
  const id = nextId();
  list.push({ id, status: 'Awaiting delivery', placed: pageDate(-30) });
  cases.push({ id, createdDaysAgo });
  expected.push({ id, group: 'disputes', ...e });
  return id;
}
const D1 = dispute(1, {
  stage: 'dispute-seller',
  step: 'check-seller-answer',
  says: 'The seller has to answer',
});
const D2 = dispute(5, { stage: 'dispute-escalate', step: 'escalate', says: 'escalate the dispute' });
dispute(20, { stage: 'dispute-platform', step: 'await-platform', says: 'AliExpress is deciding' });
// A "not received" case, and tracking (read later) says delivered yesterday: change the reason.
const D4 = dispute(6, {
  stage: 'dispute-escalate',
  step: 'change-reason',
  says: 'change the dispute reason',
});

// --- Order details (XHR): completed orders, the real capture shifted.
const details: { id: string; completedDaysAgo: number }[] = [];
function completed(completedDaysAgo: number, e: Omit<Expect, 'id'>): string {
  const id = nextId();
  details.push({ id, completedDaysAgo });
  expected.push({ id, ...e });
  return id;
}
completed(2, { group: 'coming-up', stage: 'completed', step: 'request-return', last: lastDay(5) });
completed(6, { group: 'act-now', stage: 'completed', step: 'request-return', last: lastDay(1) });
completed(30, { group: 'coming-up', stage: 'completed', step: 'dispute-if-not-as-described' });
completed(200, { group: 'done', stage: 'completed', step: 'none' });

// --- Tracking pages only (JSONP): what they state counts.
interface Track {
  id: string;
  end: number;
  coupon?: number;
  codes: string[];
  deliveredDaysAgo?: number;
}
const tracks: Track[] = [];
function tracked(t: Omit<Track, 'id'>, e: Omit<Expect, 'id'>): string {
  const id = nextId();
  tracks.push({ id, ...t });
  expected.push({ id, ...e });
  return id;
}
const ON_ITS_WAY = ['AE_ORDER_PLACED', 'AE_ORDER_PAID', 'AE_GWMS_OUTBOUND', 'AE_LH_DEPART'];
tracked(
  // Far enough from its end that the forecast does not call it at risk (that would come first).
  { end: 60, coupon: -5, codes: ON_ITS_WAY },
  { group: 'coming-up', stage: 'in-transit', step: 'claim-coupon', last: lastDay(60), says: '$1.00' },
);
const T2 = tracked(
  // Still at the line haul 4 days before its end: the forecast says at risk, so "act now".
  { end: 4, codes: ON_ITS_WAY },
  { group: 'act-now', stage: 'in-transit', step: 'ask-extension', last: lastDay(4) },
);
tracked(
  { end: 60, codes: ON_ITS_WAY },
  { group: 'coming-up', stage: 'in-transit', step: 'track-parcel', last: lastDay(60) },
);
tracked(
  { end: 15, codes: [...ON_ITS_WAY, 'AE_GTMS_SIGNED'], deliveredDaysAgo: 2 },
  { group: 'coming-up', stage: 'delivered', step: 'check-and-confirm', last: lastDay(15), says: 'Delivered' },
);
tracked(
  { end: 50, codes: ['AE_ORDER_PLACED', 'AE_ORDER_PAID', 'AE_GWMS_ACCEPT'] },
  { group: 'coming-up', stage: 'awaiting-shipment', step: 'wait-for-shipment', last: lastDay(50) },
);
tracked(
  { end: 1, codes: ON_ITS_WAY },
  { group: 'act-now', stage: 'in-transit', step: 'ask-extension', last: lastDay(1) },
);

function trackingBody(t: Pick<Track, 'end' | 'coupon' | 'codes' | 'deliveredDaysAgo'>): string {
  const fd = [{ content: `Refund if no delivery before ${pageDate(t.end)}` }];
  if (t.coupon !== undefined)
    fd.unshift({ content: `Apply for $1.00 coupon code if delayed by ${pageDate(t.coupon)}` });
  const events = t.codes.map((code, i) => ({
    time:
      code === 'AE_GTMS_SIGNED' && t.deliveredDaysAgo !== undefined
        ? today - t.deliveredDaysAgo * DAY + 10 * 3_600_000
        : // Scanned every few hours up to this morning: a parcel moving normally, not at risk.
          Date.now() - (t.codes.length - i) * 6 * 3_600_000,
    trackingName: code,
    trackingDetailDesc: code,
    trackingPrimaryCode: code,
  }));
  return JSON.stringify({
    api: API.tracking,
    data: {
      module: {
        fastDeliveryInfoDTO: { fdContentList: fd },
        trackingDetailLineList: [
          {
            mailNo: 'LP00712345678901',
            logisticsCarrierName: 'Cainiao Standard',
            detailList: events.reverse(),
          },
        ],
      },
    },
    ret: ['SUCCESS::调用成功'],
    v: '1.0',
  });
}

function refundsBody(): string {
  const wall = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 19).replace('T', ' ');
  return JSON.stringify({
    api: API.refunds,
    data: {
      data: {
        list: cases.map((c, i) => ({
          tradeOrderId: c.id,
          tradeOrderLineId: `${c.id}1`,
          reverseOrderLineId: `90000${i}`,
          reverseStatus: 2,
          reverseType: 1,
          gmtCreateFormat: wall(c.createdDaysAgo),
        })),
      },
    },
    ret: ['SUCCESS::调用成功'],
  });
}

let h: Harness;
let browseStart = 0;
let browseEnd = 0;

async function visit(
  url: string,
  until: (s: Record<string, unknown>) => boolean,
  what: string,
): Promise<void> {
  const page = await h.session.context.newPage();
  await page.goto(url);
  await waitFor(() => h.summaries(), until, what, 30_000);
  await page.close();
}

beforeAll(async () => {
  h = await startHarness();
  const f = h.standin.fixtures;
  f.list = [{ body: listBody(list, false) }];
  for (const d of details) f.detail.set(d.id, { body: completedDetailBody(d.id, d.completedDaysAgo) });
  // The dispute D2's order page, for its panel.
  f.detail.set(D2, { body: completedDetailBody(D2, 20) });
  for (const t of tracks) f.tracking.set(t.id, { body: trackingBody(t) });
  f.tracking.set(D4, {
    body: trackingBody({ end: 20, codes: [...ON_ITS_WAY, 'AE_GTMS_SIGNED'], deliveredDaysAgo: 1 }),
  });
  f.refunds = { body: refundsBody() };

  // No quiet hours (the defaults hold reminders back at night), set as the options page does, so
  // the first browse's reminders come whatever the hour.
  const options = await h.extensionPage('src/options/index.html');
  await options.evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'set-prefs',
    prefs: { quietHours: null },
  });
  await options.close();
  browseStart = Date.now();
  const www = 'https://www.aliexpress.com';
  await visit(`${www}/p/order/index.html`, (s) => list.every((o) => o.id in s), 'the list orders');
  await visit(
    `${www}/p/reverse-pages/start.html?via=xhr`,
    (s) => {
      const hasCase = (id: string) =>
        (s[id] as { view?: { facts?: { openCase?: unknown } } } | undefined)?.view?.facts?.openCase !==
        undefined;
      return cases.every((c) => hasCase(c.id));
    },
    'the refund cases',
  );
  for (const d of details)
    await visit(`${www}/p/order/detail.html?orderId=${d.id}&via=xhr`, (s) => d.id in s, `detail ${d.id}`);
  for (const t of [...tracks.map((x) => x.id), D4])
    await visit(
      `${www}/p/tracking/index.html?tradeOrderId=${t}&via=jsonp`,
      (s) => {
        const v = (s[t] as { view?: { facts?: { status?: string; deliveredAt?: unknown } } } | undefined)
          ?.view;
        return v?.facts?.status !== undefined || v?.facts?.deliveredAt !== undefined;
      },
      `tracking ${t}`,
    );
  browseEnd = Date.now();
}, 240_000);
afterAll(async () => {
  await h?.dispose();
});

interface RowFacts {
  id: string | null;
  group: string | null;
  stage: string | null;
  step: string | null;
  headline: string;
  stepText: string;
  last: string;
}

async function popupRows(popup: Page): Promise<Map<string, RowFacts>> {
  // Every group shows all its rows first ("Show more" until none is left).
  while ((await popup.locator('button.more').count()) > 0) await popup.locator('button.more').first().click();
  const rows = await popup.locator('li.row').evaluateAll((els) =>
    els.map((li) => ({
      id: li.getAttribute('data-order-id'),
      group: li.getAttribute('data-group'),
      stage: li.getAttribute('data-stage'),
      step: li.getAttribute('data-step'),
      headline: li.querySelector('.row-stage')?.textContent ?? '',
      stepText: li.querySelector('.row-step')?.textContent ?? '',
      last: li.querySelector('.row-last-day')?.textContent ?? '',
    })),
  );
  return new Map(rows.map((r) => [r.id ?? '', r]));
}

const HEADLINE: Record<string, string> = {
  'awaiting-payment': 'Awaiting payment',
  'awaiting-shipment': 'Awaiting shipment',
  'in-transit': 'On its way',
  delivered: 'Delivered, not confirmed yet',
  completed: 'Completed',
  'dispute-seller': 'Dispute open: waiting for the seller',
  'dispute-escalate': 'Dispute open: you can escalate',
  'dispute-platform': 'Dispute open: with AliExpress',
  'dispute-finished': 'Dispute finished',
  closed: 'Closed',
  unknown: 'Status unknown',
};

describe('the journey of 26 orders, from the pages alone', () => {
  it('gives every order its group, headline, next step and last day in the popup', async () => {
    onTestFailed(() => keepScreenshots(h, 'journey-popup'));
    expect(expected.length).toBeGreaterThanOrEqual(25);
    expect(new Set(expected.map((e) => e.stage)).size).toBe(11);
    const popup = await asPopup(await h.openPopup());
    // Disputes first: an open case is never "done".
    await expect(popup.locator('section.group').first().getAttribute('data-group')).resolves.toBe('disputes');
    const rows = await popupRows(popup);
    for (const e of expected) {
      const row = rows.get(e.id);
      expect(row, e.id).toBeDefined();
      expect({ id: e.id, group: row?.group, stage: row?.stage, step: row?.step }).toEqual({
        id: e.id,
        group: e.group,
        stage: e.stage,
        step: e.step,
      });
      expect(row?.headline, e.id).toBe(HEADLINE[e.stage]);
      if (e.last !== undefined) expect(row?.last, e.id).toBe(e.last);
      else if (row?.last) expect(row.last, e.id).toMatch(/^last day \w+, \w+ \d+(, \d{4})?$/);
      if (e.says !== undefined) expect(row?.stepText, e.id).toContain(e.says);
    }
    // No step ever advises a dispute before shipment; no "extend" once delivered.
    for (const e of expected) {
      const text = rows.get(e.id)?.stepText ?? '';
      if (e.stage === 'awaiting-shipment' || e.stage === 'awaiting-payment')
        expect(text).not.toMatch(/dispute/i);
    }
    expect(await axeSeriousViolations(popup)).toEqual([]);
    await popup.evaluate(() => window.scrollTo(0, 0));
    keepForDocs(await h.screenshot(popup, 'popup-light'), 'popup-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    keepForDocs(await h.screenshot(popup, 'popup-dark'), 'popup-dark');
    await popup.emulateMedia({ colorScheme: 'light' });

    // A dispute's view: the case's dates and the messages that fit it.
    await popup.locator(`li[data-order-id="${D2}"] .row-button`).click();
    const block = popup.locator('section.journey');
    await block.waitFor();
    await expect(block.getAttribute('data-step')).resolves.toBe('escalate');
    const facts = (await block.textContent()) ?? '';
    expect(facts).toContain('Opened on');
    expect(facts).toMatch(/Escalation: last day \w+, \w+ \d+/);
    expect(facts).toMatch(/Goes to AliExpress by itself on \w+, \w+ \d+/);
    // The messages that fit a case where the buyer can escalate, filled with the order's facts.
    const templates = await popup
      .locator('[data-template]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-template'), e.textContent ?? '']));
    expect(templates.map(([id]) => id)).toEqual([
      'tpl-escalation-statement',
      'tpl-decline-partial-refund',
      'tpl-decline-return-at-own-cost',
    ]);
    for (const [, text] of templates) {
      expect(text).toContain(`Order: ${D2}`);
      expect(text).toContain('Store: IS Official Store');
      expect(text).toMatch(/Placed on: \w+ \d+, \d{4}/);
      expect(text).not.toMatch(/\$\d/);
    }
    expect(await axeSeriousViolations(popup)).toEqual([]);
    keepForDocs(await h.screenshot(popup, 'popup-dispute'), 'popup-dispute');
    await popup.close();
  });

  it('shows the same step and last day on the list chip and on the order panel', async () => {
    onTestFailed(() => keepScreenshots(h, 'journey-faces'));
    const popup = await asPopup(await h.openPopup());
    const rows = await popupRows(popup);
    await popup.close();

    const page = await h.session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('https://www.aliexpress.com/p/order/index.html');
    const chipTitle = (id: string) =>
      waitFor(
        () =>
          page.evaluate(
            (oid) =>
              (document.querySelector(`[data-order-id="${oid}"] pc-chip`) as HTMLElement | null)?.title ?? '',
            id,
          ),
        (t) => t !== '',
        `the chip of ${id}`,
      );
    // The estimated end of a list-only order, and a dispute with no money window: never "nothing open".
    expect(await chipTitle(L3)).toContain(rows.get(L3)?.last ?? '?');
    expect(await chipTitle(D2)).toContain(rows.get(D2)?.last ?? '?');
    expect(await chipTitle(D2)).toContain('escalate');
    // Every order on the list: its chip says the popup's last day, or no day when the popup has none.
    for (const { id } of list) {
      const last = rows.get(id)?.last ?? '';
      const title = await chipTitle(id);
      if (last) expect(title, id).toContain(last);
      else expect(title, id).not.toMatch(/last day/);
    }

    // Every order with an order page: its panel says the popup's next step and last day.
    for (const id of [...details.map((d) => d.id), D2]) {
      await page.goto(`https://www.aliexpress.com/p/order/detail.html?orderId=${id}`);
      await shadow(page, 'protection-clock-overlay [data-pc="order"]').waitFor();
      const next = shadow(page, 'protection-clock-overlay [data-pc="next"]');
      if (rows.get(id)?.step === 'none') {
        // Nothing left to do: the panel says so, as the popup does.
        await shadow(page, 'protection-clock-overlay [data-pc="none"]').waitFor();
        expect(await next.count(), id).toBe(0);
        continue;
      }
      await next.waitFor();
      await expect(next.getAttribute('data-step')).resolves.toBe(rows.get(id)?.step);
      const lastDay = shadow(page, 'protection-clock-overlay [data-pc="last-day"]');
      const rowLast = rows.get(id)?.last ?? '';
      if (rowLast) expect(((await lastDay.textContent()) ?? '').startsWith(rowLast), id).toBe(true);
      else expect(await lastDay.count(), id).toBe(0);
      if (id === D2) {
        // The panel for a dispute: no serious or critical axe violation.
        expect(await axeOverlay(page, 'protection-clock-overlay')).toEqual([]);
        keepForDocs(await h.screenshot(page, 'overlay'), 'overlay');
      }
    }
    await page.close();
  });

  it('gathers the first browse’s reminders: one notification per burst, each line with its last day', async () => {
    const worker = await h.worker();
    const shown = await waitFor(
      () =>
        worker.evaluate(
          async () =>
            ((await chrome.storage.session.get('recentNotifications')).recentNotifications ?? []) as {
              id: string;
              title: string;
              message: string;
              at: number;
            }[],
        ),
      (r) => r.length > 0,
      'the first browse’s notification',
      60_000,
    );
    // A burst ends 8 s after its last read and at most a minute after its first.
    expect(shown.length).toBeLessThanOrEqual(Math.ceil((browseEnd - browseStart) / MAX_HOLD_MS) + 1);
    const reminders = shown.flatMap((n) => parseNotificationId(n.id)?.reminderIds ?? []);
    expect(new Set(reminders).size, 'a reminder shown twice').toBe(reminders.length);
    const summaries = await h.summaries();
    const closesOf = (reminderId: string): number | null => {
      const [orderId = '', kind = ''] = reminderId.split(':');
      const s = summaries[orderId] as { windows?: { kind: string; closesAt: number | null }[] } | undefined;
      return s?.windows?.find((w) => w.kind === kind)?.closesAt ?? null;
    };
    let checked = 0;
    for (const n of shown) {
      const ids = parseNotificationId(n.id)?.reminderIds ?? [];
      if (ids.length === 1) {
        expect(n.title).not.toMatch(/deadlines need you/);
        continue;
      }
      expect(n.title).toBe(`${ids.length} AliExpress deadlines need you`);
      // The lines are in the id's order (most urgent first); six at most, then "…".
      const lines = n.message.split('\n');
      for (const [i, id] of ids.slice(0, 6).entries()) {
        const closesAt = closesOf(id);
        if (closesAt === null) continue;
        // Windows close at midnight in the browser's zone (UTC here): the last day is the day before.
        const day = new Date(closesAt - 1);
        const sameYear = day.getUTCFullYear() === new Date().getUTCFullYear();
        const text = new Intl.DateTimeFormat('en-US', {
          timeZone: 'UTC',
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          ...(sameYear ? {} : { year: 'numeric' }),
        }).format(day);
        expect(lines[i], id).toMatch(new RegExp(`\\(last day ${text}\\)$`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('moves a dispute to "ship it back" when the buyer says the seller agreed to a return, and back', async () => {
    onTestFailed(() => keepScreenshots(h, 'journey-return-agreed'));
    const popup = await asPopup(await h.openPopup());
    const row = () => popupRows(popup).then((rows) => rows.get(D1));
    await popup.locator(`li[data-order-id="${D1}"] .row-button`).click();
    const block = popup.locator('section.journey');
    await expect(block.getAttribute('data-stage')).resolves.toBe('dispute-seller');
    // No page states the case's reason: once the buyer picks one for the checklist, it is shown as theirs.
    await expect(block.locator('[data-case="reason"]').count()).resolves.toBe(0);
    await popup.locator('button.reason[data-reason="not-as-described"]').click();
    await waitFor(
      () => block.locator('[data-case="reason"]').textContent(),
      (s) => s === 'Your reason (from your checklist): Not as described',
      'the reason in the case facts',
    );
    await popup.locator('#mark-return-agreed').click();
    await waitFor(
      () => block.getAttribute('data-stage'),
      (s) => s === 'return-agreed',
      'the new stage',
    );
    await expect(block.getAttribute('data-step')).resolves.toBe('ship-return');
    // Agreed today: ten days to ship it back, so the last day is nine days from today.
    expect(await popup.locator('.journey-deadline').textContent()).toContain(lastDay(10));
    expect(await block.locator('[data-case="return-agreed"]').textContent()).toMatch(
      /^Return agreed on \w+, \w+ \d+(, \d{4})? \(as you told us\)$/,
    );
    expect(await axeSeriousViolations(popup)).toEqual([]);
    await popup.locator('.back').first().click();
    const agreed = await row();
    expect({ group: agreed?.group, stage: agreed?.stage, step: agreed?.step, last: agreed?.last }).toEqual({
      group: 'disputes',
      stage: 'return-agreed',
      step: 'ship-return',
      last: lastDay(10),
    });
    // With it, the pages and the buyer's word have shown every stage of the journey.
    expect(new Set([...expected.map((e) => e.stage), agreed?.stage]).size).toBe(12);

    // Taken back: the case is waiting for the seller again.
    await popup.locator(`li[data-order-id="${D1}"] .row-button`).click();
    await popup.locator('#unmark-return-agreed').click();
    await waitFor(
      () => block.getAttribute('data-stage'),
      (s) => s === 'dispute-seller',
      'the stage restored',
    );
    await popup.close();
  });

  it('gives an order known only from its tracking page its tab badge, from what that page states', async () => {
    const page = await h.session.context.newPage();
    await page.goto(`https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${T2}&via=jsonp`);
    // The newest tab is this page (tab ids grow); the worker sees ids without the tabs permission.
    const worker = await h.worker();
    const tabId = await worker.evaluate(async () =>
      Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? -1)),
    );
    // "Refund if no delivery before" 4 days from today: 3 to 4 days left, on this order's tab.
    const badge = await waitFor(
      () => h.badge(tabId),
      (b) => b.title.includes(T2),
      'the tracking tab badge',
    );
    expect(badge.text).toMatch(/^[34]d$/);
    expect(badge.title).toContain(lastDay(4));
    await page.close();
  });
});
