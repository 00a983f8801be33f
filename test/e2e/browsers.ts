/**
 * One harness for both browsers, so that a test is written once and runs in each: Chromium (the
 * playwright-core harness in ./harness.ts, dist/chrome) and Firefox (Debian's firefox-esr driven by
 * puppeteer-core over WebDriver BiDi, dist/firefox). Tests see only `TestBrowser` and `TestPage`:
 * open stand-in pages and extension pages, run a function in a page or in an extension context,
 * click, upload a file, take a screenshot.
 *
 * Firefox cannot be pointed at a port per host as Chromium is (--host-resolver-rules): every name
 * resolves to 127.0.0.1 (`network.dns.forceResolve`, with DNS over HTTPS off) and the stand-in
 * listens on 443. Run the e2e suite where 443 is free and may be bound: as root in CI, or in a
 * private network namespace (`unshare -n sh -c 'ip link set lo up && npm test'`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import type { Browser as PpBrowser, Page as PpPage } from 'puppeteer-core';
import { repoRoot, startStandin } from '../standin/server.mjs';
import { inRoots } from './closed-shadow';
import { ARTIFACTS_DIR, type Harness, type Standin, startHarness, waitFor } from './harness';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export const FIREFOX_DIR = join(repoRoot, 'dist', 'firefox');
export const FIREFOX_ADDON_ID = 'protection-clock@protection-clock.invalid';
/** Fixed, so that extension pages have a known address (`extensions.webextensions.uuids`). */
export const FIREFOX_ADDON_UUID = '6f1c2d3e-4b5a-4c69-8d7e-0a1b2c3d4e5f';

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function firefoxPath(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = FIREFOX_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "No Firefox found for the end-to-end tests. Install Debian's: `apt-get install -y firefox-esr` " +
        '(or set FIREFOX_PATH). The tests never download a browser.',
    );
  }
  return found;
}

/** A phone: its CSS viewport, and touch input with the mobile site's user agent. */
export interface Phone {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}
export const PHONES: readonly Phone[] = [
  { name: 'phone-360', width: 360, height: 740 },
  { name: 'phone-414', width: 414, height: 896 },
];
const ANDROID_UA =
  'Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0 (stand-in test, touch)';

export interface PageOptions {
  /** Opens the page at this size (default 1280×900), as a touch phone when `phone` is given. */
  readonly size?: { width: number; height: number };
  readonly phone?: Phone;
}

export interface TestPage {
  readonly browser: BrowserName;
  goto(url: string): Promise<void>;
  /** Runs `fn` in the page (the page's own world; extension pages: with the extension's APIs). */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * Runs `fn` with `this` the closed shadow root of each `hostTag` element of the page, in page
   * order, the way DevTools sees inside (the page's own script cannot): Chromium's DevTools
   * protocol, Firefox's WebDriver BiDi with `includeShadowTree: 'all'`. `fn` must be a
   * `function`, not an arrow: it gets the root as `this`. Its result travels as JSON.
   */
  inShadow<R, A>(hostTag: string, fn: (this: ShadowRoot, arg: A) => R, arg: A): Promise<R[]>;
  /** A real pointer click (a tap on a phone page) at a point of the viewport. */
  clickAt(x: number, y: number): Promise<void>;
  /** Sets the files of an `<input type=file>` as the buyer picking them would. */
  upload(selector: string, path: string): Promise<void>;
  /** The page's current address. */
  url(): Promise<string>;
  /** Writes test-results/<name>.png (the viewport) and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface BadgeState {
  text: string;
  title: string;
}

export interface TestBrowser {
  readonly name: BrowserName;
  readonly standin: Standin;
  newPage(options?: PageOptions): Promise<TestPage>;
  /** An extension page (`src/popup/index.html`, ...), loaded and ready for `evaluate`. */
  extensionPage(path: string, options?: PageOptions): Promise<TestPage>;
  /**
   * Runs `fn` in an extension context that has `chrome.*`: Chromium's service worker, or in
   * Firefox a page of the extension kept open for this (Firefox's background is an event page that
   * the protocol does not reach; a page of the extension shares its storage and IndexedDB).
   */
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  storage(): Promise<Record<string, unknown>>;
  orders(): Promise<Record<string, unknown>>;
  summaries(): Promise<Record<string, unknown>>;
  /** The toolbar button's badge and title for all tabs (no tab given). */
  badge(): Promise<BadgeState>;
  dispose(): Promise<void>;
}

export async function launchBrowser(name: BrowserName): Promise<TestBrowser> {
  return name === 'chromium' ? launchChromium() : launchFirefox();
}

/** Reads one object store of the extension's database; the same code in either browser. */
function readStore(store: 'orders' | 'summary-packs'): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('protection-clock');
    // Never create the database from a probe: abort the upgrade if it does not exist yet.
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
          const packs = all.result as { ids: string[]; items: string[] }[];
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
  });
}

async function badgeOf(): Promise<BadgeState> {
  const [text, title] = await Promise.all([chrome.action.getBadgeText({}), chrome.action.getTitle({})]);
  return { text, title };
}

/** Both drivers' `evaluate(fn, arg)`, typed once: they serialise `fn` and pass `arg` as JSON. */
type Evaluate = (fn: unknown, arg: unknown) => Promise<unknown>;
const evaluateIn = <R>(target: object, fn: unknown, arg: unknown): Promise<R> =>
  (target as { evaluate: Evaluate }).evaluate.call(target, fn, arg) as Promise<R>;

/** `fn` run on a root with its argument and result as JSON, the same text for both protocols. */
const onRoot = (fn: (...args: never[]) => unknown): string =>
  `function (json) { return JSON.stringify((${fn.toString()}).call(this, JSON.parse(json)) ?? null); }`;

function shot(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, `${name}.png`);
}

// ---------------------------------------------------------------------------------------------
// Chromium: the playwright-core harness, with device emulation through the DevTools protocol.

function chromiumPage(h: Harness, page: PwPage): TestPage {
  return {
    browser: 'chromium',
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => evaluateIn(page, fn, arg),
    inShadow: async (hostTag, fn, arg) =>
      (await inRoots<string>(page, hostTag, onRoot(fn), JSON.stringify(arg ?? null))).map((json) =>
        JSON.parse(json),
      ),
    clickAt: async (x, y) => {
      if (page.viewportSize() && (await page.evaluate(() => navigator.maxTouchPoints > 0))) {
        const cdp = await h.session.context.newCDPSession(page);
        const point = [{ x, y }];
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await cdp.detach();
        return;
      }
      await page.mouse.click(x, y);
    },
    upload: (selector, path) => page.locator(selector).setInputFiles(path),
    url: async () => page.url(),
    screenshot: async (name) => {
      const path = shot(name);
      await page.screenshot({ path });
      return path;
    },
    close: () => page.close(),
  };
}

async function sizeChromium(h: Harness, page: PwPage, options: PageOptions | undefined): Promise<void> {
  if (options?.phone) {
    const { width, height } = options.phone;
    await page.setViewportSize({ width, height });
    const cdp = await h.session.context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: true,
    });
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await cdp.send('Emulation.setUserAgentOverride', { userAgent: ANDROID_UA });
    // The session must stay attached for the emulation to last: it is dropped with the page.
  } else if (options?.size) await page.setViewportSize(options.size);
}

async function launchChromium(): Promise<TestBrowser> {
  const h = await startHarness();
  const open = async (url: string, options?: PageOptions): Promise<TestPage> => {
    const page = await h.session.context.newPage();
    await sizeChromium(h, page, options);
    await page.goto(url);
    return chromiumPage(h, page);
  };
  return {
    name: 'chromium',
    standin: h.standin,
    newPage: async (options) => {
      const page = await h.session.context.newPage();
      await sizeChromium(h, page, options);
      return chromiumPage(h, page);
    },
    extensionPage: (path, options) => open(`chrome-extension://${h.session.extensionId}/${path}`, options),
    inExtension: async (fn, arg) => evaluateIn(await h.worker(), fn, arg),
    storage: () => h.storage(),
    orders: () => h.orders(),
    summaries: () => h.summaries(),
    badge: async () => (await h.worker()).evaluate(badgeOf),
    dispose: () => h.dispose(),
  };
}

// ---------------------------------------------------------------------------------------------
// Firefox: puppeteer-core over WebDriver BiDi.

/** The part of a BiDi `script.callFunction` answer read here. */
interface BidiValue {
  type?: string;
  sharedId?: string;
  value?: unknown;
}
interface BidiAnswer {
  type: 'success' | 'exception';
  result?: { value?: (BidiValue & { value?: { shadowRoot?: BidiValue } })[] | string };
  exceptionDetails?: { text?: string };
}
interface BidiRealm {
  callFunction(fn: string, awaitPromise: boolean, options: Record<string, unknown>): Promise<BidiAnswer>;
}

/**
 * The WebDriver BiDi realm of a page's main frame. Puppeteer's public `evaluate` never asks for
 * shadow roots, so closed roots are reached through its BiDi core (puppeteer-core 24's layout).
 */
function bidiRealm(page: PpPage): BidiRealm {
  const frame = page.mainFrame() as unknown as { realms?: { default?: { realm?: BidiRealm } } };
  const realm = frame.realms?.default?.realm;
  if (!realm) throw new Error('puppeteer-core changed: no BiDi realm on the main frame');
  return realm;
}

function firefoxPage(page: PpPage): TestPage {
  return {
    browser: 'firefox',
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, arg) => evaluateIn(page, fn, arg),
    inShadow: async (hostTag, fn, arg) => {
      const realm = bidiRealm(page);
      const hosts = await realm.callFunction(`(tag) => [...document.querySelectorAll(tag)]`, true, {
        arguments: [{ type: 'string', value: hostTag }],
        serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
        resultOwnership: 'none',
      });
      const out: (typeof fn extends (...a: never[]) => infer R ? R : never)[] = [];
      const list = Array.isArray(hosts.result?.value) ? hosts.result.value : [];
      for (const host of list) {
        const root = host.value?.shadowRoot?.sharedId;
        if (!root) continue;
        const done = await realm.callFunction(onRoot(fn), true, {
          this: { sharedId: root },
          arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
          resultOwnership: 'none',
        });
        if (done.type === 'exception')
          throw new Error(done.exceptionDetails?.text ?? 'exception in shadow root');
        out.push(JSON.parse(String(done.result?.value)));
      }
      return out;
    },
    clickAt: async (x, y) => {
      const touch = await page.evaluate(() => navigator.maxTouchPoints > 0);
      if (touch) await page.touchscreen.tap(x, y);
      else await page.mouse.click(x, y);
    },
    upload: async (selector, path) => {
      const input = await page.waitForSelector(selector);
      if (!input) throw new Error(`no ${selector}`);
      await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
    },
    url: () => page.evaluate(() => location.href),
    screenshot: async (name) => {
      const path = shot(name);
      await page.screenshot({ path });
      return path;
    },
    close: () => page.close(),
  };
}

async function sizeFirefox(page: PpPage, options: PageOptions | undefined): Promise<void> {
  if (options?.phone) {
    const { width, height } = options.phone;
    await page.setUserAgent({ userAgent: ANDROID_UA }).catch(() => {});
    // Touch emulation where this Firefox's protocol has it; the viewport in any case.
    await page
      .setViewport({ width, height, hasTouch: true, isMobile: true })
      .catch(() => page.setViewport({ width, height }));
  } else await page.setViewport(options?.size ?? { width: 1280, height: 900 });
}

async function launchFirefox(): Promise<TestBrowser> {
  if (!existsSync(join(FIREFOX_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${FIREFOX_DIR}: run \`npm run build\` first (npm test does).`);
  }
  const { default: puppeteer } = await import('puppeteer-core');
  let standin: Standin;
  try {
    standin = await startStandin({ port: 443 });
  } catch (error) {
    throw new Error(
      `The Firefox e2e needs the stand-in on port 443 (${String(error)}). Run as root on a machine ` +
        "where 443 is free, or in a private network namespace: unshare -n sh -c 'ip link set lo up && npm test'.",
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'protection-clock-firefox-'));
  let browser: PpBrowser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      protocol: 'webDriverBiDi',
      acceptInsecureCerts: true,
      userDataDir: profile,
      // Lets the protocol open moz-extension:// pages.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // Every host name to the stand-in, and never to the network (no DNS over HTTPS either).
        'network.dns.forceResolve': '127.0.0.1',
        'network.trr.mode': 5,
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_ADDON_UUID }),
        // Errors of extension pages and content scripts in the test output.
        'devtools.console.stdout.chrome': true,
        'devtools.console.stdout.content': false,
      },
      dumpio: process.env.FIREFOX_LOG === '1',
    });
  } catch (error) {
    await standin.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  await browser.installExtension(FIREFOX_DIR);
  const base = `moz-extension://${FIREFOX_ADDON_UUID}/`;

  /**
   * Over BiDi, `goto` to a moz-extension:// page never resolves though the page loads: start the
   * navigation and poll the document instead.
   */
  const openExtension = async (path: string, options?: PageOptions): Promise<TestPage> => {
    const page = await browser.newPage();
    await sizeFirefox(page, options);
    void page.goto(base + path).catch(() => {});
    await waitFor(
      () =>
        page
          .evaluate(() => ({ href: location.href, ready: document.readyState }))
          .catch(() => ({ href: '', ready: '' })),
      (s) => s.href.startsWith(base) && s.ready === 'complete',
      `${path} to load in Firefox`,
      30_000,
    );
    return firefoxPage(page);
  };

  let agent: TestPage | undefined;
  const inExtension = async <R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
    // The options page: a page of the extension that reads nothing on its own while idle.
    agent ??= await openExtension('src/options/index.html');
    return agent.evaluate(fn, arg);
  };

  return {
    name: 'firefox',
    standin,
    newPage: async (options) => {
      const page = await browser.newPage();
      await sizeFirefox(page, options);
      return firefoxPage(page);
    },
    extensionPage: openExtension,
    inExtension,
    storage: () => inExtension(() => chrome.storage.local.get(null), undefined),
    orders: () => inExtension(readStore, 'orders' as const),
    summaries: () => inExtension(readStore, 'summary-packs' as const),
    badge: () => inExtension(badgeOf, undefined),
    dispose: async () => {
      await browser.close().catch(() => {});
      await standin.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
