/**
 * AliExpress pages the views link to, one place for their shapes (the same URLs
 * src/aliexpress/pages.ts recognises). Opened through the worker's `open-url` command, which
 * accepts https AliExpress URLs only.
 */
const BASE = 'https://www.aliexpress.com';

export const ordersListUrl = (): string => `${BASE}/p/order/index.html`;
export const orderUrl = (orderId: string): string =>
  `${BASE}/p/order/detail.html?orderId=${encodeURIComponent(orderId)}`;
export const trackingUrl = (orderId: string): string =>
  `${BASE}/p/tracking/index.html?tradeOrderId=${encodeURIComponent(orderId)}`;
export const refundsUrl = (orderId: string): string =>
  `${BASE}/p/refund-dispute/index.html?orderId=${encodeURIComponent(orderId)}`;
