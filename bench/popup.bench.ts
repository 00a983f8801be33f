/**
 * Popup first render with 2,000 orders, in Chromium with the built extension (`npm run build`
 * first): the orders are seeded through the worker, then the popup is opened again and again.
 * Measured in the page with performance marks: from the popup script's first line to the first
 * render with data (storage read, every record parsed, 2,000 ladders built, rows rendered).
 * A second figure counts from navigation start (HTML, script load and parse included).
 */

import { startHarness } from '../test/e2e/harness';
import { generateOrders } from '../test/unit/ui/generate';

const ORDERS = 2_000;
const RUNS = 15;

export async function run() {
  const h = await startHarness();
  try {
    const now = Date.now();
    const items = Object.fromEntries(generateOrders(ORDERS, now, 42).map((o) => [`order:${o.orderId}`, o]));
    const worker = await h.worker();
    await worker.evaluate((all) => chrome.storage.local.set(all), items);
    const script: number[] = [];
    const navigation: number[] = [];
    const loads: number[] = [];
    const models: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const page = await h.openPopup();
      await page.setViewportSize({ width: 400, height: 600 });
      await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
      const [fromScript, fromNavigation, rows, load, model] = await page.evaluate(() => {
        const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
        const m = performance.measure('pc-first-render', 'pc-popup-start', 'pc-popup-rendered');
        return [
          m.duration,
          at('pc-popup-rendered'),
          document.querySelectorAll('li.row').length,
          at('pc-state-loaded') - at('pc-popup-start'),
          at('pc-model-built') - at('pc-state-loaded'),
        ];
      });
      if (rows === 0) throw new Error('the popup rendered no rows');
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
      },
      {
        name: `popup first render, ${ORDERS} orders (navigation start → rows)`,
        unit: 'ms' as const,
        samples: navigation,
      },
      { name: '… of which storage read and schema parse', unit: 'ms' as const, samples: loads },
      { name: '… of which 2,000 ladders built, grouped, sorted', unit: 'ms' as const, samples: models },
    ];
  } finally {
    await h.dispose();
  }
}
