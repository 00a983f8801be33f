/**
 * Reader for `mtop.aliexpress.trade.buyer.order.list` (the order list page). Each order is a
 * `pc_om_list_order` component; paging is in `pc_om_list_body`. The list has no shipping date,
 * no tracking number and no protection deadline (notes), so those are never expected here.
 */
import type { Item, OrderSnapshot } from '../core/model';
import { parseDate } from './dates';
import {
  buttonTypes,
  chooseLang,
  compact,
  longText,
  MAX_ITEMS,
  openBody,
  retProblem,
  safeUrl,
  shortText,
} from './draft';
import { newTags, typeDrift } from './drift';
import {
  type HealthLog,
  MAX_ORDERS_PER_READ,
  type ReadContext,
  type ReadResult,
  tooManyOrders,
} from './health';
import { arr, at, bool, componentsByTag, digits, fieldsOf, isObj, num } from './json';
import { orderIdFromUrl } from './pages';
import { readStatus } from './status';

export const LIST_TAGS = { order: 'pc_om_list_order', body: 'pc_om_list_body' } as const;

export interface ListPage {
  hasMore?: boolean;
  pageIndex?: number;
}

export interface ListReadResult extends ReadResult {
  /** Paging, when the response had a `pc_om_list_body` component. */
  page?: ListPage;
}

/** Items of an order (list `orderLines[]` and detail `productVOList[]` share field names). */
export function readItems(lines: unknown, log: HealthLog, where: string): Item[] {
  const items: Item[] = [];
  const all = arr(lines);
  if (all.length > MAX_ITEMS) log.problem(`${where}: ${all.length} items, kept ${MAX_ITEMS}`);
  for (const line of all.slice(0, MAX_ITEMS)) {
    if (!isObj(line)) continue;
    const title = longText(line.itemTitle) ?? longText(line.title);
    if (!title) {
      log.problem(`${where}: an item without a title was skipped`);
      continue;
    }
    const quantity = num(line.quantity);
    const buttons = buttonTypes(line.buttonVOS ?? line.buttonVOList ?? line.buttons);
    items.push(
      compact({
        title,
        quantity:
          quantity !== undefined && Number.isInteger(quantity) && quantity >= 0 ? quantity : undefined,
        productId: digits(line.productId),
        orderLineId: digits(line.orderLineId),
        imageUrl: safeUrl(line.itemImgUrl),
        priceText: shortText(line.itemPriceText),
        buttons: buttons.length ? buttons : undefined,
      }),
    );
  }
  return items;
}

export function readList(body: unknown, ctx: ReadContext): ListReadResult {
  const opened = openBody('list', body, ctx);
  if (!opened.ok) return opened.result;
  const { log, context, root } = opened;

  const orders = componentsByTag(root, LIST_TAGS.order);
  const listBody = componentsByTag(root, LIST_TAGS.body)[0];
  // Refused before any of it is read: no real list page comes near the cap.
  if (orders.length > MAX_ORDERS_PER_READ) {
    log.problem(tooManyOrders(orders.length));
    return log.finish([]);
  }
  if (orders.length) log.found(LIST_TAGS.order);
  else log.missing(LIST_TAGS.order);
  // A list with its body component and no order is an empty list (a new buyer), not a change.
  if (!orders.length && !listBody && !retProblem(root))
    log.drift({ kind: 'missing-component', where: LIST_TAGS.order, effect: 'orders' });
  for (const tag of newTags(root, 'list')) log.drift({ kind: 'new-component', where: tag, effect: 'none' });

  const fieldsList = orders.map((order) => fieldsOf(order));
  const { lang, dates } = chooseLang(context, {
    statusTexts: fieldsList.map((f) => shortText(f.statusText)),
    labels: fieldsList.flatMap((f) => [shortText(f.orderDateTitle), shortText(f.statusTitle)]),
    dates: fieldsList.map((f) => shortText(f.orderDateText)),
  });

  const drafts: OrderSnapshot[] = [];
  for (const [index, order] of orders.entries()) {
    const fields = fieldsOf(order);
    const T = LIST_TAGS.order;
    log.drift(typeDrift(`${T}.statusText`, fields.statusText, ['string'], 'status'));
    log.drift(typeDrift(`${T}.orderDateText`, fields.orderDateText, ['string'], 'dates'));
    log.drift(typeDrift(`${T}.orderLines`, fields.orderLines, ['array'], 'items'));
    log.drift(typeDrift(`${T}.buttons`, fields.buttons, ['array'], 'status'));
    const orderId =
      digits(fields.orderId) ??
      digits(order.id) ??
      orderIdFromUrl(safeUrl(fields.orderDetailUrl)) ??
      digits(at(fields, 'utParams', 'args', 'orderId'));
    if (!orderId) {
      log.problem(`order #${index + 1}: no readable order id, skipped`);
      continue;
    }
    const missing: string[] = [];
    const statusText = shortText(fields.statusText);
    const buttons = buttonTypes(fields.buttons);
    const resolved = readStatus(
      { text: statusText, buttons, code: at(fields, 'utParams', 'args', 'orderStatus'), lang },
      log,
      `${T}.statusText`,
    );
    const dateText = shortText(fields.orderDateText);
    const placedOn = parseDate(dateText, dates);
    if (dateText && !placedOn) {
      log.problem(`unreadable date "${dateText}" (lang ${lang ?? '?'})`);
      log.drift({ kind: 'unknown-date', where: `${T}.orderDateText`, effect: 'dates', text: dateText });
    }
    const items = readItems(fields.orderLines, log, `order ${orderId}`);
    const draft = compact({
      orderId,
      source: 'list' as const,
      readAt: context.readAt,
      lang,
      status: resolved.status,
      statusText,
      placedOn,
      storeName: shortText(fields.storeName),
      storeUrl: safeUrl(fields.storePageUrl),
      items: items.length ? items : undefined,
      totalText: shortText(fields.totalPriceText),
      buttons: buttons.length ? buttons : undefined,
      missing,
    });
    for (const name of ['status', 'placedOn', 'storeName', 'items', 'totalText'] as const) {
      if (draft[name] === undefined) missing.push(name);
    }
    draft.missing = missing;
    for (const name of missing) log.missing(name);
    // Store, items and total are not in every real list order (an expired one has no total):
    // only what deadlines depend on is drift.
    if (!draft.placedOn) log.drift({ kind: 'missing-field', where: 'placedOn', effect: 'dates' });
    if (!draft.status && !draft.statusText)
      log.drift({ kind: 'missing-field', where: 'status', effect: 'status' });
    drafts.push(draft);
  }

  let page: ListPage | undefined;
  if (listBody) {
    log.found(LIST_TAGS.body);
    const fields = fieldsOf(listBody);
    page = compact({ hasMore: bool(fields.hasMore), pageIndex: num(fields.pageIndex) });
  }
  const result: ListReadResult = log.finish(drafts);
  if (page && Object.keys(page).length) result.page = page;
  return result;
}
