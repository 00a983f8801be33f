import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { EVIDENCE } from '../../src/core/evidence';
import { type Harness, keepScreenshots, startHarness, waitFor } from './harness';
import { asPopup, axeSeriousViolations, loadCompletedOrder, REAL_TITLE } from './ui-helpers';

let h: Harness;
const A = '8212313961592001'; // completed 6 days ago: the return window closes within a day
const B = '8212313961592002'; // completed 2 days ago
const C = '8212313961592003'; // completed 4 days ago
const X = '8212313961592004'; // hostile title
const DONE = '8212313961591322'; // the real capture as is: every window closed
const HOSTILE = '<img src=x onerror=alert(1)>';

beforeAll(async () => {
  h = await startHarness();
  await loadCompletedOrder(h, A, 6);
  await loadCompletedOrder(h, B, 2);
  await loadCompletedOrder(h, C, 4);
  await loadCompletedOrder(h, DONE, 200); // past even the 90-day quality claim
  await loadCompletedOrder(h, X, 3, HOSTILE);
});
afterAll(async () => {
  await h?.dispose();
});

describe('popup', () => {
  it('lists the orders grouped and sorted by the nearest closing window', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-list'));
    const popup = await asPopup(await h.openPopup());
    const ids = (group: string) =>
      popup
        .locator(`[data-group="${group}"] li.row`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')));
    expect(await ids('act-now')).toEqual([A]);
    expect(await ids('coming-up')).toEqual([C, X, B]);
    expect(await ids('done')).toContain(DONE);
    const row = popup.locator(`li[data-order-id="${A}"]`);
    await expect(row.textContent()).resolves.toContain(REAL_TITLE);
    // Urgency is written out, not only coloured; the window and its confidence are named.
    await expect(row.locator('.pc-pill').textContent()).resolves.toBe('Urgent');
    // The next step from the order's journey, and its last day (never the first instant after it).
    await expect(row.getAttribute('data-stage')).resolves.toBe('completed');
    await expect(row.locator('.row-step').textContent()).resolves.toContain('request a return or refund');
    await expect(row.locator('.row-last-day').textContent()).resolves.toMatch(/^last day \w+, \w+ \d+$/);
    await expect(row.locator('.pc-tag').textContent()).resolves.toMatch(/stated|estimated/);

    // The README's popup screenshots come from test/e2e/journey.test.ts (a buyer at every stage).
    await h.screenshot(popup, 'popup-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await h.screenshot(popup, 'popup-dark');
    await popup.close();
  });

  it('shows a hostile item title as text and runs no script', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-xss'));
    const page = await h.session.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`chrome-extension://${h.session.extensionId}/src/popup/index.html`);
    const popup = await asPopup(page);
    const row = popup.locator(`li[data-order-id="${X}"]`);
    await expect(row.locator('.row-title').textContent()).resolves.toBe(HOSTILE);
    expect(await popup.locator('img').count()).toBe(0);
    await row.locator('.row-button').click();
    await expect(popup.locator('.detail-title').textContent()).resolves.toBe(HOSTILE);
    expect(await popup.locator('img').count()).toBe(0);
    await popup.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await popup.close();
  });

  it('creates a checklist in one click that survives a reopen and a restart, and copies the filled template', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-checklist'));
    let popup = await asPopup(await h.openPopup());
    // Chromium will not grant clipboard-read to an extension origin from the test (it calls it
    // opaque), so the test records what the page hands to the real clipboard and checks the page
    // reports success: the write itself is Chromium's own.
    await popup.evaluate(() => {
      const clip = navigator.clipboard;
      const write = clip.writeText.bind(clip);
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      clip.writeText = async (text: string) => {
        await write(text);
        w.copied.push(text);
      };
    });
    const lastCopied = () =>
      popup.evaluate(() => (window as unknown as { copied: string[] }).copied.at(-1) ?? '');
    await popup.locator(`li[data-order-id="${A}"] .row-button`).click();
    // Keyboard users land on the order's heading (focused by an effect, after the render).
    await expect.poll(() => popup.evaluate(() => document.activeElement?.className)).toBe('detail-title');

    await popup.locator('button[data-reason="not-as-described"]').click();
    const items = EVIDENCE['not-as-described'];
    await popup
      .locator('.evidence li')
      .nth(items.length - 1)
      .waitFor();
    expect(await popup.locator('.evidence li').count()).toBe(items.length);
    await popup.locator('#ev-photo-item').check();
    await waitFor(
      () => h.storage(),
      (s) =>
        (s[`checklist:${A}`] as { ticks?: Record<string, boolean> } | undefined)?.ticks?.['photo-item'] ===
        true,
      'the tick to be stored',
    );
    await expect(popup.locator('.progress-line').textContent()).resolves.toContain(
      `1 of ${items.length} ready`,
    );
    await h.screenshot(popup, 'popup-order');

    // Copy the dispute message: the clipboard holds the filled template, as shown.
    const template = popup.locator('[data-template="tpl-dispute"]');
    await template.locator('button').click();
    await template.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await lastCopied();
    expect(copied).toBe(await template.locator('pre').textContent());
    expect(copied).toContain(`Order: ${A}`);
    expect(copied).toContain('Neo XENON 2.1');
    expect(copied).toContain('does not match the listing');
    expect(copied).toContain('Attached:\n- Photos of the item you received');
    // No substitution left unfilled ("US $12.34", the price, is not one).
    expect(copied).not.toMatch(/\$[1-9](?![\d.,])/);

    // Copy the checklist as text.
    await popup.locator('.checklist-body .actions button').first().click();
    await popup.locator('.checklist-body').getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const list = await lastCopied();
    expect(list.split('\n')[0]).toBe('Evidence for "not as described"');
    expect(list).toContain('[x] Photos of the item you received (required)');

    const a11y = await axeSeriousViolations(popup);
    expect(a11y, JSON.stringify(a11y, null, 2)).toEqual([]);
    await popup.close();

    const expectTicked = async () => {
      popup = await asPopup(await h.openPopup());
      await popup.locator(`li[data-order-id="${A}"] .row-button`).click();
      await popup.locator('#ev-photo-item').waitFor();
      expect(await popup.locator('#ev-photo-item').isChecked()).toBe(true);
      expect(await popup.locator('button[data-reason="not-as-described"]').getAttribute('aria-pressed')).toBe(
        'true',
      );
      await popup.close();
    };
    await expectTicked();
    const profile = h.session.userDataDir;
    await h.closeBrowser();
    await h.launch(profile);
    await expectTicked();
  });

  it('has no serious or critical axe violations, light and dark', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-axe'));
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await asPopup(await h.openPopup());
      await popup.emulateMedia({ colorScheme: scheme });
      const list = await axeSeriousViolations(popup);
      expect(list, `${scheme} list: ${JSON.stringify(list, null, 2)}`).toEqual([]);
      await popup.locator(`li[data-order-id="${B}"] .row-button`).click();
      const detail = await axeSeriousViolations(popup);
      expect(detail, `${scheme} order: ${JSON.stringify(detail, null, 2)}`).toEqual([]);
      await popup.close();
    }
  });

  it('teaches what to do when there are no orders', async () => {
    onTestFailed(() => keepScreenshots(h, 'popup-empty'));
    await h.closeBrowser();
    await h.launch();
    const popup = await asPopup(await h.openPopup());
    await expect(popup.locator('.empty h2').textContent()).resolves.toBe('No orders yet');
    await expect(popup.locator('.empty a').getAttribute('href')).resolves.toBe(
      'https://www.aliexpress.com/p/order/index.html',
    );
    const a11y = await axeSeriousViolations(popup);
    expect(a11y, JSON.stringify(a11y, null, 2)).toEqual([]);
    await h.screenshot(popup, 'popup-empty');
    await popup.close();
  });
});
