/**
 * Popup first render with 2,000 orders, in Chromium with the built extension (`npm run build`
 * first). The popup reads order summaries (IndexedDB `summary-packs`, each order's ladder
 * precomputed by the worker; it shares the extension origin's database), never full orders: the
 * bench seeds 2,000 summaries of realistic orders (bench/core.bench.ts generates them as the real
 * readers fill them), packed as the worker packs them, then opens the popup again and again.
 * Measured in the page with performance marks: from the popup script's first line to the first
 * render with data (storage read; every summary parsed but those of closed orders past the 25
 * most recently read, which follow just after and change nothing on screen; freshened, grouped
 * and sorted; rows painted). A second figure counts from navigation start (HTML, script load and
 * parse included).
 */

import { buildLadder } from '../src/core/ladder';
import { type OrderSummary, summarize, toStored } from '../src/core/summary';
import { startHarness } from '../test/e2e/harness';
import { BENCH_NOW, BENCH_ZONE, generateOrders } from './core.bench';

const ORDERS = 2_000;
const RUNS = 15;

/** Every instant in a summary (keys ending in `At`) moved by `delta` ms. */
function shifted<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((v) => shifted(v, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = typeof v === 'number' && /At$/.test(k) ? v + delta : shifted(v, delta);
  return out as T;
}

/**
 * The summaries the worker would store for 2,000 realistic orders. The generator's orders are
 * dated around its fixed "today"; their summaries are moved to the real now, so the popup groups
 * them as it would a real buyer's (some urgent, some coming up, most done).
 */
export function benchSummaries(n: number, now: number): OrderSummary[] {
  const delta = now - BENCH_NOW;
  return generateOrders(n, 7).map((order) =>
    shifted(
      summarize(buildLadder(order, { now: BENCH_NOW, timeZone: BENCH_ZONE }), {
        now: BENCH_NOW,
        timeZone: BENCH_ZONE,
      }),
      delta,
    ),
  );
}

export async function run() {
  const h = await startHarness();
  try {
    const summaries = benchSummaries(ORDERS, Date.now());
    // Stored as the worker stores them (`toStored`: windows without what parsing puts back).
    const items = summaries.map(toStored);
    const bytes = JSON.stringify(items).length;
    // Into the extension's database, packed as the worker packs them.
    await h.putSummaries(items);
    const script: number[] = [];
    const navigation: number[] = [];
    const loads: number[] = [];
    const models: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const page = await h.openPopup();
      await page.setViewportSize({ width: 400, height: 600 });
      await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
      const [fromScript, fromNavigation, rows, count, load, model] = await page.evaluate(() => {
        const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
        const m = performance.measure('pc-first-render', 'pc-popup-start', 'pc-popup-rendered');
        return [
          m.duration,
          at('pc-popup-rendered'),
          document.querySelectorAll('li.row').length,
          document.querySelector('.count')?.textContent ?? '',
          at('pc-state-loaded') - at('pc-popup-start'),
          at('pc-model-built') - at('pc-state-loaded'),
        ];
      });
      if (rows === 0) throw new Error('the popup rendered no rows');
      // Closed orders past the first screen are parsed after it, but counted from the start.
      if (!String(count).includes(String(ORDERS))) throw new Error(`the popup counted ${count}`);
      await page.close();
      if (i < 2) continue; // warm-up: the first opens compile the bundle
      script.push(fromScript);
      loads.push(load);
      models.push(model);
      navigation.push(fromNavigation);
    }
    return [
      {
        name: `popup first render, ${ORDERS} orders (script start → rows)`,
        unit: 'ms' as const,
        samples: script,
        target: 150,
        note: `${ORDERS} summaries, ${Math.round(bytes / ORDERS)} B each as JSON`,
      },
      {
        name: `popup first render, ${ORDERS} orders (navigation start → rows)`,
        unit: 'ms' as const,
        samples: navigation,
      },
      {
        name: '… of which storage read and summaries parsed (closed orders past the first 25: just after)',
        unit: 'ms' as const,
        samples: loads,
      },
      {
        name: '… of which the summaries parsed for the first screen freshened, grouped, sorted',
        unit: 'ms' as const,
        samples: models,
      },
    ];
  } finally {
    await h.dispose();
  }
}
