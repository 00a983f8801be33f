/**
 * The options page in Chromium: preferences go through the worker; a full backup exported here and
 * imported on a fresh profile restores everything; a bad file changes nothing; the calendar file
 * parses with ical.js and holds each deadline; delete-all asks first. Writes the README screenshot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { calendarWindows } from '../../src/core/export';
import { buildLadder } from '../../src/core/ladder';
import type { StoredOrder } from '../../src/core/model';
import { ARTIFACTS_DIR, type Harness, keepForDocs, keepScreenshots, startHarness, waitFor } from './harness';
import { axeSeriousViolations, loadCompletedOrder } from './ui-helpers';

let h: Harness;
const A = '8212313961593001';
const B = '8212313961593002';

/** `HH:MM` in the browser's zone, `minutes` from now. */
const hmFromNow = (page: Page, minutes: number) =>
  page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getHours())}:${p(d.getMinutes())}`;
  }, minutes);

beforeAll(async () => {
  h = await startHarness();
  // Quiet hours around the run's own time, before any order is read: no reminder is shown in
  // either profile, whatever the hour. With the defaults (22:00 to 08:00) a run at 07:59 took the
  // backup inside quiet hours and imported it after 08:00, when the reminders came due.
  const page = await h.extensionPage('src/options/index.html');
  await command(page, {
    type: 'set-prefs',
    prefs: { quietHours: { start: await hmFromNow(page, -120), end: await hmFromNow(page, 180) } },
  });
  await page.close();
  await loadCompletedOrder(h, A, 1);
  await loadCompletedOrder(h, B, 5);
});
afterAll(async () => {
  await h?.dispose();
});

const openOptions = async (): Promise<Page> => {
  const page = await h.extensionPage('src/options/index.html');
  await page.setViewportSize({ width: 900, height: 900 });
  await page.locator('#export-backup').waitFor();
  return page;
};

/** Sends a command as the popup would (our own extension page). */
const command = (page: Page, message: unknown) =>
  page.evaluate((m) => chrome.runtime.sendMessage(m), message);

const userKeys = (s: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(s).filter(([k]) => /^(order:|checklist:|note:|prefs$|ledger$)/.test(k)));
/** The buyer's data: storage.local's user keys, with the orders (IndexedDB) as backups name them. */
const userData = async () => ({
  ...userKeys(await h.storage()),
  ...Object.fromEntries(Object.entries(await h.orders()).map(([id, o]) => [`order:${id}`, o])),
});

async function saveDownload(page: Page, button: string, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  const path = join(ARTIFACTS_DIR, name);
  await download.saveAs(path);
  return path;
}

describe('options page', () => {
  let backupPath = '';
  let before: Record<string, unknown> = {};

  it('changes preferences through the worker', async () => {
    onTestFailed(() => keepScreenshots(h, 'options-prefs'));
    const page = await openOptions();
    await page.locator('#badge').uncheck();
    await page.locator('input[name="kind"][value="late-coupon"]').uncheck();
    await page.locator('input[name="lead"][value="14"]').check();
    const prefs = await waitFor(
      async () =>
        (await h.storage()).prefs as {
          badge?: boolean;
          kinds?: Record<string, boolean>;
          leadsDays?: number[];
        },
      (p) => p?.badge === false && p.kinds?.['late-coupon'] === false && (p.leadsDays ?? []).includes(14),
      'the preferences to be stored',
    );
    expect(prefs.leadsDays).toEqual([14, 7, 3, 1]);
    const start = await hmFromNow(page, -60);
    await page.locator('#quiet-start').fill(start);
    await waitFor(
      async () => ((await h.storage()).prefs as { quietHours?: { start: string } }).quietHours?.start,
      (s) => s === start,
      'quiet hours to be stored',
    );

    const a11y = await axeSeriousViolations(page);
    expect(a11y, JSON.stringify(a11y, null, 2)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await axeSeriousViolations(page);
    expect(dark, JSON.stringify(dark, null, 2)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    keepForDocs(await h.screenshot(page, 'options'), 'options');
    await page.close();
  });

  it('exports a calendar file that parses and holds each deadline, and a CSV', async () => {
    onTestFailed(() => keepScreenshots(h, 'options-ics'));
    const page = await openOptions();
    const icsPath = await saveDownload(page, '#export-ics', 'deadlines.ics');
    const text = readFileSync(icsPath, 'utf8');
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map((c) => new ICAL.Event(c));

    const orders = await h.orders();
    const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const now = Date.now();
    const ladders = [A, B].map((id) => buildLadder(orders[id] as StoredOrder, { now, timeZone }));
    const expected = calendarWindows(ladders, { now });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(events.map((e) => e.uid).sort()).toEqual(
      expected.map((w) => `${w.id}@protection-clock.invalid`).sort(),
    );
    for (const w of expected) {
      const e = events.find((ev) => ev.uid === `${w.id}@protection-clock.invalid`);
      expect(e?.endDate.toJSDate().getTime()).toBe(w.closesAt);
      expect(e?.summary).toContain(w.orderId);
    }

    const csv = readFileSync(await saveDownload(page, '#export-csv', 'orders.csv'), 'utf8');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^order_id,item,store,status/);
    expect(rows.filter((r) => r.startsWith(A)).length).toBe(ladders[0]?.windows.length);
    await page.close();
  });

  it('exports a full backup, and a bad file changes nothing', async () => {
    onTestFailed(() => keepScreenshots(h, 'options-backup'));
    const page = await openOptions();
    // The buyer's own data, so the backup has more than orders in it.
    await command(page, { type: 'checklist-start', orderId: A, reason: 'damaged' });
    await command(page, { type: 'checklist-tick', orderId: A, itemId: 'photo-damage', ticked: true });
    await command(page, { type: 'set-note', orderId: B, text: 'Seller promised a refund on <b>Monday</b>' });
    await command(page, {
      type: 'set-handled',
      orderId: B,
      windowId: `${B}:return-after-receipt`,
      handled: true,
    });
    before = await userData();
    expect(Object.keys(before).sort()).toEqual(
      [`checklist:${A}`, 'ledger', `note:${B}`, `order:${A}`, `order:${B}`, 'prefs'].sort(),
    );

    backupPath = await saveDownload(page, '#export-backup', 'backup.json');
    const backup = JSON.parse(readFileSync(backupPath, 'utf8'));
    expect(backup.format).toBe('protection-clock-backup');

    const bad = join(ARTIFACTS_DIR, 'not-a-backup.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'protection-clock-backup',
        version: 1,
        exportedAt: 1,
        items: { 'order:1': 5 },
      }),
    );
    const garbage = join(ARTIFACTS_DIR, 'garbage.json');
    writeFileSync(garbage, '{ not json');
    for (const file of [garbage, bad]) {
      await page.locator('#import-backup').setInputFiles(file);
      await expect
        .poll(() => page.locator('#data-result').textContent())
        .toMatch(/^This file was not imported and nothing changed/);
      expect(await userData()).toEqual(before);
    }
    await page.close();
  });

  it('imports the backup on a fresh profile and restores everything', async () => {
    onTestFailed(() => keepScreenshots(h, 'options-import'));
    await h.closeBrowser();
    await h.launch();
    const page = await openOptions();
    expect(Object.keys(await userData()).filter((k) => k.startsWith('order:'))).toEqual([]);
    await page.locator('#import-backup').setInputFiles(backupPath);
    await expect
      .poll(() => page.locator('#data-result').textContent())
      .toMatch(/^Imported: 2 orders added, 0 updated/);
    const after = await userData();
    expect(after).toEqual(before);
    // Each imported order has its summary in the summaries store, where the popup reads it.
    expect(Object.keys(await h.summaries()).sort()).toEqual(Object.keys(await h.orders()).sort());

    const popup = await h.openPopup();
    await popup.locator(`li[data-order-id="${A}"] .row-button`).click();
    expect(await popup.locator('#ev-photo-damage').isChecked()).toBe(true);
    await page.close();
    await popup.close();
  });

  it('deletes all data only after a confirmation', async () => {
    onTestFailed(() => keepScreenshots(h, 'options-delete'));
    const page = await openOptions();
    await page.locator('#delete-all').click();
    await expect(page.locator('#delete-confirm-text').textContent()).resolves.toContain('2 orders');
    await page.locator('#delete-cancel').click();
    expect(Object.keys(await h.orders()).length).toBeGreaterThan(0);
    await page.locator('#delete-all').click();
    await page.locator('#delete-yes').click();
    await waitFor(
      () => userData(),
      (s) => !Object.keys(s).some((k) => /^(order|checklist|note):/.test(k)),
      'the data to be deleted',
    );
    await page.getByText('All data deleted.').waitFor();
    expect(await h.summaries()).toEqual({});
    await page.close();
  });
});
