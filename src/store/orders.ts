/**
 * Full orders (IndexedDB, `platform.orders`) and their summaries (IndexedDB, `platform.summaries`),
 * as the worker writes them. Every record read from IndexedDB is parsed with `StoredOrder`; one that fails is
 * set aside into `quarantine` whole (never wiped) and every other order keeps working.
 *
 * A summary is derived data: rebuilt from its order whenever the order changes (page read, import,
 * migration), when the buyer's time zone changes, and on every extension update (the rules may have
 * changed). Writes are ordered so that a worker killed in between loses nothing: the order goes to
 * IndexedDB first, its summary after; a missing or stale summary is rebuilt by the next read of the
 * order, the next start (`reconcileSummaries`) or the next update.
 */
import { buildLadder } from '../core/ladder';
import { type CivilDate, type StoredOrder, StoredOrder as StoredOrderSchema } from '../core/model';
import { type OrderSummary, type StoredSummary, summarize, toStored } from '../core/summary';
import { describeIssues, z } from '../core/z';
import type { Platform } from '../platform/types';
import { learnDelivered } from './forecast-history';
import { ITEMS, orderKey } from './items';
import { setAsideOrders } from './quarantine';
import { writeSummaries } from './summaries';

export interface BrokenOrder {
  /** The order's key as a backup and the quarantine name it: `order:<id>`. */
  key: string;
  orderId: string;
  raw: unknown;
  reason: string;
}

export interface ReadOrders {
  orders: Map<string, StoredOrder>;
  broken: BrokenOrder[];
}

const idOf = (raw: unknown): string =>
  typeof raw === 'object' && raw !== null && 'orderId' in raw ? String(raw.orderId) : '';

/** Parses records as IndexedDB gave them back. */
export function parseOrders(records: readonly unknown[]): ReadOrders {
  const orders = new Map<string, StoredOrder>();
  const broken: BrokenOrder[] = [];
  for (const raw of records) {
    const orderId = idOf(raw);
    const parsed = z.safeParse(StoredOrderSchema, raw);
    if (parsed.success) orders.set(parsed.data.orderId, parsed.data);
    else broken.push({ key: orderKey(orderId), orderId, raw, reason: describeIssues(parsed.error) });
  }
  return { orders, broken };
}

export async function readOrders(platform: Platform, ids: readonly string[]): Promise<ReadOrders> {
  return parseOrders(ids.length === 0 ? [] : await platform.orders.get(ids));
}

export async function readAllOrders(platform: Platform): Promise<ReadOrders> {
  return parseOrders(await platform.orders.getAll());
}

export interface SummaryContext {
  now: number;
  timeZone: string;
}

export const summaryContext = (platform: Platform): SummaryContext => ({
  now: platform.now(),
  timeZone: platform.timeZone(),
});

/** The order's summary, or undefined when the rules cannot build its ladder (logged, others go on). */
export function summaryOf(order: StoredOrder, ctx: SummaryContext): OrderSummary | undefined {
  try {
    return summarize(buildLadder(order, ctx), ctx);
  } catch (error) {
    console.warn('[protection-clock] no deadlines for order', order.orderId, error);
    return undefined;
  }
}

/** Same summary but for when it was built: rewriting it would only wake every view for nothing. */
export function sameSummary(stored: unknown, next: StoredSummary): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  return JSON.stringify({ ...stored, builtAt: 0 }) === JSON.stringify({ ...next, builtAt: 0 });
}

/** The stored summary records of these orders, by order id, as IndexedDB holds them (unparsed). */
export async function storedSummaries(
  platform: Platform,
  orderIds: readonly string[],
): Promise<Map<string, unknown>> {
  const records = orderIds.length === 0 ? [] : await platform.summaries.get(orderIds);
  return byOrderId(records);
}

export const byOrderId = (records: readonly unknown[]): Map<string, unknown> =>
  new Map(records.map((r) => [idOf(r), r]));

/**
 * The summary writes that bring these orders' summaries up to date: `put` holds the ones that
 * differ from `stored` (by order id), `remove` the ids of stored ones the rules now fail on.
 */
export function summaryChanges(
  orders: Iterable<StoredOrder>,
  ctx: SummaryContext,
  stored: ReadonlyMap<string, unknown>,
): { put: StoredSummary[]; remove: string[]; summaries: OrderSummary[] } {
  const put: StoredSummary[] = [];
  const remove: string[] = [];
  const summaries: OrderSummary[] = [];
  for (const order of orders) {
    const summary = summaryOf(order, ctx);
    if (!summary) {
      if (stored.get(order.orderId) !== undefined) remove.push(order.orderId);
      continue;
    }
    summaries.push(summary);
    const compact = toStored(summary);
    if (!sameSummary(stored.get(order.orderId), compact)) put.push(compact);
  }
  return { put, remove, summaries };
}

/**
 * Rebuilds every summary from IndexedDB (a new time zone, an extension update): writes only those
 * that changed, removes summaries whose order is gone (or fails its schema: those orders are set
 * aside). Returns every summary as now stored.
 */
export async function rebuildSummaries(platform: Platform): Promise<OrderSummary[]> {
  const ctx = summaryContext(platform);
  const [{ orders, broken }, records, small] = await Promise.all([
    readAllOrders(platform),
    platform.summaries.getAll(),
    platform.storage.get([ITEMS.forecastHistory.key]),
  ]);
  await setAsideOrders(platform, broken, ctx.now);
  const stored = byOrderId(records);
  const changes = summaryChanges(orders.values(), ctx, stored);
  const orphans = [...stored.keys()].filter((id) => !orders.has(id) && !broken.some((b) => b.orderId === id));
  // Delivered orders read before the forecast existed teach it too (each order once).
  const history = learnDelivered(small[ITEMS.forecastHistory.key], orders.values());
  await writeSummaries(
    platform,
    changes.put,
    [...changes.remove, ...orphans],
    history === undefined ? {} : { [ITEMS.forecastHistory.key]: history },
  );
  return changes.summaries;
}

/**
 * At start: if the orders and the summaries in IndexedDB do not match one to one (a worker killed
 * between the two writes), rebuilds. Cheap when they match: keys only.
 */
export async function reconcileSummaries(platform: Platform): Promise<boolean> {
  const [ids, summaryIds] = await Promise.all([platform.orders.keys(), platform.summaries.keys()]);
  const have = new Set(summaryIds);
  const matches = ids.length === have.size && ids.every((id) => have.has(id));
  if (matches) return false;
  await rebuildSummaries(platform);
  return true;
}

/**
 * At start, after `reconcileSummaries`: every order that fails its schema is set aside now, not
 * when a page next reads it (a corrupt order used to sit, hidden, until then). One read of every
 * order, once per browser start: about 0.4 s at 10,000 orders.
 */
export async function sweepOrders(platform: Platform): Promise<number> {
  const { broken } = await readAllOrders(platform);
  await setAsideOrders(platform, broken, platform.now());
  return broken.length;
}

/**
 * The buyer says the seller agreed to a return on `on` (null: takes it back). Written into the
 * order's own record (`buyer`, which page reads keep as it is), then its summary, so every face
 * shows the stage and the days to ship it back. Returns false when no such order is stored.
 */
export async function setReturnAgreed(
  platform: Platform,
  orderId: string,
  on: CivilDate | null,
): Promise<boolean> {
  const [{ orders, broken }, stored] = await Promise.all([
    readOrders(platform, [orderId]),
    storedSummaries(platform, [orderId]),
  ]);
  await setAsideOrders(platform, broken, platform.now());
  const order = orders.get(orderId);
  if (order === undefined) return false;
  const { buyer: _previous, ...rest } = order;
  const next: StoredOrder =
    on === null ? rest : { ...rest, buyer: { returnAgreedOn: on, at: platform.now() } };
  await platform.orders.put([next]);
  const { put, remove } = summaryChanges([next], summaryContext(platform), stored);
  await writeSummaries(platform, put, remove);
  return true;
}
