/**
 * Full orders (IndexedDB, `platform.orders`) and their summaries (`sum:<id>` in storage.local), for
 * the worker only. Every record read from IndexedDB is parsed with `StoredOrder`; one that fails is
 * set aside into `quarantine` whole (never wiped) and every other order keeps working.
 *
 * A summary is derived data: rebuilt from its order whenever the order changes (page read, import,
 * migration), when the buyer's time zone changes, and on every extension update (the rules may have
 * changed). Writes are ordered so that a worker killed in between loses nothing: the order goes to
 * IndexedDB first, its summary after; a missing or stale summary is rebuilt by the next read of the
 * order, the next start (`reconcileSummaries`) or the next update.
 */
import { buildLadder } from '../core/ladder';
import { type StoredOrder, StoredOrder as StoredOrderSchema } from '../core/model';
import { type OrderSummary, type StoredSummary, summarize, toStored } from '../core/summary';
import { describeIssues, z } from '../core/z';
import type { Platform } from '../platform/types';
import { ITEMS, orderKey, Quarantine, type QuarantineEntry, summaryKey } from './items';

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

/**
 * The storage.local changes that bring these orders' summaries up to date: `set` holds the ones
 * that differ from `stored` (keyed `sum:<id>`), `remove` the keys of orders the rules failed on.
 */
export function summaryChanges(
  orders: Iterable<StoredOrder>,
  ctx: SummaryContext,
  stored: Readonly<Record<string, unknown>>,
): { set: Record<string, StoredSummary>; remove: string[]; summaries: OrderSummary[] } {
  const set: Record<string, StoredSummary> = {};
  const remove: string[] = [];
  const summaries: OrderSummary[] = [];
  for (const order of orders) {
    const key = summaryKey(order.orderId);
    const summary = summaryOf(order, ctx);
    if (!summary) {
      if (stored[key] !== undefined) remove.push(key);
      continue;
    }
    summaries.push(summary);
    const compact = toStored(summary);
    if (!sameSummary(stored[key], compact)) set[key] = compact;
  }
  return { set, remove, summaries };
}

/** The quarantine with these entries added; an entry already there (same key and record) is not repeated. */
export function withQuarantined(current: unknown, added: readonly QuarantineEntry[]): Quarantine {
  const parsed = z.safeParse(Quarantine, current);
  const list = parsed.success ? [...parsed.data] : [];
  const seen = new Set(list.map((q) => `${q.key}\u0000${JSON.stringify(q.raw)}`));
  for (const entry of added) {
    const id = `${entry.key}\u0000${JSON.stringify(entry.raw)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    list.push(entry);
  }
  return list;
}

/**
 * Sets aside orders that fail their schema: copied whole into `quarantine` first, then deleted from
 * IndexedDB (so a new read starts a good record), then their summaries removed. Run again after a
 * crash at any point, it finishes the job without a second copy.
 */
export async function setAsideOrders(
  platform: Platform,
  broken: readonly BrokenOrder[],
  now: number,
): Promise<void> {
  if (broken.length === 0) return;
  const q = ITEMS.quarantine.key;
  const current = (await platform.storage.get([q]))[q];
  const added = broken.map((b) => ({ key: b.key, raw: b.raw, reason: b.reason, at: now }));
  await platform.storage.set({ [q]: withQuarantined(current, added) });
  await platform.orders.delete(broken.map((b) => b.orderId));
  await platform.storage.remove(broken.map((b) => summaryKey(b.orderId)));
}

/**
 * Rebuilds every summary from IndexedDB (a new time zone, an extension update): writes only those
 * that changed, removes summaries whose order is gone, sets aside orders that fail their schema.
 * Returns every summary as now stored.
 */
export async function rebuildSummaries(platform: Platform): Promise<OrderSummary[]> {
  const ctx = summaryContext(platform);
  const [{ orders, broken }, stored] = await Promise.all([
    readAllOrders(platform),
    platform.storage.get(null),
  ]);
  await setAsideOrders(platform, broken, ctx.now);
  const changes = summaryChanges(orders.values(), ctx, stored);
  const orphans = Object.keys(stored).filter(
    (key) => key.startsWith(ITEMS.summaries.prefix) && !orders.has(key.slice(ITEMS.summaries.prefix.length)),
  );
  if (Object.keys(changes.set).length > 0) await platform.storage.set(changes.set);
  const remove = [...changes.remove, ...orphans];
  if (remove.length > 0) await platform.storage.remove(remove);
  return changes.summaries;
}

/**
 * At start: if the orders in IndexedDB and the summaries in storage.local do not match one to one
 * (a worker killed between the two writes), rebuilds. Cheap when they match: keys only.
 */
export async function reconcileSummaries(platform: Platform): Promise<boolean> {
  const [ids, stored] = await Promise.all([platform.orders.keys(), platform.storage.get(null)]);
  const prefix = ITEMS.summaries.prefix;
  const summaryIds = new Set(
    Object.keys(stored)
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length)),
  );
  const matches = ids.length === summaryIds.size && ids.every((id) => summaryIds.has(id));
  if (matches) return false;
  await rebuildSummaries(platform);
  return true;
}
