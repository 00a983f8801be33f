/**
 * End-to-end harness: the built extension (dist/chrome) in Debian's Chromium, driven by
 * playwright-core, against the local stand-in for AliExpress. Never the live site: every host but
 * the stand-in's resolves to nothing (`MAP * ~NOTFOUND`).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { DB_VERSION, firstScreenRecord, headsOf, packRecords } from '../../src/platform/idb';
import { repoRoot, startStandin } from '../standin/server.mjs';
import { BASE_ARGS, chromiumPath } from './chromium.mjs';

export const EXTENSION_DIR = join(repoRoot, 'dist', 'chrome');
export const ARTIFACTS_DIR = join(repoRoot, 'test-results');

export type Standin = Awaited<ReturnType<typeof startStandin>>;

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
}

export interface Harness {
  standin: Standin;
  session: Session;
  /** Launches Chromium with the extension on a profile (a new one unless given). */
  launch(userDataDir?: string): Promise<Session>;
  /** Closes the browser; the profile stays for a restart. */
  closeBrowser(): Promise<void>;
  /** Closes everything and removes the profiles. */
  dispose(): Promise<void>;
  /** The service worker, woken if it sleeps. */
  worker(): Promise<Worker>;
  storage(): Promise<Record<string, unknown>>;
  /** Full orders in the worker's IndexedDB (`protection-clock` / `orders`), by order id. */
  orders(): Promise<Record<string, unknown>>;
  /** Order summaries in the worker's IndexedDB (`protection-clock` / `summaries`), by order id. */
  summaries(): Promise<Record<string, unknown>>;
  /**
   * Writes summaries straight into the worker's database, packed as src/platform/idb.ts packs
   * them, with each pack's heads record (each pack they fall in is replaced: for seeding an empty
   * store, as the benches do).
   */
  putSummaries(records: readonly { orderId: string }[]): Promise<void>;
  /** Writes full orders straight into the worker's database (the orders their summaries come from). */
  putOrders(records: readonly { orderId: string }[]): Promise<void>;
  badge(tabId?: number): Promise<{ text: string; title: string; color: number[] }>;
  alarms(): Promise<{ name: string; scheduledTime: number }[]>;
  notifications(): Promise<Record<string, unknown>>;
  openPopup(): Promise<Page>;
  extensionPage(path: string): Promise<Page>;
  /** Stops the service worker through the DevTools protocol, as the browser does after 30 s idle. */
  stopWorker(): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first (npm test does).`);
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const standin = await startStandin();
  const profiles: string[] = [];
  let session: Session | undefined;

  const launch = async (userDataDir?: string): Promise<Session> => {
    const dir = userDataDir ?? mkdtempSync(join(tmpdir(), 'protection-clock-profile-'));
    if (!userDataDir) profiles.push(dir);
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: chromiumPath(),
      headless: true,
      args: [
        ...BASE_ARGS,
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        `--host-resolver-rules=${standin.hostRules}`,
      ],
      viewport: { width: 1280, height: 900 },
    });
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    const extensionId = new URL(worker.url()).host;
    session = { context, worker, extensionId, userDataDir: dir };
    return session;
  };

  await launch();

  const current = (): Session => {
    if (!session) throw new Error('the browser is not running');
    return session;
  };

  const worker = async (): Promise<Worker> => {
    const s = current();
    const live = s.context.serviceWorkers().find((w) => w.url().includes(s.extensionId));
    if (live) return live;
    // Opening an extension page wakes the worker.
    const page = await s.context.newPage();
    const waiting = s.context.waitForEvent('serviceworker', { timeout: 30_000 });
    await page.goto(`chrome-extension://${s.extensionId}/src/popup/index.html`);
    const woken = await waiting;
    await page.close();
    return woken;
  };

  const inWorker = async <T>(fn: () => Promise<T>): Promise<T> => (await worker()).evaluate(fn);

  /**
   * Every record of one IndexedDB object store of the worker's database, by order id. Summaries
   * are packed many to a record (src/platform/idb.ts): they are unpacked here, as the store does.
   */
  const readStore = (name: 'orders' | 'summary-packs') =>
    worker().then((w) =>
      w.evaluate(
        (store) =>
          new Promise<Record<string, unknown>>((resolve, reject) => {
            // No version: opens whatever the worker made. If the database does not exist yet, the
            // upgrade is aborted so that this probe never creates it (without its object stores).
            const req = indexedDB.open('protection-clock');
            req.onupgradeneeded = () => req.transaction?.abort();
            req.onerror = () => (req.error?.name === 'AbortError' ? resolve({}) : reject(req.error));
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains(store)) {
                db.close();
                resolve({});
                return;
              }
              const all = db.transaction(store, 'readonly').objectStore(store).getAll();
              all.onerror = () => reject(all.error);
              all.onsuccess = () => {
                db.close();
                if (store === 'summary-packs') {
                  // The first screen (key -1) repeats some summaries: the packs hold them all.
                  const packs = (all.result as { pack: number; ids: string[]; items: string[] }[]).filter(
                    (p) => p.pack >= 0,
                  );
                  resolve(
                    Object.fromEntries(
                      packs.flatMap((p) => p.ids.map((id, i) => [id, JSON.parse(p.items[i] as string)])),
                    ),
                  );
                  return;
                }
                resolve(Object.fromEntries((all.result as { orderId: string }[]).map((o) => [o.orderId, o])));
              };
            };
          }),
        name,
      ),
    );

  /**
   * Puts records into object stores of the worker's database (each store's own, in one
   * transaction), creating it as the extension does (src/platform/idb.ts) if it does not exist.
   */
  const putRecords = async (
    records: Partial<Record<'orders' | 'summary-packs' | 'summary-heads', unknown[]>>,
  ) =>
    (await worker()).evaluate(
      ({ records, version }) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('protection-clock', version);
          req.onupgradeneeded = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('orders'))
              db.createObjectStore('orders', { keyPath: 'orderId' });
            if (!db.objectStoreNames.contains('summary-packs'))
              db.createObjectStore('summary-packs', { keyPath: 'pack' }).createIndex('rev', 'rev');
            if (!db.objectStoreNames.contains('summary-heads'))
              db.createObjectStore('summary-heads', { keyPath: 'pack' });
          };
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const stores = Object.keys(records);
            const t = req.result.transaction(stores, 'readwrite');
            for (const store of stores)
              for (const record of records[store as keyof typeof records] ?? [])
                t.objectStore(store).put(record);
            t.oncomplete = () => {
              req.result.close();
              resolve();
            };
            t.onerror = () => reject(t.error);
          };
        }),
      { records, version: DB_VERSION },
    );

  const harness: Harness = {
    standin,
    get session() {
      return current();
    },
    launch,
    closeBrowser: async () => {
      if (session) await session.context.close();
      session = undefined;
    },
    dispose: async () => {
      if (session) await session.context.close().catch(() => {});
      session = undefined;
      await standin.close();
      for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
    },
    worker,
    storage: () => inWorker(() => chrome.storage.local.get(null)),
    orders: () => readStore('orders'),
    summaries: () => readStore('summary-packs'),
    putSummaries: (records) => {
      // With the heads records and the first screen the worker keeps beside the packs.
      const packs = packRecords(records);
      const now = Date.now();
      return putRecords({
        'summary-packs': [...packs, firstScreenRecord(packs, now)],
        'summary-heads': packs.map((p) => headsOf(p, now)),
      });
    },
    putOrders: (records) => putRecords({ orders: [...records] }),
    badge: async (tabId?: number) =>
      (await worker()).evaluate(async (id) => {
        const details = id === undefined ? {} : { tabId: id };
        const [text, title, color] = await Promise.all([
          chrome.action.getBadgeText(details),
          chrome.action.getTitle(details),
          chrome.action.getBadgeBackgroundColor(details),
        ]);
        return { text, title, color: [...color] };
      }, tabId),
    alarms: () =>
      inWorker(async () =>
        (await chrome.alarms.getAll()).map((a) => ({ name: a.name, scheduledTime: a.scheduledTime })),
      ),
    notifications: () => inWorker(() => chrome.notifications.getAll() as Promise<Record<string, unknown>>),
    extensionPage: async (path: string) => {
      const page = await current().context.newPage();
      await page.goto(`chrome-extension://${current().extensionId}/${path}`);
      return page;
    },
    openPopup: () => harness.extensionPage('src/popup/index.html'),
    stopWorker: async () => {
      const s = current();
      const page = s.context.pages()[0] ?? (await s.context.newPage());
      const cdp = await s.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      // Give Chromium a moment to drop the worker from the context's list.
      const deadline = Date.now() + 5_000;
      while (
        s.context.serviceWorkers().some((w) => w.url().includes(s.extensionId)) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    screenshot: async (page: Page, name: string) => {
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
  return harness;
}

/**
 * A screenshot the README shows: always kept in test-results/, and copied over the committed one in
 * docs/screenshots/ only when UPDATE_SCREENSHOTS=1, so that a test run never rewrites tracked files
 * (their countdowns change with the clock). `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes them.
 */
export function keepForDocs(pngPath: string, name: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const docs = join(repoRoot, 'docs', 'screenshots');
  mkdirSync(docs, { recursive: true });
  copyFileSync(pngPath, join(docs, `${name}.png`));
}

/** Polls `probe` until `accept` says yes, or fails with the last value seen. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

/** Keeps a screenshot of every open page when a test fails (vitest's onTestFailed). */
export async function keepScreenshots(harness: Harness | undefined, testName: string): Promise<void> {
  if (!harness) return;
  const pages = harness.session.context.pages();
  const safe = testName.replace(/[^\w-]+/g, '-').slice(0, 80);
  await Promise.all(pages.map((p, i) => harness.screenshot(p, `failed-${safe}-${i}`).catch(() => '')));
}

export const rmProfile = (dir: string) => rmSync(dir, { recursive: true, force: true });
