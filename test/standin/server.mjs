// @ts-check
/**
 * A local stand-in for AliExpress, shared by the e2e tests and `npm start`.
 *
 * One HTTPS server on 127.0.0.1 answers as every AliExpress host Chromium is pointed at with
 * --host-resolver-rules: the order pages (www.aliexpress.com and friends) and the API host
 * (acs.aliexpress.com). Its pages behave like the real client-rendered ones: their own script calls
 * `https://acs.aliexpress.com/h5/<api>/1.0/?...` (by fetch, XHR or JSONP) and renders what comes back.
 * The API answers with fixture bodies that a test can swap at any time.
 *
 * The certificate is self-signed and made at start; Chromium runs with --ignore-certificate-errors.
 * Nothing here ever touches the network beyond 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
export const realFixtures = join(repoRoot, '..', 'shared', 'fixtures', 'real');

export const API = {
  list: 'mtop.aliexpress.trade.buyer.order.list',
  detail: 'mtop.aliexpress.trade.buyer.order.detail',
  tracking: 'mtop.ae.ld.querydetail',
  refunds: 'mtop.aliexpress.buyer.reverse.queryreverseorderpagelistforbuyer',
};

/** The real captures, byte for byte. */
export function realListBody() {
  /** @type {{url: string, body: string}[]} */
  const captures = JSON.parse(readFileSync(join(realFixtures, 'order-list.tobixen.json'), 'utf8'));
  const list = captures.find((c) => c.url.includes(API.list));
  if (!list) throw new Error('the real list capture has no order list response');
  return list.body;
}
export function realDetailBody() {
  return readFileSync(join(realFixtures, 'order-detail.completed-br.json'), 'utf8');
}
export const REAL_DETAIL_ORDER_ID = '8212313961591322';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Moves every English date ("Jul 15, 2026") in a body by `days`. Tests use it to drive time the
 * honest way, by moving what the page states rather than the extension's clock.
 * @param {string} text
 * @param {number} days
 */
export function shiftEnglishDates(text, days) {
  return text.replace(
    /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4})\b/g,
    (_, mon, d, y) => {
      const date = new Date(Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d)) + days * 86_400_000);
      return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
    },
  );
}

/**
 * Days to add to the real detail capture so that its order was completed `completedDaysAgo` days
 * before `now` (the capture says "Order completed on Jul 28, 2026").
 * @param {number} now
 * @param {number} completedDaysAgo
 */
export function shiftForCompletedDaysAgo(now, completedDaysAgo) {
  const completed = Date.UTC(2026, 6, 28);
  const todayUtc = Date.UTC(
    new Date(now).getUTCFullYear(),
    new Date(now).getUTCMonth(),
    new Date(now).getUTCDate(),
  );
  return Math.round((todayUtc - completed) / 86_400_000) - completedDaysAgo;
}

/**
 * @typedef {{ status?: number, body: string, delayMs?: number }} Answer
 * @typedef {{
 *   list: Answer[],
 *   detail: Map<string, Answer>,
 *   tracking: Map<string, Answer>,
 *   refunds: Answer,
 *   domOnly: Map<string, string>,
 *   requests: { api: string, url: string }[],
 * }} Fixtures
 */

/** @returns {Fixtures} */
export function defaultFixtures() {
  return {
    list: [{ body: realListBody() }],
    detail: new Map([[REAL_DETAIL_ORDER_ID, { body: realDetailBody() }]]),
    tracking: new Map(),
    refunds: { body: JSON.stringify({ api: API.refunds, data: { data: {} }, ret: ['SUCCESS::调用成功'] }) },
    domOnly: new Map(),
    requests: [],
  };
}

/** The pages' own script, shared by every page kind: it plays the AliExpress front end. */
const PAGE_SCRIPT = readFileSync(join(here, 'page.js'), 'utf8');

/** @param {string} kind @param {string} title */
function pageHtml(kind, title) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px system-ui,sans-serif;margin:0;background:#f5f5f5;color:#222}
header{background:#e62e04;color:#fff;padding:12px 24px;font-weight:600}
main{max-width:960px;margin:16px auto;padding:0 16px}
.order-item,.order-block{background:#fff;border-radius:8px;padding:16px;margin:12px 0}
.order-item-header{display:flex;justify-content:space-between;color:#666}
.order-item-header-status-text{font-weight:600;color:#222}
button{margin-right:8px}</style></head>
<body data-kind="${kind}"><header>AliExpress (local stand-in)</header><main id="root"><p>Loading…</p></main>
<script>${PAGE_SCRIPT}</script></body></html>`;
}

/**
 * The mobile site (m.aliexpress.com) as a phone shows it: a sticky top bar with its own back and
 * search buttons, status tabs, full-width cards with their buttons in a row at the bottom, and a
 * fixed bar of buttons at the bottom of the screen (the tab bar on the list, the order's actions on
 * a detail page). The same front-end script renders the same cards.
 * @param {string} kind @param {string} title
 */
function mobileHtml(kind, title) {
  const bottom =
    kind === 'list'
      ? ['Home', 'Categories', 'Cart', 'Account']
      : kind === 'detail'
        ? ['Contact seller', 'Confirm received']
        : ['Back to orders'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>*{box-sizing:border-box}body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f2f2f2;color:#222;padding-bottom:64px}
.m-top{position:sticky;top:0;z-index:10;display:flex;align-items:center;gap:8px;background:#fff;padding:6px 8px;border-bottom:1px solid #ddd}
.m-top h1{flex:1;font-size:17px;margin:0}.m-top button{min-width:44px;min-height:44px;border:0;background:none;font-size:15px}
.m-tabs{display:flex;gap:4px;overflow-x:auto;background:#fff;padding:0 8px 6px}.m-tabs button{min-height:40px;border:0;border-radius:20px;padding:0 12px;background:#f2f2f2;white-space:nowrap}
main{padding:8px}.order-item,.order-block{background:#fff;border-radius:10px;padding:12px;margin:0 0 10px}
.order-item-header{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;color:#666}
.order-item-header-status-text{font-weight:600;color:#222}.order-item-header-right-info{flex-basis:100%;font-size:14px}
.order-item-content-title,.item-title{overflow-wrap:anywhere}.order-more{display:flex;gap:8px;justify-content:flex-end;margin-top:8px}
button{font:inherit;min-height:40px;padding:0 14px;border-radius:20px;border:1px solid #ccc;background:#fff}
#view-more{display:block;margin:0 auto 12px}
.m-bottom{position:fixed;left:0;right:0;bottom:0;z-index:10;display:flex;gap:8px;justify-content:space-around;background:#fff;border-top:1px solid #ddd;padding:6px 8px}
.m-bottom button{flex:1;min-width:0;min-height:48px;padding:0 4px}</style></head>
<body data-kind="${kind}" data-site="mobile"><div class="m-top"><button type="button" aria-label="Back">‹</button><h1>${title}</h1><button type="button">Search</button></div>
${kind === 'list' ? '<nav class="m-tabs"><button type="button">All</button><button type="button">To pay</button><button type="button">To ship</button><button type="button">Shipped</button><button type="button">Processed</button></nav>' : ''}
<main id="root"><p>Loading…</p></main>
<nav class="m-bottom">${bottom.map((b) => `<button type="button">${b}</button>`).join('')}</nav>
<script>${PAGE_SCRIPT}</script></body></html>`;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Fixtures} fixtures
 */
async function handle(req, res, fixtures) {
  const host = (req.headers.host ?? '').split(':')[0] ?? '';
  const url = new URL(req.url ?? '/', `https://${host}`);
  const send = (
    /** @type {number} */ status,
    /** @type {string} */ type,
    /** @type {string} */ body,
    extra = {},
  ) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
    res.end(body);
  };

  if (host === 'acs.aliexpress.com') {
    const match = url.pathname.match(/^\/h5\/([^/]+)\/1\.0\/?$/);
    const origin = req.headers.origin ?? '*';
    const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
    if (req.method === 'OPTIONS')
      return send(204, 'text/plain', '', { ...cors, 'access-control-allow-headers': '*' });
    if (!match) return send(404, 'text/plain', 'no such api', cors);
    const api = match[1] ?? '';
    fixtures.requests.push({ api, url: url.href });
    let data = {};
    try {
      data = JSON.parse(url.searchParams.get('data') ?? '{}');
    } catch {
      data = {};
    }
    const id = String(
      /** @type {Record<string, unknown>} */ (data).orderId ??
        /** @type {Record<string, unknown>} */ (data).tradeOrderId ??
        '',
    );
    /** @type {Answer | undefined} */
    let answer;
    if (api === API.list) {
      const page = Number(/** @type {Record<string, unknown>} */ (data).pageIndex ?? 1);
      answer = fixtures.list[page - 1];
    } else if (api === API.detail) answer = fixtures.detail.get(id);
    else if (api === API.tracking) answer = fixtures.tracking.get(id);
    else if (api === API.refunds) answer = fixtures.refunds;
    if (!answer)
      return send(404, 'application/json', JSON.stringify({ ret: ['FAIL_SYS_NOT_FOUND::no fixture'] }), cors);
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    const callback = url.searchParams.get('callback');
    if (callback)
      return send(answer.status ?? 200, 'application/javascript', `${callback}(${answer.body})`, cors);
    return send(answer.status ?? 200, 'application/json', answer.body, cors);
  }

  if (host === 'm.aliexpress.com') {
    /** @type {Record<string, [string, string]>} */
    const mobile = {
      '/p/order/index.html': ['list', 'My orders'],
      '/p/order/detail.html': ['detail', 'Order details'],
      '/p/tracking/index.html': ['tracking', 'Tracking'],
      '/p/reverse-pages/start.html': ['refunds', 'Returns/refunds'],
    };
    const page = mobile[url.pathname];
    if (page) return send(200, 'text/html; charset=utf-8', mobileHtml(page[0], page[1]));
  }
  const domOnly = fixtures.domOnly.get(url.pathname);
  if (domOnly !== undefined) return send(200, 'text/html; charset=utf-8', domOnly);
  if (url.pathname === '/p/order/index.html')
    return send(200, 'text/html; charset=utf-8', pageHtml('list', 'Orders'));
  if (url.pathname === '/p/order/detail.html')
    return send(200, 'text/html; charset=utf-8', pageHtml('detail', 'Order details'));
  if (url.pathname === '/p/tracking/index.html')
    return send(200, 'text/html; charset=utf-8', pageHtml('tracking', 'Tracking'));
  // The item snapshot page: covered by the content scripts (/p/order/*) but not an order page kind.
  if (url.pathname === '/p/order/snapshot.html')
    return send(
      200,
      'text/html; charset=utf-8',
      '<!doctype html><title>Snapshot</title><p>Item snapshot</p>',
    );
  if (url.pathname === '/p/reverse-pages/start.html')
    return send(200, 'text/html; charset=utf-8', pageHtml('refunds', 'Returns/refunds'));
  if (url.pathname === '/' || url.pathname === '/index.html')
    return send(
      200,
      'text/html; charset=utf-8',
      '<!doctype html><title>AliExpress</title><p>Home (stand-in)</p>',
    );
  return send(404, 'text/plain', 'not found');
}

/**
 * Starts the stand-in. `fixtures` is live: tests change it between steps.
 * @param {{ port?: number, fixtures?: Fixtures }} [options]
 */
export async function startStandin(options = {}) {
  const fixtures = options.fixtures ?? defaultFixtures();
  const pems = await generate([{ name: 'commonName', value: 'aliexpress.com' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: '*.aliexpress.com' },
          { type: 2, value: 'aliexpress.com' },
        ],
      },
    ],
  });
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    handle(req, res, fixtures).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    fixtures,
    /** Chromium flags that make the real host names reach this server and nothing else. */
    hostRules: `MAP www.aliexpress.com 127.0.0.1:${port}, MAP *.aliexpress.com 127.0.0.1:${port}, MAP aliexpress.com 127.0.0.1:${port}, MAP * ~NOTFOUND`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
