/**
 * Which AliExpress page a URL is, and which of the page's own API calls a request URL is.
 * Every URL shape lives here, next to the test table that checks each matches its kind and no other.
 */

export type PageKind = 'order-list' | 'order-detail' | 'tracking' | 'refunds';

/** The mtop APIs whose responses carry order data (notes: "Where the data really is"). */
export const API = {
  list: 'mtop.aliexpress.trade.buyer.order.list',
  detail: 'mtop.aliexpress.trade.buyer.order.detail',
  tracking: 'mtop.ae.ld.querydetail',
  refunds: 'mtop.aliexpress.buyer.reverse.queryreverseorderpagelistforbuyer',
} as const;
export type ApiKind = keyof typeof API;

function parseUrl(url: string): URL | undefined {
  if (typeof url !== 'string' || url.length > 4000) return undefined;
  try {
    // Captured request URLs are often protocol-relative ("//acs.aliexpress.com/h5/...").
    return new URL(url.startsWith('//') ? `https:${url}` : url);
  } catch {
    return undefined;
  }
}

/**
 * AliExpress hosts we read: `aliexpress.com` and its subdomains (www, m, trade, track, language
 * subdomains) and `aliexpress.us`. The comparison is on the parsed hostname's tail after a dot,
 * so `aliexpress.com.evil.com` and `evilaliexpress.com` fail. `aliexpress.ru` is another platform.
 */
function isAliHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return (
    h === 'aliexpress.com' ||
    h.endsWith('.aliexpress.com') ||
    h === 'aliexpress.us' ||
    h.endsWith('.aliexpress.us')
  );
}

interface PageRule {
  kind: PageKind;
  /** Hosts' first label this rule applies to; undefined = any AliExpress host. */
  hosts?: readonly string[];
  path: RegExp;
}

/** Current pages live on www/m/language hosts; the old ones on trade./track. hosts. */
const PAGE_RULES: readonly PageRule[] = [
  // current, www / m / language hosts
  { kind: 'order-list', path: /^\/p\/order\/index\.html$/i },
  { kind: 'order-detail', path: /^\/p\/order\/detail\.html$/i },
  { kind: 'tracking', path: /^\/p\/tracking\/index\.html$/i },
  { kind: 'refunds', path: /^\/p\/reverse-pages\/[\w-]+\.html$/i },
  { kind: 'refunds', path: /^\/p\/refund-dispute\/[\w-]+\.html$/i },
  // older forms
  { kind: 'order-list', hosts: ['trade'], path: /^\/orderlist\.htm$/i },
  { kind: 'order-detail', hosts: ['trade'], path: /^\/order_detail\.htm$/i },
  { kind: 'tracking', hosts: ['track'], path: /^\/logisticsdetail\.htm$/i },
  { kind: 'refunds', hosts: ['trade'], path: /^\/issue\/fastissue\/[\w-]+\.htm$/i },
];

export function pageKind(url: string): PageKind | null {
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return null;
  if (!isAliHost(parsed.hostname)) return null;
  const first = parsed.hostname.toLowerCase().split('.')[0] ?? '';
  for (const rule of PAGE_RULES) {
    if (rule.hosts && !rule.hosts.includes(first)) continue;
    if (rule.path.test(parsed.pathname)) return rule.kind;
  }
  return null;
}

/** The order id a page URL names (`orderId`, `tradeOrderId`, `tradeId`), digits only. */
export function orderIdFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const parsed = parseUrl(url);
  if (!parsed) return undefined;
  for (const name of ['orderId', 'tradeOrderId', 'tradeId']) {
    const value = parsed.searchParams.get(name)?.trim();
    if (value && /^\d{6,24}$/.test(value)) return value;
  }
  return undefined;
}

/** Which order API a request URL calls (`https://acs.aliexpress.com/h5/<api>/1.0/?...`). */
export function apiFromUrl(url: string): ApiKind | null {
  // Every fetch of the page passes here: most are no API call of ours, and need no URL parse.
  if (!/\/h5\//i.test(url)) return null;
  const parsed = parseUrl(url);
  if (!parsed || !isAliHost(parsed.hostname)) return null;
  const segment = /^\/h5\/([^/]+)\/\d+\.\d+\/?$/i.exec(parsed.pathname)?.[1]?.toLowerCase();
  if (!segment) return null;
  for (const [kind, name] of Object.entries(API) as Array<[ApiKind, string]>) {
    if (name === segment) return kind;
  }
  return null;
}

/** The API name inside a body (`{"api": "mtop..."}`), for bodies that arrive without their URL. */
export function apiFromName(name: unknown): ApiKind | null {
  if (typeof name !== 'string') return null;
  const wanted = name.trim().toLowerCase();
  for (const [kind, api] of Object.entries(API) as Array<[ApiKind, string]>) {
    if (api === wanted) return kind;
  }
  return null;
}
