/**
 * When AliExpress changes a page, end to end in Chromium on the stand-in: an order page whose body
 * has lost its dates says "partly read" on the panel and in the popup, in plain words, and the
 * sample the popup shows (and copies) passes the anonymisation rule of the unit tests.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { REAL_DETAIL_ORDER_ID, realDetailBody } from '../standin/server.mjs';
import { leaks } from '../unit/aliexpress/anonymity';
import { shadow } from './closed-shadow';
import { type Harness, keepScreenshots, startHarness } from './harness';
import { asPopup } from './ui-helpers';

const HOST = 'protection-clock-overlay';
const ID = '8212313961590017';
const DATES = "the order page's dates could not be read; deadlines for this order are estimated";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

/** The real detail capture under another id, with every date gone from its info block. */
function bodyWithoutDates(): { text: string; parsed: unknown } {
  const parsed = JSON.parse(realDetailBody().replaceAll(REAL_DETAIL_ORDER_ID, ID)) as {
    data: { data: Record<string, { tag?: string; fields?: Record<string, unknown> }> };
  };
  for (const component of Object.values(parsed.data.data)) {
    if (component.tag !== 'detail_simple_order_info_component' || !component.fields) continue;
    for (const name of ['orderCreatTime', 'payTime', 'orderShipTime', 'orderEndTime'])
      delete component.fields[name];
  }
  return { text: JSON.stringify(parsed), parsed };
}

describe('a page AliExpress changed', () => {
  it('a detail body without its dates: "partly read" on the panel and in the popup, and an anonymised sample', async () => {
    onTestFailed(() => keepScreenshots(h, 'drift'));
    const { text, parsed } = bodyWithoutDates();
    h.standin.fixtures.detail.set(ID, { body: text });

    const page = await h.session.context.newPage();
    await page.goto(`https://www.aliexpress.com/p/order/detail.html?orderId=${ID}`);
    const notice = shadow(page, `${HOST} [data-pc="partly"]`);
    await notice.waitFor({ timeout: 20_000 });
    await expect(notice.textContent()).resolves.toContain('Partly read');
    await expect(notice.textContent()).resolves.toContain(DATES);
    await h.screenshot(page, 'drift-panel');

    const popup = await asPopup(await h.openPopup());
    // Record what the page hands to the clipboard (Chromium will not let the test read it back).
    await popup.evaluate(() => {
      const clip = navigator.clipboard;
      const write = clip.writeText.bind(clip);
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      clip.writeText = async (value: string) => {
        await write(value);
        w.copied.push(value);
      };
    });
    const note = popup.locator('[data-health="order-detail"][data-state="partly"]');
    await note.waitFor({ timeout: 20_000 });
    await expect(note.textContent()).resolves.toContain('only partly read');
    await expect(note.textContent()).resolves.toContain(DATES);
    // Exactly what changed, in words: the four dates the completed order should have shown.
    const details = (await note.locator('[data-health-detail] li').allTextContents()).join('\n');
    for (const field of ['placedOn', 'paidOn', 'shippedOn', 'completedOn']) expect(details).toContain(field);

    // The sample is shown in full before anything is copied.
    await note.locator('[data-sample="open"]').click();
    const shown = await note.locator('[data-sample="text"]').inputValue();
    expect(await popup.evaluate(() => (window as unknown as { copied: string[] }).copied.length)).toBe(0);
    await note.locator('.sample-actions button', { hasText: 'Copy' }).click();
    await expect
      .poll(() => popup.evaluate(() => (window as unknown as { copied: string[] }).copied.at(-1) ?? ''))
      .toBe(shown);
    await h.screenshot(popup, 'drift-popup');

    expect(leaks(parsed, shown)).toEqual([]);
    for (const gone of ['Comprador Exemplo', 'Vega Store', 'R$126,59', ID]) expect(shown).not.toContain(gone);
    expect(shown).toContain('"orderCreatTimeTile": "Order placed on"');
    expect(shown).toContain('"where": "placedOn"');
    await popup.close();
    await page.close();
  });

  it('the options page lists the sample, and "Delete all" deletes it', async () => {
    const options = await h.extensionPage('src/options/index.html');
    const item = options.locator('#samples li').first();
    await item.waitFor({ timeout: 20_000 });
    await expect(item.textContent()).resolves.toContain('partly read');
    await item.locator('[data-sample="open"]').click();
    const shown = await item.locator('[data-sample="text"]').inputValue();
    expect(leaks(bodyWithoutDates().parsed, shown)).toEqual([]);
    await h.screenshot(options, 'drift-options');

    // "Delete all" takes the samples with it (they live in storage.session only).
    await options.locator('#delete-all').click();
    await options.locator('#delete-yes').click();
    await options.locator('#samples [data-sample="none"]').waitFor({ timeout: 20_000 });
    await options.close();
  });
});
