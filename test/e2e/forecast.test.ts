/**
 * The delivery forecast in the built extension, in Chromium and Firefox: an order whose parcel has had no scan for
 * 12 days in customs, 10 days before its protection ends, read from its tracking and order pages on
 * the stand-in. The panel and the popup say "at risk" with the message asking the seller to extend
 * protection (tracking number and last scan in it), and one reminder is raised, once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { repoRoot, shiftEnglishDates } from '../standin/server.mjs';
import { BROWSERS, launchBrowser, type TestBrowser, type TestPage } from './browsers';
import { waitFor } from './harness';
import { OVERLAY } from './orders';

const WWW = 'https://www.aliexpress.com';
const ID = '8212313961591599';
const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const fixture = (name: string) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'aliexpress', name), 'utf8');

/** Today + `days` as the English pages write it ("Dec 8, 2026"), in UTC. */
function englishDay(days: number): string {
  const d = new Date(Date.now() + days * DAY);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** The tracking fixture cut after its customs event, moved so that scan was 12 days ago. */
function stalledTrackingBody(protectionEnd: string): string {
  const body = JSON.parse(fixture('tracking.delivered.json'));
  const line = body.data.module.trackingDetailLineList[0];
  const from = line.detailList.findIndex(
    (e: { trackingPrimaryCode: string }) => e.trackingPrimaryCode === 'AE_CC_DONE',
  );
  line.detailList = line.detailList.slice(from);
  const shift = Date.now() - 12 * DAY - line.detailList[0].time;
  for (const e of line.detailList) e.time += shift;
  body.data.module.tradeOrderId = ID;
  body.data.module.fastDeliveryInfoDTO = { fdContentList: [`Refund if no delivery before ${protectionEnd}`] };
  return JSON.stringify(body);
}

/** An awaiting-delivery order page (the project's fixture) as order ID, its protection end in 10 days. */
function inTransitDetailBody(): string {
  const text = fixture('detail.unsafe-id.json').replaceAll('9212313961591322123', ID);
  const days = Math.round((Date.parse(`${englishDay(10)} UTC`) - Date.UTC(2026, 8, 4)) / DAY);
  return shiftEnglishDates(text, days);
}

interface ForecastProbe {
  verdict: string | null;
  text: string;
  message: string;
}

/** The forecast block of a face: its verdict, its words and the message it offers. */
function forecastIn(this: ShadowRoot): ForecastProbe | null {
  const block = this.querySelector('[data-pc="forecast"]');
  if (!block) return null;
  const area = this.querySelector('[data-pc="forecast-message"]') as HTMLTextAreaElement | null;
  return {
    verdict: block.getAttribute('data-verdict'),
    text: block.textContent ?? '',
    message: area?.value ?? '',
  };
}

/**
 * The same for the popup's order view (evaluate sends the function alone: no closures), whose
 * extension message is in its messages section.
 */
function popupForecast(): ForecastProbe | null {
  const block = document.querySelector('[data-pc="forecast"]');
  if (!block) return null;
  const message = document.querySelector('[data-template="tpl-extension"] .template-text');
  return {
    verdict: block.getAttribute('data-verdict'),
    text: block.textContent ?? '',
    message: message?.textContent ?? '',
  };
}

const trackingReadAt = (orders: Record<string, unknown>): number =>
  (orders[ID] as { reads?: { tracking?: { readAt?: number } } } | undefined)?.reads?.tracking?.readAt ?? 0;

describe.each(BROWSERS)('forecast (%s)', (name) => {
  let b: TestBrowser;
  const pages: TestPage[] = [];
  const keep = (test: string) =>
    onTestFailed(async () => {
      await Promise.all(
        pages.map((p, i) => p.screenshot(`failed-forecast-${name}-${test}-${i}`).catch(() => '')),
      );
    });

  beforeAll(async () => {
    b = await launchBrowser(name);
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close().catch(() => {})));
    await b?.dispose();
  });

  it('a stalled parcel near its protection end is at risk on the panel and in the popup, with the extension message, and one reminder', async () => {
    keep('at-risk');
    const options = await b.extensionPage('src/options/index.html');
    pages.push(options);
    // No quiet hours (the defaults hold reminders back at night), set as the options page does.
    await options.evaluate((m) => chrome.runtime.sendMessage(m), {
      type: 'set-prefs',
      prefs: { quietHours: null },
    });

    const end = englishDay(10);
    b.standin.fixtures.tracking.set(ID, { body: stalledTrackingBody(end) });
    b.standin.fixtures.detail.set(ID, { body: inTransitDetailBody() });
    const tracking = await b.newPage();
    pages.push(tracking);
    await tracking.goto(`${WWW}/p/tracking/index.html?tradeOrderId=${ID}`);
    const page = await b.newPage();
    pages.push(page);
    await page.goto(`${WWW}/p/order/detail.html?orderId=${ID}`);

    // The panel: at risk, the stall in words, the message with the tracking number and last scan.
    const panel = await waitFor(
      async () => (await page.inShadow(OVERLAY, forecastIn, 0))[0] ?? null,
      (f) => f?.verdict === 'at-risk' && f.message !== '',
      'the panel to say at risk with the extension message',
    );
    expect(panel?.text).toContain('At risk');
    expect(panel?.text).toContain('No scan for 12 days in customs');
    expect(panel?.text).toContain('Ask the seller to extend protection');
    expect(panel?.message).toContain(ID);
    expect(panel?.message).toContain('Tracking number LP00712345678901: the last scan was on');
    expect(panel?.message).toContain('Cleared customs');
    await page.screenshot(`forecast-panel-${name}`);

    // The popup: the row is marked at risk; its order view says why and offers the same message.
    const popup = await b.extensionPage('src/popup/index.html', { size: { width: 400, height: 600 } });
    pages.push(popup);
    const mark = await waitFor(
      () =>
        popup.evaluate(
          (id) => document.querySelector(`li[data-order-id="${id}"] [data-forecast]`)?.textContent ?? null,
          ID,
        ),
      (m) => m !== null,
      'the at-risk mark on the popup row',
    );
    expect(mark).toBe('At risk');
    await popup.screenshot(`forecast-popup-row-${name}`);
    await popup.evaluate((id) => {
      (document.querySelector(`li[data-order-id="${id}"] .row-button`) as HTMLButtonElement | null)?.click();
    }, ID);
    const view = await waitFor(
      () => popup.evaluate(popupForecast, undefined).catch(() => null),
      (f) => f?.verdict === 'at-risk',
      'the forecast in the order view',
    );
    expect(view?.text).toContain('No scan for 12 days in customs');
    expect(view?.message).toContain('Tracking number LP00712345678901');
    await popup.screenshot(`forecast-popup-order-${name}`);

    // One reminder, raised once: another read of the order does not raise it again.
    const atRisk = <N extends { id: string }>(r: N[]) =>
      r.filter((n) => n.id.includes(`${ID}:protection-end:at-risk`));
    const recent = () =>
      b.inExtension(
        async () =>
          ((await chrome.storage.session.get('recentNotifications')).recentNotifications ?? []) as {
            id: string;
            title: string;
            message: string;
          }[],
        undefined,
      );
    const first = await waitFor(recent, (r) => atRisk(r).length > 0, 'the at-risk reminder');
    expect(atRisk(first)).toHaveLength(1);
    // Alone it is titled "Parcels at risk"; with other reminders due at once, it is one line of
    // the same notice.
    expect(atRisk(first)[0]?.message).toContain(
      'may not arrive before protection ends: ask the seller for more time',
    );
    const before = trackingReadAt(await b.orders());
    await tracking.goto(`${WWW}/p/tracking/index.html?tradeOrderId=${ID}&again=1`);
    await waitFor(
      () => b.orders(),
      (o) => trackingReadAt(o) > before,
      'the second read',
    );
    // Reminders wait for a burst of reads to settle (8 s after the last, src/core/burst.ts): wait
    // past that, then the worker has planned again, and the order's reminder is still the one.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(atRisk(await recent())).toHaveLength(1);
    const ledger = ((await b.storage()).ledger ?? {}) as { reminders?: Record<string, { shownAt?: number }> };
    expect(ledger.reminders?.[`${ID}:protection-end:at-risk`]?.shownAt).toBeTypeOf('number');
  });
});
