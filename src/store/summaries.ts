/**
 * Order summaries in IndexedDB (`platform.summaries`, records keyed by `orderId`), for the worker
 * and the extension's own pages alike. Every record read is parsed with `OrderSummary`; one that
 * fails is reported in `broken` (the worker rebuilds it from its order, or sets it aside).
 *
 * Every write of summaries goes through `writeSummaries`: the records first (IndexedDB), then ONE
 * storage.local `set` holding the `changes` signal with the caller's other small items (a page
 * read's health), so faces hear of the write once, and only after the summaries are there to read.
 */
import { allIds, type FirstScreen, usableFirstScreen } from '../core/first-screen';
import { OrderId } from '../core/model';
import { decodeHead, settledBy } from '../core/plan-head';
import { OrderSummary, type StoredSummary } from '../core/summary';
import { describeIssues, z } from '../core/z';
import { unpackItem } from '../platform/idb-read';
import type { PlanningRead, Platform, RecordStore, SettledRecord } from '../platform/types';
import { CHANGES_IDS_MAX, type Changes, Changes as ChangesSchema, ITEMS, summaryKey } from './items';

export interface BrokenSummary {
  /** How the quarantine names it: `sum:<id>`. */
  key: string;
  orderId: string;
  raw: unknown;
  reason: string;
}

export interface ReadSummaries {
  summaries: OrderSummary[];
  broken: BrokenSummary[];
}

const idOf = (raw: unknown): string =>
  typeof raw === 'object' && raw !== null && 'orderId' in raw ? String(raw.orderId) : '';

/** Most recently read first; ties by order id, so every view lists them alike. */
type Recency = { readonly orderId: string; readonly view: { readonly lastReadAt: number } };
export const byMostRecentRead = (a: Recency, b: Recency): number =>
  b.view.lastReadAt - a.view.lastReadAt || (a.orderId < b.orderId ? -1 : 1);

/** Parses records as IndexedDB gave them back, most recently read first. */
export function parseSummaries(records: readonly unknown[]): ReadSummaries {
  const summaries: OrderSummary[] = [];
  const broken: BrokenSummary[] = [];
  for (const raw of records) {
    const parsed = z.safeParse(OrderSummary, raw);
    if (parsed.success) summaries.push(parsed.data);
    else {
      const orderId = idOf(raw);
      broken.push({ key: summaryKey(orderId), orderId, raw, reason: describeIssues(parsed.error) });
    }
  }
  summaries.sort(byMostRecentRead);
  return { summaries, broken };
}

/**
 * Just enough of a stored summary to know that nothing in it can cost money any more: the order
 * is final (completed, closed, dispute finished: no open case, nothing still on its way) and every
 * money window has a close, and it is past. Such an order is "done" in every view (its journey,
 * src/core/journey.ts), whatever the ledger says (marking a window handled only ever moves an
 * order towards done).
 */
const SummaryHead = z.object({
  orderId: OrderId,
  view: z.object({ lastReadAt: z.number(), final: z.boolean() }),
  windows: z.array(z.object({ losesMoney: z.boolean(), closesAt: z.nullable(z.number()) })),
});

/** A record left unparsed for now: `read()` gives it, as stored. */
export interface Deferred {
  readonly orderId: string;
  read(): unknown;
}

export interface DeferredRead extends ReadSummaries {
  /**
   * Records left unparsed: all of orders that are certainly closed at `now`, past the `keepClosed`
   * most recently read ones. Parse them with `withDeferred` when there is time; they sort after
   * everything in `summaries` that is closed, and change no other group.
   */
  deferred: Deferred[];
}

/**
 * Parses what a list's first screen needs and leaves the long tail for later: at 2,000 orders
 * most are closed, and the popup shows the closed ones 25 at a time, most recently read first.
 * Each record's small head is parsed first (zod, like everything read); a record whose head does
 * not parse is parsed in full at once, so that it is reported like any bad record. `settled` are
 * orders the store's plan heads already say are over at `now` (every window opened and closed):
 * neither their JSON nor their head is parsed unless they are among the first screen's.
 */
export function parseSummariesDeferring(
  records: readonly unknown[],
  now: number,
  keepClosed: number,
  settled: readonly SettledRecord[] = [],
): DeferredRead {
  const open: unknown[] = [];
  const closed: { head: Recency; read: () => unknown }[] = [];
  for (const raw of records) {
    const head = z.safeParse(SummaryHead, raw);
    if (
      head.success &&
      head.data.windows.every((w) => !w.losesMoney || (w.closesAt !== null && w.closesAt <= now))
    ) {
      closed.push({ head: head.data, read: () => raw });
    } else open.push(raw);
  }
  for (const s of settled) {
    if (s.head.lastAt !== null && s.head.lastAt <= now)
      closed.push({ head: { orderId: s.orderId, view: { lastReadAt: s.head.readAt } }, read: s.read });
    else open.push(s.read());
  }
  closed.sort((a, b) => byMostRecentRead(a.head, b.head));
  const read = parseSummaries([...open, ...closed.slice(0, keepClosed).map((c) => c.read())]);
  return {
    ...read,
    deferred: closed.slice(keepClosed).map((c) => ({ orderId: c.head.orderId, read: c.read })),
  };
}

/**
 * The first screen's summaries as `readPlanning(now)` gives them (records, and settled ones left
 * unread), with every order id the store holds; undefined when the record cannot serve a first
 * screen of `keep` closed orders (src/core/first-screen.ts): then read everything.
 */
export function firstScreenRead(
  screen: FirstScreen,
  now: number,
  keep: number,
): { read: PlanningRead; all: ReadonlySet<string> } | undefined {
  const all = new Set(allIds(screen));
  if (!usableFirstScreen(screen, all, keep)) return undefined;
  const read: PlanningRead = { records: [], settled: [] };
  for (const [i, orderId] of screen.ids.entries()) {
    const json = screen.items[i] as string;
    const head = decodeHead(screen.heads[i]);
    if (head && settledBy(head, now))
      read.settled.push({ orderId, head, read: () => unpackItem(orderId, json) });
    else read.records.push(unpackItem(orderId, json));
  }
  return { read, all };
}

/** `summaries` with the `deferred` records parsed in, most recently read first (bad ones left out). */
export function withDeferred(
  summaries: readonly OrderSummary[],
  deferred: readonly Deferred[],
): OrderSummary[] {
  return [...summaries, ...parseSummaries(deferred.map((d) => d.read())).summaries].sort(byMostRecentRead);
}

/** These orders' summaries (every order's when no ids are given), parsed. */
export async function readSummaries(
  store: Pick<RecordStore, 'get' | 'getAll'>,
  orderIds?: readonly string[],
): Promise<ReadSummaries> {
  if (orderIds === undefined) return parseSummaries(await store.getAll());
  return parseSummaries(orderIds.length === 0 ? [] : await store.get(orderIds));
}

/**
 * The stored summaries of these orders (every order's when no ids are given), each parsed; absent
 * or broken ones are left out (the worker sets broken ones aside on its next run).
 */
export async function loadSummaries(
  store: Pick<RecordStore, 'get' | 'getAll'>,
  orderIds?: readonly string[],
): Promise<OrderSummary[]> {
  return (await readSummaries(store, orderIds)).summaries;
}

/** The signal after `previous` for these changed orders (`all` for every order, or too many). */
export function nextChanges(previous: unknown, orderIds: readonly string[] | 'all', now: number): Changes {
  const parsed = z.safeParse(ChangesSchema, previous);
  const rev = (parsed.success ? parsed.data.rev : 0) + 1;
  const ids = orderIds === 'all' ? [] : [...new Set(orderIds)];
  if (orderIds === 'all' || ids.length > CHANGES_IDS_MAX) return { rev, at: now, orderIds: [], all: true };
  return { rev, at: now, orderIds: ids };
}

/**
 * Writes summaries and removes those of `remove` (order ids) in IndexedDB, then `extra` (small
 * storage.local items) with the `changes` signal in one `set`. With nothing to write, `extra`
 * alone (when any). `signal: 'all'` says every summary may have changed.
 */
export async function writeSummaries(
  platform: Platform,
  put: readonly StoredSummary[],
  remove: readonly string[],
  extra: Record<string, unknown> = {},
  signal?: 'all',
): Promise<void> {
  if (put.length > 0) await platform.summaries.put(put);
  if (remove.length > 0) await platform.summaries.delete(remove);
  const writes: Record<string, unknown> = { ...extra };
  if (put.length > 0 || remove.length > 0 || signal === 'all') {
    const key = ITEMS.changes.key;
    const previous = (await platform.storage.get([key]))[key];
    const ids = signal ?? [...put.map((s) => s.orderId), ...remove];
    writes[key] = nextChanges(previous, ids, platform.now());
  }
  if (Object.keys(writes).length > 0) await platform.storage.set(writes);
}
