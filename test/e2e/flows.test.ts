/**
 * The flows a buyer depends on, written once and run in real Chromium and real Firefox
 * (browsers.ts): the extension installs and its background starts; the four order APIs are read
 * whichever way the page calls them (fetch, XHR, JSONP); the chips come on every load of the list
 * and on cards added later; the panel; the popup; the badge; the options page's backup; a reminder
 * reaches the notifications API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { repoRoot } from '../standin/server.mjs';
import { BROWSERS, launchBrowser, type TestBrowser, type TestPage } from './browsers';
import { keepForDocs, waitFor } from './harness';
import {
  cardChips,
  chipOnEachCard,
  completedDetailBody,
  daysAgo,
  listBody,
  OVERLAY,
  overlayFace,
  pagePoint,
} from './orders';

const WWW = 'https://www.aliexpress.com';
const STORE_SIZE = { width: 1280, height: 800 };
const LIST_URL = `${WWW}/p/order/index.html`;
const detailUrl = (id: string, via = 'fetch') => `${WWW}/p/order/detail.html?orderId=${id}&via=${via}`;
const fixture = (name: string) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'aliexpress', name), 'utf8');

type Reads = { reads?: Record<string, unknown> };
const readsOf = (orders: Record<string, unknown>, id: string) =>
  Object.keys((orders[id] as Reads | undefined)?.reads ?? {});

describe.each(BROWSERS)('%s', (name) => {
  let b: TestBrowser;
  const pages: TestPage[] = [];
  const open = async (url: string) => {
    // The stores' screenshot size, so that the Chromium run's screenshots are the store's.
    const page = await b.newPage({ size: STORE_SIZE });
    pages.push(page);
    await page.goto(url);
    return page;
  };
  /** Keeps a screenshot of every page still open when a test fails. */
  const keep = (test: string) =>
    onTestFailed(async () => {
      await Promise.all(pages.map((p, i) => p.screenshot(`failed-${name}-${test}-${i}`).catch(() => '')));
    });
  const closeAll = async () => {
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => {})));
  };

  beforeAll(async () => {
    b = await launchBrowser(name);
  });
  afterAll(async () => {
    await b?.dispose();
  });

  it('installs, and its background starts and prepares the store', async () => {
    const manifest = await b.inExtension(() => chrome.runtime.getManifest(), undefined);
    expect(manifest.manifest_version).toBe(3);
    // The install handler ran: the store's schema version is written, and one alarm is planned
    // (or none when nothing is due: the list is empty).
    const storage = await waitFor(
      () => b.storage(),
      (s) => s.meta !== undefined,
      'the background to prepare the store',
    );
    expect((storage.meta as { schemaVersion?: number }).schemaVersion).toBeGreaterThan(0);
  });

  it('reads detail bodies by fetch, XHR and JSONP, the list by XHR, tracking by JSONP and refunds', async () => {
    keep('reading');
    const vias = { fetch: '8212313961591501', xhr: '8212313961591502', jsonp: '8212313961591503' };
    for (const [via, id] of Object.entries(vias)) {
      b.standin.fixtures.detail.set(id, { body: completedDetailBody(id, 30) });
      await open(detailUrl(id, via));
    }
    await waitFor(
      () => b.orders(),
      (o) => Object.values(vias).every((id) => readsOf(o, id).includes('detail')),
      'a detail read by each transport',
    );

    const listed = '8212313961591504';
    b.standin.fixtures.list = [
      { body: listBody([{ id: listed, status: 'Awaiting delivery', placed: daysAgo(12) }], false) },
    ];
    await open(`${LIST_URL}?via=xhr`);
    b.standin.fixtures.tracking.set(listed, { body: fixture('tracking.in-transit.json') });
    await open(`${WWW}/p/tracking/index.html?tradeOrderId=${listed}&via=jsonp`);
    b.standin.fixtures.refunds = { body: fixture('refunds.json') };
    await open(`${WWW}/p/reverse-pages/start.html`);
    const orders = await waitFor(
      () => b.orders(),
      (o) =>
        readsOf(o, listed).includes('list') &&
        readsOf(o, listed).includes('tracking') &&
        readsOf(o, '3048963030691559').includes('refunds'),
      'the list, tracking and refunds reads',
    );
    expect(readsOf(orders, listed).sort()).toEqual(['list', 'tracking']);
    await closeAll();
  });

  it('puts a chip on every card on every load of the list, and on cards added later', async () => {
    keep('chips');
    const first = [
      { id: '8100000000000001', status: 'Awaiting delivery', placed: daysAgo(10) },
      { id: '8100000000000002', status: 'Awaiting delivery', placed: daysAgo(57) },
      { id: '8100000000000003', status: 'Completed', placed: daysAgo(300) },
    ];
    const second = [{ id: '8100000000000004', status: 'Awaiting delivery', placed: daysAgo(55) }];
    b.standin.fixtures.list = [{ body: listBody(first, true) }, { body: listBody(second, false) }];
    // Chips came on only some loads in Firefox: every one of several loads must have them all.
    for (let load = 1; load <= 4; load++) {
      const page = await open(LIST_URL);
      const rows = await waitFor(
        () => page.evaluate(cardChips, undefined),
        chipOnEachCard(3),
        `a chip on each of the three cards (load ${load})`,
      );
      expect(rows.find((r) => r.card === '8100000000000002')?.levels[0]).toMatch(/urgent|soon/);
      expect(rows.find((r) => r.card === '8100000000000003')?.levels[0]).toBe('none');
      if (load === 4) {
        // "View orders" appends cards after the first scan: they get their chip too.
        const button = await page.evaluate(pagePoint, '#view-more');
        if (!button) throw new Error('no "View orders" button');
        await page.clickAt(button.x, button.y);
        await waitFor(
          () => page.evaluate(cardChips, undefined),
          chipOnEachCard(4),
          'a chip on the card added by "View orders"',
        );
        const shot = await page.screenshot(`${name}-list-chips`);
        if (name === 'chromium') keepForDocs(shot, 'store-list');
      }
      await page.close();
      pages.splice(pages.indexOf(page), 1);
    }
  });

  it('shows the panel on an order page, and the popup lists the order', async () => {
    keep('panel');
    const id = '8212313961591505';
    b.standin.fixtures.detail.set(id, { body: completedDetailBody(id, 2) });
    const page = await open(detailUrl(id));
    const face = await waitFor(
      async () => (await page.inShadow(OVERLAY, overlayFace, ['order', 'next']))[0],
      (f) => f?.face === 'panel' && (f.texts.next ?? '') !== '',
      'the panel with what closes next',
    );
    expect(face?.texts.order).toContain(id);
    // The journey's next step and its last day, never the first instant after it.
    expect(face?.texts.next).toContain('request a return or refund');
    expect(face?.texts.next).toMatch(/last day \w+, \w+ \d+/);
    const shot = await page.screenshot(`${name}-panel`);
    if (name === 'chromium') keepForDocs(shot, 'store-panel');

    const popup = await b.extensionPage('src/popup/index.html', { size: { width: 400, height: 600 } });
    pages.push(popup);
    const rows = await waitFor(
      () =>
        popup.evaluate(
          () =>
            [...document.querySelectorAll('li[data-order-id]')].map((li) => li.getAttribute('data-order-id')),
          undefined,
        ),
      (ids) => ids.includes(id),
      'the order in the popup',
    );
    expect(rows).toContain('8212313961591501');
    await popup.screenshot(`${name}-popup`);
    await closeAll();
  });

  it('sets the badge text and title, and a reminder reaches the notifications API', async () => {
    keep('badge');
    // No quiet hours (the defaults hold reminders back at night), set as the options page does.
    const options = await b.extensionPage('src/options/index.html');
    pages.push(options);
    await options.evaluate((m) => chrome.runtime.sendMessage(m), {
      type: 'set-prefs',
      prefs: { quietHours: null },
    });
    // What the browser's notification system says of ours, heard from a page of the extension.
    await b.inExtension(() => {
      const w = globalThis as unknown as { heard?: string[] };
      w.heard = [];
      chrome.notifications.onClosed.addListener((n) => w.heard?.push(`closed ${n}`));
    }, undefined);
    const id = '8212313961591506';
    // Completed yesterday: the return window closes within days, so a reminder is due now.
    b.standin.fixtures.detail.set(id, { body: completedDetailBody(id, 1) });
    await open(detailUrl(id));
    // The badge counts down to the nearest closing window of all stored orders, and its title
    // names that order and says the same time left.
    const badge = await waitFor(
      () => b.badge(),
      (s) => /^\d+d$/.test(s.text) && /\b\d{15,16}\b/.test(s.title),
      'the badge',
    );
    const named = /\b(\d{15,16})\b/.exec(badge.title)?.[1] ?? '';
    expect(Object.keys(await b.summaries())).toContain(named);
    expect(badge.title).toMatch(new RegExp(`\\b${badge.text.replace('d', '')} days? left`));

    // The worker writes each notification it created to storage.session after
    // `notifications.create` resolved; the API's own list must hold the same id.
    const recent = await waitFor(
      () =>
        b.inExtension(
          async () =>
            ((await chrome.storage.session.get('recentNotifications')).recentNotifications ?? []) as {
              id: string;
              message: string;
            }[],
          undefined,
        ),
      // One notification gathers the reminders due together; it comes once the burst of page
      // reads has settled (8 s after the last one).
      (r) => r.some((n) => n.id.includes(`${id}:`)),
      'the reminder notification',
      60_000,
    );
    const note = recent.find((n) => n.id.includes(`${id}:`));
    expect(note?.message).not.toBe('');
    const shown = await b.inExtension(() => chrome.notifications.getAll(), undefined);
    if (name === 'chromium') expect(Object.keys(shown)).toContain(note?.id);
    else {
      // Headless Firefox has no notification display: it takes ours, closes it at once, and says so.
      const heard = await waitFor(
        () => b.inExtension(() => (globalThis as unknown as { heard?: string[] }).heard ?? [], undefined),
        (h) => h.length > 0,
        'the notification to be closed by Firefox',
      );
      expect(heard).toContain(`closed ${note?.id}`);
    }
    await closeAll();
  });

  it('exports a backup from the options page, and imports it after everything was deleted', async () => {
    keep('backup');
    const page = await b.extensionPage('src/options/index.html', { size: STORE_SIZE });
    pages.push(page);
    const shot = await page.screenshot(`${name}-options`);
    if (name === 'chromium') keepForDocs(shot, 'store-options');
    const before = Object.keys(await b.orders()).sort();
    expect(before.length).toBeGreaterThan(3);
    // The page saves through an <a download> click: keep what it would save.
    await page.evaluate(() => {
      const w = window as unknown as { saved?: Promise<{ name: string; text: string }> };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        if (this.download)
          w.saved = fetch(this.href).then(async (r) => ({ name: this.download, text: await r.text() }));
        else click.call(this);
      };
    }, undefined);
    const at = (selector: string) =>
      waitFor(
        () => page.evaluate(pagePoint, selector),
        (p) => p !== null,
        selector,
      ) as Promise<{ x: number; y: number }>;
    const exportButton = await at('#export-backup');
    await page.clickAt(exportButton.x, exportButton.y);
    const saved = await waitFor(
      () =>
        page.evaluate(async () => {
          const w = window as unknown as { saved?: Promise<{ name: string; text: string }> };
          return w.saved ? await w.saved : null;
        }, undefined),
      (s) => s !== null,
      'the backup file',
    );
    const backup = JSON.parse(saved?.text ?? '{}');
    expect(backup.format).toBe('protection-clock-backup');
    const file = join(repoRoot, 'test-results', `${name}-backup.json`);
    (await import('node:fs')).writeFileSync(file, saved?.text ?? '');

    const deleteAll = await at('#delete-all');
    await page.clickAt(deleteAll.x, deleteAll.y);
    const yes = await at('#delete-yes');
    await page.clickAt(yes.x, yes.y);
    await waitFor(
      () => b.orders(),
      (o) => Object.keys(o).length === 0,
      'every order deleted',
    );

    await page.upload('#import-backup', file);
    const result = await waitFor(
      () => page.evaluate(() => document.querySelector('#data-result')?.textContent ?? '', undefined),
      (t) => t.startsWith('Imported'),
      'the import result',
    );
    expect(result).toContain(`${before.length} orders added`);
    expect(Object.keys(await b.orders()).sort()).toEqual(before);
    await closeAll();
  });
});
