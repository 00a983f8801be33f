/**
 * Helpers shared by the popup and options e2e tests: loading stand-in orders, axe-core, sizing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { realDetailBody, shiftEnglishDates, shiftForCompletedDaysAgo } from '../standin/server.mjs';
import { copyOpen, removeCopies } from './closed-shadow';
import { type Harness, waitFor } from './harness';

export const REAL_TITLE =
  'Neo XENON 2.1 de Gama Omega eco Cabo Xenon XENON Pixel 8K@60Hz 4K@120Hz Tango Xenon HD e HD Indigo alfa TV Ultra PS5 Tango';
const REAL_ID = '8212313961591322';

export const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;

/** Serves the real detail capture as order `id`, completed `daysAgo` days ago, and reads it. */
export async function loadCompletedOrder(
  h: Harness,
  id: string,
  daysAgo: number,
  title?: string,
): Promise<void> {
  let body = shiftEnglishDates(realDetailBody(), shiftForCompletedDaysAgo(Date.now(), daysAgo)).replaceAll(
    REAL_ID,
    id,
  );
  if (title !== undefined) body = body.replaceAll(REAL_TITLE, title);
  h.standin.fixtures.detail.set(id, { body });
  const page = await h.session.context.newPage();
  await page.goto(detailUrl(id));
  await waitFor(
    () => h.summaries(),
    (s) => id in s,
    `order ${id} to be stored`,
  );
  await page.close();
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core in the page. Injected through `evaluate` (DevTools protocol), which extension
 * pages' CSP does not block, unlike a script tag.
 */
export async function axeSeriousViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE};0`);
  const result = (await page.evaluate(async (sel) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected above as a global.
    const axe = (globalThis as any).axe;
    const r = await axe.run(sel ? document.querySelector(sel) : document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  }, selector)) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The popup at its real size: the toolbar popup is 400 px wide. */
export async function asPopup(page: Page): Promise<Page> {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

/**
 * Runs axe-core over our shadow hosts only (copies of their closed roots, see closed-shadow.ts);
 * returns serious and critical violations.
 */
export async function axeOverlay(
  page: Page,
  hostTag: string,
): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const copies = await copyOpen(page, hostTag);
  try {
    return await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const result = await axe.run({ include: tags.map((t) => [t]) } as never, {
        resultTypes: ['violations'],
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          id: v.id,
          impact: String(v.impact),
          nodes: v.nodes.map((n) => n.html.slice(0, 200)),
        }));
    }, copies);
  } finally {
    await removeCopies(page, hostTag);
  }
}
