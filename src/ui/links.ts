/**
 * AliExpress pages the faces link to, one place for their shapes (the same URLs
 * src/aliexpress/pages.ts recognises). Opened through the worker's `open-url` command, which
 * accepts https AliExpress URLs only.
 */
const BASE = 'https://www.aliexpress.com';

export const ordersListUrl = (): string => `${BASE}/p/order/index.html`;
export const orderUrl = (orderId: string): string =>
  `${BASE}/p/order/detail.html?orderId=${encodeURIComponent(orderId)}`;
export const trackingUrl = (orderId: string): string =>
  `${BASE}/p/tracking/index.html?tradeOrderId=${encodeURIComponent(orderId)}`;
/**
 * Where the buyer starts a return or refund for one order. AliExpress's current button goes to
 * /p/reverse-pages/start.html through a confirm dialog with state we cannot build; the older
 * order-id form (../shared/notes/aliexpress-pages.md) still leads to the same flow for the order.
 */
export const refundsUrl = (orderId: string): string =>
  `https://trade.aliexpress.com/issue/fastissue/createIssueStep1.htm?orderId=${encodeURIComponent(orderId)}`;
