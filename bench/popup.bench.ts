/**
 * Popup first render with 10,000 orders of a generated buyer's history (test/history: years of
 * closed orders, a few dozen live), and with 2,000 orders of the older bench mix (a third of
 * them live), in Chromium with the built extension (`npm run build`
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
import { generateHistory, summariesOf } from '../test/history/history';
import { BENCH_NOW, BENCH_ZONE, generateOrders } from './core.bench';

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

type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Opens the popup on what the store holds, again and again; the first two opens warm up. */
async function measure(h: Harness, orders: number) {
  const script: number[] = [];
  const navigation: number[] = [];
  const loads: number[] = [];
  const models: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const page = await h.openPopup();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
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
    if (!String(count).replace(/\D/g, '').includes(String(orders)))
      throw new Error(`the popup counted ${count}`);
    await page.close();
    if (i < 2) continue; // warm-up: the first opens compile the bundle
    script.push(fromScript);
    loads.push(load);
    models.push(model);
    navigation.push(fromNavigation);
  }
  return { script, navigation, loads, models };
}

/**
 * A keystroke in the popup's search, from its input event to the filtered rows in the DOM (the
 * popup's own marks, src/popup/App.tsx): queries typed one character at a time, then cleared.
 */
async function measureSearch(h: Harness, queries: readonly string[]): Promise<number[]> {
  const page = await h.openPopup();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
  // Closed orders past the first screen are parsed two frames after it: search over all of them.
  await page.waitForTimeout(1_000);
  const input = page.locator('.search-input');
  const samples: number[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.length; i++) {
      const before = await page.evaluate(() => performance.getEntriesByName('pc-search').length);
      await input.fill(query.slice(0, i));
      await page.waitForFunction((n) => performance.getEntriesByName('pc-search').length > n, before, {
        timeout: 10_000,
      });
      samples.push(
        await page.evaluate(() => {
          const all = performance.getEntriesByName('pc-search');
          return all[all.length - 1]?.duration ?? Number.NaN;
        }),
      );
    }
    await input.fill('');
  }
  await page.close();
  return samples;
}

export async function run() {
  const h = await startHarness();
  try {
    const zone = await (await h.worker()).evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const now = Date.now();
    const history = summariesOf(
      generateHistory({ orders: 10_000, now, timeZone: zone }).orders,
      now,
      zone,
    ).map(toStored);
    const historyBytes = JSON.stringify(history).length;
    await h.putSummaries(history);
    const big = await measure(h, history.length);
    // Search over the long history: titles in six languages, an order id prefix, no match.
    const bigSearch = await measureSearch(h, ['cabo', 'écouteurs', 'store', '81000', 'zzz']);

    // The older mix at 2,000 (a third of it live), for comparison with the figures before.
    const mix = benchSummaries(2_000, now).map(toStored);
    const mixBytes = JSON.stringify(mix).length;
    await h.worker().then((w) =>
      w.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const req = indexedDB.open('protection-clock');
            req.onsuccess = () => {
              const t = req.result.transaction('summary-packs', 'readwrite');
              t.objectStore('summary-packs').clear();
              t.oncomplete = () => {
                req.result.close();
                resolve(undefined);
              };
              t.onerror = () => reject(t.error);
            };
            req.onerror = () => reject(req.error);
          }),
      ),
    );
    await h.putSummaries(mix);
    const small = await measure(h, mix.length);
    const search = await measureSearch(h, ['cable', 'phone case', 'store', '81000000000', 'zzz']);
    return [
      {
        name: 'popup first render, 10,000 orders of a generated history (script start → rows)',
        unit: 'ms' as const,
        samples: big.script,
        target: 150,
        note: `${Math.round(historyBytes / history.length)} B per summary as JSON`,
      },
      {
        name: '… navigation start → rows',
        unit: 'ms' as const,
        samples: big.navigation,
      },
      {
        name: '… of which storage read and summaries parsed (closed orders past the first 25: just after)',
        unit: 'ms' as const,
        samples: big.loads,
      },
      {
        name: '… of which the summaries parsed for the first screen freshened, grouped, sorted',
        unit: 'ms' as const,
        samples: big.models,
      },
      {
        name: 'popup search, 10,000 orders of a generated history: a keystroke to its filtered rows in the DOM',
        unit: 'ms' as const,
        samples: bigSearch,
        target: 16,
        note: 'one character at a time, five queries (words in two languages, a store, an order id, no match)',
      },
      {
        name: 'popup first render, 2000 orders of the older bench mix (script start → rows)',
        unit: 'ms' as const,
        samples: small.script,
        target: 150,
        note: `${Math.round(mixBytes / mix.length)} B per summary as JSON; a third of them live`,
      },
      {
        name: '… navigation start → rows',
        unit: 'ms' as const,
        samples: small.navigation,
      },
      {
        name: 'popup search, 2000 orders: a keystroke to its filtered rows in the DOM',
        unit: 'ms' as const,
        samples: search,
        target: 16,
        note: 'one character at a time, five queries (words, an order id, no match)',
      },
    ];
  } finally {
    await h.dispose();
  }
}
