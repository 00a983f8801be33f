/**
 * Reader for `mtop.aliexpress.trade.buyer.order.detail` (the order detail page): the richest
 * source, and the only one that states the protection windows per order.
 */
import type { OrderSnapshot, OrderStatus, StatedWindows } from '../core/model';
import { parseDate } from './dates';
import { buttonTypes, chooseLang, compact, openBody, retProblem, safeUrl, shortText } from './draft';
import { type DriftEffect, newTags, typeDrift } from './drift';
import type { ReadContext, ReadResult } from './health';
import { arr, at, componentsByTag, digits, fieldsOf, isObj, type Json } from './json';
import { orderIdFromUrl } from './pages';
import { readWindows } from './phrases';
import { readItems } from './read-list';
import { readStatus } from './status';

export const DETAIL_TAGS = {
  status: 'detail_order_status_block',
  info: 'detail_simple_order_info_component',
  services: 'detail_order_services',
  progress: 'detail_service_progress_bar',
  products: 'detail_product_block',
  price: 'detail_order_price_block',
} as const;

/**
 * Components an order's page must have, and what the buyer loses without each. The services
 * block (stated protection end) only where PROTECTED says every page showed one.
 */
const RELIED_ON: Partial<Record<keyof typeof DETAIL_TAGS, DriftEffect>> = {
  status: 'status',
  info: 'dates',
  services: 'deadlines',
  products: 'items',
};

/** What a missing expected field costs the buyer. */
const FIELD_EFFECT: Readonly<Record<string, DriftEffect>> = {
  status: 'status',
  placedOn: 'dates',
  paidOn: 'dates',
  shippedOn: 'dates',
  completedOn: 'dates',
  'stated.protectionEnd': 'deadlines',
  storeName: 'items',
  items: 'items',
};

/** Dates the info block gives (the `orderCreatTime` spelling is AliExpress's own). */
const INFO_DATES = [
  { field: 'orderCreatTime', labels: ['orderCreatTimeTile', 'orderCreatTimeTitle'], target: 'placedOn' },
  { field: 'payTime', labels: ['payTimeTitle', 'payTimeTile'], target: 'paidOn' },
  { field: 'orderShipTime', labels: ['orderShipTimeTile', 'orderShipTimeTitle'], target: 'shippedOn' },
  { field: 'orderEndTime', labels: ['orderEndTimeTile', 'orderEndTimeTitle'], target: 'completedOn' },
] as const;
type DateTarget = (typeof INFO_DATES)[number]['target'];

/** Statuses after which each date must exist; what a page of that status should have shown. */
const SHIPPED: readonly OrderStatus[] = [
  'awaiting-delivery',
  'completed',
  'dispute-open',
  'dispute-finished',
];
const PAID: readonly OrderStatus[] = ['processing', 'awaiting-shipment', ...SHIPPED];
/** Statuses whose pages showed "Refund if no delivery before <date>" in every capture we know. */
const PROTECTED: readonly OrderStatus[] = ['awaiting-shipment', 'awaiting-delivery', 'completed'];

function expectedFields(status: OrderStatus | undefined): string[] {
  const expected = ['status', 'placedOn', 'storeName', 'items'];
  if (status && PAID.includes(status)) expected.push('paidOn');
  if (status && SHIPPED.includes(status)) expected.push('shippedOn');
  if (status === 'completed') expected.push('completedOn');
  if (status && PROTECTED.includes(status)) expected.push('stated.protectionEnd');
  return expected;
}

/** The order id: a string id, or a number only while it is a safe integer, else the page URL's. */
function detailOrderId(status: Json, info: Json, pageUrl: string | undefined): string | undefined {
  const candidates = [info.tradeOrderId, status.orderId];
  for (const value of candidates) if (typeof value === 'string' && digits(value)) return digits(value);
  for (const value of candidates) if (digits(value)) return digits(value);
  return orderIdFromUrl(pageUrl);
}

export function readDetail(body: unknown, ctx: ReadContext): ReadResult {
  const opened = openBody('detail', body, ctx);
  if (!opened.ok) return opened.result;
  const { log, context, root } = opened;

  const parts = {} as Record<keyof typeof DETAIL_TAGS, Json | undefined>;
  for (const [name, tag] of Object.entries(DETAIL_TAGS) as Array<[keyof typeof DETAIL_TAGS, string]>) {
    const component = componentsByTag(root, tag)[0];
    parts[name] = component;
    if (component) log.found(tag);
    else log.missing(tag);
  }
  // Not one known component: this is not an order detail (a changed API, an error page, a forged
  // body). An order made from the URL's id alone would be an invented record, so nothing comes out.
  if (Object.values(parts).every((part) => part === undefined)) {
    log.problem('no order detail component in the body: nothing read');
    // An error answer (signed out, captcha) is not a changed page.
    if (!retProblem(root)) {
      for (const tag of newTags(root, 'detail'))
        log.drift({ kind: 'new-component', where: tag, effect: 'none' });
      for (const [name, effect] of Object.entries(RELIED_ON) as Array<
        [keyof typeof DETAIL_TAGS, DriftEffect]
      >)
        if (name !== 'services') log.drift({ kind: 'missing-component', where: DETAIL_TAGS[name], effect });
    }
    return log.finish([]);
  }
  const status = fieldsOf(parts.status);
  const info = fieldsOf(parts.info);
  const products = fieldsOf(parts.products);
  const services = fieldsOf(parts.services);
  const progress = fieldsOf(parts.progress);
  for (const tag of newTags(root, 'detail')) log.drift({ kind: 'new-component', where: tag, effect: 'none' });
  const S = DETAIL_TAGS;
  log.drift(typeDrift(`${S.status}.title`, status.title, ['string'], 'status'));
  log.drift(typeDrift(`${S.status}.buttonVOList`, status.buttonVOList, ['array'], 'status'));
  log.drift(typeDrift(`${S.status}.reminder`, status.reminder, ['string'], 'deadlines'));
  for (const entry of INFO_DATES)
    log.drift(typeDrift(`${S.info}.${entry.field}`, info[entry.field], ['string'], 'dates'));
  log.drift(typeDrift(`${S.services}.data`, services.data, ['array'], 'deadlines'));
  for (const service of arr(services.data))
    if (isObj(service))
      log.drift(typeDrift(`${S.services}.data[].content`, service.content, ['string'], 'deadlines'));
  log.drift(typeDrift(`${S.progress}.text`, progress.text, ['string'], 'deadlines'));
  log.drift(typeDrift(`${S.products}.productVOList`, products.productVOList, ['array'], 'items'));
  log.drift(
    typeDrift(
      'global.orderStatus',
      at(root, 'data', 'global', 'orderStatus'),
      ['number', 'string'],
      'status',
    ),
  );

  const orderId = detailOrderId(status, info, context.pageUrl);
  if (!orderId) {
    log.problem('no order id in the body nor the page URL: no snapshot');
    return log.finish([]);
  }
  const urlId = orderIdFromUrl(context.pageUrl);
  if (urlId && urlId !== orderId) log.problem(`body order ${orderId} differs from the page URL's ${urlId}`);

  const productLines = arr(products.productVOList);
  const { lang, dates } = chooseLang(context, {
    statusTexts: [shortText(status.title)],
    labels: INFO_DATES.flatMap((entry) => entry.labels.map((label) => shortText(info[label]))),
    dates: INFO_DATES.map((entry) => shortText(info[entry.field])),
  });

  const statusText = shortText(status.title);
  const buttons = buttonTypes(status.buttonVOList);
  const resolved = readStatus(
    { text: statusText, buttons, code: at(root, 'data', 'global', 'orderStatus'), lang },
    log,
    `${S.status}.title`,
  );

  const dated: Partial<Record<DateTarget, string>> = {};
  for (const entry of INFO_DATES) {
    const text = shortText(info[entry.field]);
    const date = parseDate(text, dates);
    if (date) dated[entry.target] = date;
    else if (text) {
      log.problem(`unreadable date "${text}" in ${entry.field} (lang ${lang ?? '?'})`);
      log.drift({ kind: 'unknown-date', where: `${S.info}.${entry.field}`, effect: 'dates', text });
    }
  }

  // Windows: the status reminder (return / dispute days), the services block (protection end,
  // coupon, free returns), the progress bar (coupon date again) and each line's delivery estimate.
  const stated: StatedWindows = {};
  readWindows(status.reminder, dates, stated);
  for (const service of arr(services.data)) {
    if (isObj(service)) readWindows(service.content, dates, stated);
  }
  readWindows(progress.text, dates, stated);
  for (const line of productLines) {
    readWindows(at(line, 'etaAndTrack', 'expectDeliveryDateTitle'), dates, stated);
  }

  const items = readItems(productLines, log, `order ${orderId}`);
  const seller = isObj(products.sellerVO) ? products.sellerVO : {};
  const draft: OrderSnapshot = compact({
    orderId,
    source: 'detail' as const,
    readAt: context.readAt,
    lang,
    status: resolved.status,
    statusText,
    ...dated,
    storeName: shortText(seller.sellerName),
    storeUrl: safeUrl(seller.storeUrl),
    items: items.length ? items : undefined,
    totalText: shortText(at(fieldsOf(parts.price), 'totalPrice', 'value')),
    buttons: buttons.length ? buttons : undefined,
    stated,
    missing: [],
  });
  const missing: string[] = [];
  for (const name of expectedFields(resolved.status)) {
    const present =
      name === 'stated.protectionEnd' ? draft.stated?.protectionEnd : draft[name as keyof OrderSnapshot];
    if (present === undefined) missing.push(name);
  }
  draft.missing = missing;
  for (const name of missing) log.missing(name);
  for (const name of missing)
    log.drift({ kind: 'missing-field', where: name, effect: FIELD_EFFECT[name] ?? 'none' });
  for (const [name, effect] of Object.entries(RELIED_ON) as Array<[keyof typeof DETAIL_TAGS, DriftEffect]>) {
    if (parts[name]) continue;
    if (name === 'services' && !(resolved.status && PROTECTED.includes(resolved.status))) continue;
    log.drift({ kind: 'missing-component', where: DETAIL_TAGS[name], effect });
  }
  return log.finish([draft]);
}
