/**
 * Every CSS selector of the rendered AliExpress pages, in this one file. They are the fallback
 * when no API response was seen, and they break whenever AliExpress restyles: each names the page
 * variant it targets, and test/unit/aliexpress/dom.test.ts counts its matches on fixture pages.
 */
export const SELECTORS = {
  list: {
    /** Order list, one card per order (both card variants, 2023+ React list). */
    card: '.order-item',
    /** Order list card: localized status text ("Completed", "Aguardando a entrega"). */
    status: '.order-item-header-status-text',
    /**
     * Order list card header rows: "Order date: …" / "Order ID: …" on older cards,
     * "Date: …" / "Ref. Number: …" on newer ones.
     */
    headerInfo: '.order-item-header-right-info > div',
    /** Order list card: store name. */
    store: '.order-item-store-name',
    /** Order list card: the order total ("Total:€48.88"). */
    total: '.order-item-content-opt-price-total',
    /** Order list card: item title (not in the notes; the card's item block, both variants). */
    itemTitle: '.order-item-content-info-name',
    /** Order list card: item quantity "x1" (not in the notes; both variants). */
    itemQuantity: '.order-item-content-info-number',
    /** Order list card: the "Details" link, whose URL carries the order id (both variants). */
    detailLink: 'a[href*="orderId="]',
    /** Order list: the "View orders" (load more) button under the last card. */
    more: '.order-more button',
  },
  detail: {
    /** Order detail: info rows "Order ID: …", "Order placed on: …", "Paid on: …". */
    infoRow: '.order-detail-info-item .info-row',
    /** Order detail: price rows ("Subtotal", "Shipping", "Total"), each label then value. */
    priceItem: '.order-price-item',
    /** Order detail: one block per item. */
    item: '.order-detail-item-content-wrap',
    /** Order detail item block: item title (not in the notes). */
    itemTitle: '.item-title',
    /** Order detail: status title at the top of the page (not in the notes). */
    status: '.order-block-title',
  },
  wall: {
    /** Alibaba's "baxia" bot wall (slider captcha) dialog, over any page. */
    captcha: ['.baxia-dialog', '#nc_1_wrapper'],
    /** The login page's account field and form (login.aliexpress.com), when it renders in the tab. */
    login: ['#fm-login-id', '.fm-login'],
  },
} as const;

/** Hosts a logged-out buyer is redirected to. */
export const LOGIN_HOSTS: readonly string[] = [
  'login.aliexpress.com',
  'login.aliexpress.us',
  'passport.aliexpress.com',
];
