/**
 * The panel's "start the evidence checklist" button, end to end: the content script asks the worker
 * over its port (`checklist-start`, which the worker accepts from our content script), and the
 * checklist is then the popup's, ticks and all.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { EVIDENCE } from '../../src/core/evidence';
import {
  REAL_DETAIL_ORDER_ID,
  realDetailBody,
  shiftEnglishDates,
  shiftForCompletedDaysAgo,
} from '../standin/server.mjs';
import { shadow } from './closed-shadow';
import { ARTIFACTS_DIR, type Harness, keepScreenshots, startHarness, waitFor } from './harness';
import { asPopup, axeSeriousViolations, detailUrl } from './ui-helpers';

const HOST = 'protection-clock-overlay';
const PANEL = `${HOST} [data-pc="panel"]`;
const ID = '8212313961591501'; // completed 2 days ago: the return window is open

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

describe('evidence checklist from the panel', () => {
  it('starts through the worker, says so, and the popup shows it', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-checklist'));
    const body = shiftEnglishDates(realDetailBody(), shiftForCompletedDaysAgo(Date.now(), 2)).replaceAll(
      REAL_DETAIL_ORDER_ID,
      ID,
    );
    h.standin.fixtures.detail.set(ID, { body });
    const page = await h.session.context.newPage();
    await page.goto(detailUrl(ID));
    const form = shadow(page, `${PANEL} [data-pc="checklist"]`);
    await form.waitFor();
    // The reason picker (our own styled control), for a look.
    await form.screenshot({ path: join(ARTIFACTS_DIR, 'overlay-reason-picker.png') });
    await form.locator('select').selectOption('damaged');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => shadow(page, `${PANEL} [data-pc="feedback"]`).textContent())
      .toContain('Checklist started');
    const stored = await waitFor(
      () => h.storage(),
      (s) => (s[`checklist:${ID}`] as { reason?: string } | undefined)?.reason === 'damaged',
      'the checklist to be stored',
    );
    expect((stored[`checklist:${ID}`] as { ticks: Record<string, boolean> }).ticks).toEqual({});
    await page.close();

    const popup = await asPopup(await h.openPopup());
    await popup.locator(`li[data-order-id="${ID}"] .row-button`).click();
    await expect
      .poll(() => popup.locator('button[data-reason="damaged"]').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await popup.locator('.evidence li').count()).toBe(EVIDENCE.damaged.length);
    const a11y = await axeSeriousViolations(popup);
    expect(a11y, JSON.stringify(a11y, null, 2)).toEqual([]);
    await popup.close();
  });

  it('the page’s own script cannot reach the panel to replace the checklist (issue #12, attack 2)', async () => {
    onTestFailed(() => keepScreenshots(h, 'overlay-checklist-attack'));
    const popup = await asPopup(await h.openPopup());
    await popup.locator(`li[data-order-id="${ID}"] .row-button`).click();
    await popup.locator('.evidence input[type="checkbox"]').first().check();
    const before = await waitFor(
      () => h.storage(),
      (s) => Object.keys((s[`checklist:${ID}`] as { ticks?: object } | undefined)?.ticks ?? {}).length === 1,
      'the buyer’s tick to be stored',
    );
    await popup.close();

    const page = await h.session.context.newPage();
    await page.goto(detailUrl(ID));
    await shadow(page, `${PANEL} [data-pc="checklist"]`).waitFor();
    // What the attacker ran in AliExpress's own world: pick another reason, submit.
    const outcome = await page.evaluate((tag) => {
      const root = document.querySelector(tag)?.shadowRoot;
      const form = root?.querySelector<HTMLFormElement>('[data-pc="checklist"]');
      if (!form) return 'no way in';
      (form.querySelector('select') as HTMLSelectElement).value = 'counterfeit';
      form.requestSubmit();
      return 'submitted';
    }, HOST);
    expect(outcome).toBe('no way in');
    await page.waitForTimeout(500);
    expect((await h.storage())[`checklist:${ID}`]).toEqual(before[`checklist:${ID}`]);
    await page.close();
  });
});
