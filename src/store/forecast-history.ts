/**
 * The buyer's delivery stage times (`ITEMS.forecastHistory`), learnt by the worker from orders whose
 * tracking says delivered: on each page read, and on a rebuild of every summary (an extension
 * update), so orders delivered before the forecast existed count too.
 */
import { learn } from '../core/forecast';
import type { StoredOrder } from '../core/model';
import { ITEMS, parseItem, type StageHistory } from './items';

/**
 * The forecast history with every delivered parcel among `orders` learnt (src/core/forecast.ts
 * `learn`: once per order, outliers kept out), or undefined when nothing new was learnt.
 */
export function learnDelivered(current: unknown, orders: Iterable<StoredOrder>): StageHistory | undefined {
  const before = parseItem(ITEMS.forecastHistory, current);
  let history: StageHistory = before;
  for (const order of orders) {
    const tracking = order.reads.tracking?.tracking;
    if (tracking?.delivered !== true) continue;
    history = learn(history, order.orderId, tracking) as StageHistory;
  }
  return history === before ? undefined : history;
}
