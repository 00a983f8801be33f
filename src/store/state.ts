/**
 * Reading the store: one parse of storage.local's items, for the worker and for the faces alike.
 * Summaries are in IndexedDB (./summaries.ts); `StoreState.summaries` is filled by whoever reads
 * them (the faces' `loadFaceState`, src/ui/store.ts).
 *
 * Faces call `loadFaceState` directly and again on `storage.onChanged`; they never write. A record that fails its schema is not thrown on: it is listed in `broken` (the worker
 * moves it to `quarantine` on its next run) and every other record keeps working.
 */
import type { StoredOrder } from '../core/model';
import { OrderSummary } from '../core/summary';
import { describeIssues, z } from '../core/z';
import type { StorageArea } from '../platform/types';
import {
  type Checklist,
  checklistKey,
  type Health,
  ITEMS,
  type Ledger,
  type Meta,
  type Note,
  noteKey,
  orderKey,
  type Prefs,
  type QuarantineEntry,
  type StageHistory,
  type SyncState,
} from './items';
import { PREFIXES } from './keys';

/** The part of a storage area the readers need (`browser.storage.local` fits). */
export type ReadableStorage = Pick<StorageArea, 'get'>;

export interface BrokenRecord {
  key: string;
  reason: string;
}

export interface StoreState {
  /**
   * Orders still under `order:<id>` keys: a store not yet migrated to version 3 (orders now live in
   * IndexedDB, which only the worker reads). Faces read `summaries`.
   */
  orders: StoredOrder[];
  /**
   * Every order's summary that parsed, most recently read first (faces `freshen` them with now).
   * Empty from `parseState`: summaries are in IndexedDB, read by `loadFaceState` (src/ui/store.ts).
   */
  summaries: OrderSummary[];
  prefs: Prefs;
  ledger: Ledger;
  /** By order id. */
  checklists: Record<string, Checklist>;
  /** By order id. */
  notes: Record<string, Note>;
  health: Health;
  /** Records already set aside by the worker. */
  quarantine: QuarantineEntry[];
  /** Records failing their schema right now, not yet set aside (the worker does that next run). */
  broken: BrokenRecord[];
  /** Absent before the first migration run (a fresh install or a version-1 store). */
  meta: Meta | undefined;
  /** The buyer's stage times per carrier, for the delivery forecast (`usualTable`). */
  forecastHistory: StageHistory;
  /** Orders known only from sync (another browser read them), as summaries; none while sync is off. */
  syncOrders: OrderSummary[];
  /** Opt-in sync: on or off, and what its last step could not share or read. */
  sync: SyncState;
}

function parseItem<S extends z.ZodMiniType>(
  schema: S,
  key: string,
  value: unknown,
  broken: BrokenRecord[],
): z.output<S> | undefined {
  if (value === undefined) return undefined;
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return parsed.data;
  broken.push({ key, reason: describeIssues(parsed.error) });
  return undefined;
}

function syncOrdersOf(value: unknown): OrderSummary[] {
  if (!Array.isArray(value)) return [];
  const out: OrderSummary[] = [];
  for (const raw of value) {
    const parsed = z.safeParse(OrderSummary, raw);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Pure: the state in a `storage.get(null)` result. */
export function parseState(all: Record<string, unknown>): StoreState {
  const broken: BrokenRecord[] = [];
  const orders: StoredOrder[] = [];
  const summaries: OrderSummary[] = [];
  const checklists: Record<string, Checklist> = {};
  const notes: Record<string, Note> = {};
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(ITEMS.orders.prefix)) {
      const order = parseItem(ITEMS.orders.schema, key, value, broken);
      if (order && orderKey(order.orderId) !== key)
        broken.push({ key, reason: 'orderId does not match its key' });
      else if (order) orders.push(order);
    } else if (key.startsWith(ITEMS.checklists.prefix)) {
      const list = parseItem(ITEMS.checklists.schema, key, value, broken);
      if (list && checklistKey(list.orderId) !== key)
        broken.push({ key, reason: 'orderId does not match its key' });
      else if (list) checklists[list.orderId] = list;
    } else if (key.startsWith(ITEMS.notes.prefix)) {
      const note = parseItem(ITEMS.notes.schema, key, value, broken);
      if (note && noteKey(note.orderId) !== key)
        broken.push({ key, reason: 'orderId does not match its key' });
      else if (note) notes[note.orderId] = note;
    }
  }
  orders.sort((a, b) => b.lastSeen - a.lastSeen || (a.orderId < b.orderId ? -1 : 1));
  const item = <S extends z.ZodMiniType>(decl: { key: string; schema: S; default: () => z.output<S> }) =>
    parseItem(decl.schema, decl.key, all[decl.key], broken) ?? decl.default();
  return {
    orders,
    summaries,
    prefs: item(ITEMS.prefs),
    ledger: item(ITEMS.ledger),
    checklists,
    notes,
    health: item(ITEMS.health),
    quarantine: item(ITEMS.quarantine),
    broken,
    meta: parseItem(ITEMS.meta.schema, ITEMS.meta.key, all[ITEMS.meta.key], broken),
    forecastHistory: item(ITEMS.forecastHistory),
    syncOrders: syncOrdersOf(all[ITEMS.syncOrders.key]),
    sync: item(ITEMS.sync),
  };
}

/** Everything in the store, parsed. One `get(null)`: at 10,000 orders see the README's figures. */
export async function loadState(storage: ReadableStorage): Promise<StoreState> {
  return parseState(await storage.get(null));
}

/** What the popup lists as "needs attention": set-aside records and ones failing right now. */
export function needsAttention(state: StoreState): { key: string; reason: string; at?: number }[] {
  return [
    ...state.quarantine.map((q) => ({ key: q.key, reason: q.reason, at: q.at })),
    ...state.broken.map((b) => ({ key: b.key, reason: b.reason })),
  ];
}

/**
 * What the popup names: how many orders, and how many other records (notes, checklists, settings,
 * reminder marks), could not be read; each record once, however often it was set aside.
 */
export function attentionCounts(state: StoreState): { orders: number; other: number } {
  const keys = new Set(needsAttention(state).map((entry) => entry.key));
  let orders = 0;
  let other = 0;
  for (const key of keys) {
    if (key.startsWith(PREFIXES.order)) orders += 1;
    // A summary is rebuilt from its order: nothing of the buyer's is missing.
    else if (!key.startsWith(PREFIXES.summary)) other += 1;
  }
  return { orders, other };
}
