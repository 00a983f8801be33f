/**
 * Phones, in both browsers: AliExpress's mobile site (m.aliexpress.com on the stand-in, laid out as
 * a phone shows it) at 360×740 and 414×896, as a touch phone in Chromium (device emulation) and at
 * the same viewport in Firefox. Chips fit their cards; the panel starts as a pill that covers none
 * of the page's own buttons and opens to a sheet the buyer closes; text is at least 14 px and every
 * control at least 44 px; the popup fills the phone's width as the page Firefox for Android shows.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { BROWSERS, launchBrowser, PHONES, type TestBrowser, type TestPage } from './browsers';
import { keepForDocs, waitFor } from './harness';
import {
  cardChips,
  chipOnEachCard,
  completedDetailBody,
  daysAgo,
  listBody,
  OVERLAY,
  overlayFace,
  overlayPoint,
} from './orders';

const M = 'https://m.aliexpress.com';
const MIN_TEXT_PX = 14;
const MIN_TARGET_PX = 44;

type Rect = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The page's own visible controls, in viewport coordinates (ours live in closed roots: not seen). */
function pageControls(): { name: string; rect: Rect }[] {
  return [...document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]')]
    .map((el) => {
      const r = el.getBoundingClientRect();
      return {
        name: (el.textContent ?? '').trim().slice(0, 30),
        rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      };
    })
    .filter((c) => c.rect.right > c.rect.left && c.rect.bottom > c.rect.top);
}

/**
 * Inside a root of ours: the smallest font size of any element that shows text, and every control
 * smaller than a finger (height or width under 44 px), by its text.
 */
function sizesInRoot(this: ShadowRoot, minTarget: number): { minFont: number; small: string[] } {
  let minFont = Number.POSITIVE_INFINITY;
  for (const el of this.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
    const r = el.getBoundingClientRect();
    // Screen-reader-only text (a 1 px box) is not seen.
    if (!own || r.width <= 1 || r.height <= 1) continue;
    minFont = Math.min(minFont, Number.parseFloat(getComputedStyle(el).fontSize));
  }
  const small = [...this.querySelectorAll('button, a[href], select, input, textarea')]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.height < minTarget || r.width < minTarget);
    })
    .map(
      (el) => `${el.getAttribute('data-pc') ?? el.localName}: ${(el.textContent ?? '').trim().slice(0, 30)}`,
    );
  return { minFont, small };
}

/** Each chip's rectangle and font size (run in the chip's root). */
function chipBox(this: ShadowRoot): { rect: Rect; font: number } | null {
  const chip = this.querySelector('.chip');
  if (!chip) return null;
  const r = chip.getBoundingClientRect();
  return {
    rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
    font: Number.parseFloat(getComputedStyle(chip).fontSize),
  };
}

describe.each(BROWSERS)('%s', (name) => {
  let b: TestBrowser;
  const pages: TestPage[] = [];
  beforeAll(async () => {
    b = await launchBrowser(name);
    b.standin.fixtures.list = [
      {
        body: listBody(
          [
            { id: '8300000000000001', status: 'Awaiting delivery', placed: daysAgo(12) },
            { id: '8300000000000002', status: 'Awaiting delivery', placed: daysAgo(56) },
            { id: '8300000000000003', status: 'Completed', placed: daysAgo(200) },
          ],
          false,
        ),
      },
    ];
    b.standin.fixtures.detail.set('8300000000000004', { body: completedDetailBody('8300000000000004', 2) });
  });
  afterAll(async () => {
    await b?.dispose();
  });
  const keep = (test: string) =>
    onTestFailed(async () => {
      await Promise.all(pages.map((p, i) => p.screenshot(`failed-${name}-${test}-${i}`).catch(() => '')));
    });
  const open = async (url: string, phone: (typeof PHONES)[number]) => {
    const page = await b.newPage({ phone });
    pages.push(page);
    await page.goto(url);
    return page;
  };
  const done = async () => {
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => {})));
  };

  describe.each(PHONES)('$name', (phone) => {
    it('puts a chip that fits on each card of the mobile order list, in text of 14 px or more', async () => {
      keep(`${phone.name}-list`);
      const page = await open(`${M}/p/order/index.html`, phone);
      await waitFor(() => page.evaluate(cardChips, undefined), chipOnEachCard(3), 'a chip on each card');
      const chips = await page.inShadow('pc-chip', chipBox, undefined);
      const cards = await page.evaluate(
        () =>
          [...document.querySelectorAll('.order-item')].map((c) => {
            const r = c.getBoundingClientRect();
            return {
              rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
              overflows: c.scrollWidth > c.clientWidth,
            };
          }),
        undefined,
      );
      expect(chips).toHaveLength(3);
      chips.forEach((chip, i) => {
        const card = cards[i];
        expect(chip?.font).toBeGreaterThanOrEqual(MIN_TEXT_PX);
        expect(chip?.rect.left).toBeGreaterThanOrEqual(card?.rect.left ?? Number.NaN);
        expect(chip?.rect.right).toBeLessThanOrEqual(card?.rect.right ?? Number.NaN);
        expect(card?.overflows).toBe(false);
      });
      // Nothing of ours makes the page scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth, undefined)).toBe(
        true,
      );
      const shot = await page.screenshot(`${name}-${phone.name}-list`);
      if (name === 'chromium' && phone.width === 360) keepForDocs(shot, 'phone-list');
      await done();
    });

    it('shows a pill that covers none of the page’s buttons, opening to a sheet the buyer closes', async () => {
      keep(`${phone.name}-sheet`);
      const page = await open(`${M}/p/order/detail.html?orderId=8300000000000004`, phone);
      const pill = await waitFor(
        async () => (await page.inShadow(OVERLAY, overlayFace, []))[0],
        (f) => f?.face === 'pill',
        'the pill',
      );
      // The page's own controls rendered (the order's item buttons among them) and none under the pill.
      const controls = await waitFor(
        () => page.evaluate(pageControls, undefined),
        (c) => c.length >= 6,
        'the page controls',
      );
      expect(controls.filter((c) => pill?.rect && overlaps(c.rect, pill.rect)).map((c) => c.name)).toEqual(
        [],
      );
      const pillSizes = (await page.inShadow(OVERLAY, sizesInRoot, MIN_TARGET_PX))[0];
      expect(pillSizes?.small).toEqual([]);
      expect(pillSizes?.minFont).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      // Scrolled to the end: still nothing of the page's under it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight), undefined);
      const scrolled = (await page.inShadow(OVERLAY, overlayFace, []))[0];
      const after = await page.evaluate(pageControls, undefined);
      expect(
        after.filter((c) => scrolled?.rect && overlaps(c.rect, scrolled.rect)).map((c) => c.name),
      ).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0), undefined);
      const pillShot = await page.screenshot(`${name}-${phone.name}-pill`);

      const tapPill = (await page.inShadow(OVERLAY, overlayPoint, 'pill'))[0];
      if (!tapPill) throw new Error('no pill to tap');
      await page.clickAt(tapPill.x, tapPill.y);
      const sheet = await waitFor(
        async () => (await page.inShadow(OVERLAY, overlayFace, ['next']))[0],
        (f) => f?.face === 'panel',
        'the sheet',
      );
      const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }), undefined);
      // A sheet: the phone's full width, resting on the bottom of the screen.
      expect(sheet?.rect?.left).toBe(0);
      expect(Math.round(sheet?.rect?.right ?? 0)).toBe(viewport.width);
      expect(Math.round(sheet?.rect?.bottom ?? 0)).toBe(viewport.height);
      expect(sheet?.texts.next).toContain('request a return or refund');
      const sheetSizes = (await page.inShadow(OVERLAY, sizesInRoot, MIN_TARGET_PX))[0];
      expect(sheetSizes?.small).toEqual([]);
      expect(sheetSizes?.minFont).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      const sheetShot = await page.screenshot(`${name}-${phone.name}-sheet`);
      if (name === 'chromium' && phone.width === 360) {
        keepForDocs(pillShot, 'phone-pill');
        keepForDocs(sheetShot, 'phone-sheet');
      }

      const close = (await page.inShadow(OVERLAY, overlayPoint, 'collapse'))[0];
      if (!close) throw new Error('no close button on the sheet');
      await page.clickAt(close.x, close.y);
      await waitFor(
        async () => (await page.inShadow(OVERLAY, overlayFace, []))[0],
        (f) => f?.face === 'pill',
        'the sheet to close to the pill',
      );
      await done();
    });

    it('shows the popup as a page that fills the phone’s width', async () => {
      keep(`${phone.name}-popup`);
      const popup = await b.extensionPage('src/popup/index.html', { phone });
      pages.push(popup);
      const layout = await waitFor(
        () =>
          popup.evaluate(
            () => ({
              rows: document.querySelectorAll('li[data-order-id]').length,
              body: document.body.getBoundingClientRect().width,
              width: innerWidth,
              // The width less a classic scrollbar (desktop Firefox shows one; Android overlays it).
              client: document.documentElement.clientWidth,
              scroll: document.documentElement.scrollWidth,
            }),
            undefined,
          ),
        (l) => l.rows > 0,
        'the popup’s rows',
      );
      expect(layout.width).toBe(phone.width);
      // The page's full width on a phone narrower than the popup's 400 px; never wider.
      expect(Math.round(layout.body)).toBeGreaterThanOrEqual(Math.min(layout.client, 400));
      expect(Math.round(layout.body)).toBeLessThanOrEqual(layout.client);
      expect(layout.scroll).toBeLessThanOrEqual(phone.width);
      const shot = await popup.screenshot(`${name}-${phone.name}-popup`);
      if (name === 'chromium' && phone.width === 360) keepForDocs(shot, 'phone-popup');
      await done();
    });
  });
});
