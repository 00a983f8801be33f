/**
 * Every item the extension keeps, declared once: its key (or key prefix), its zod schema, its
 * default and the store schema version in which its shape last changed.
 *
 * Full orders live in IndexedDB (`platform.orders`, keyed by order id; only the worker reads them):
 * storage.local's 10 MB quota holds about 2,500 of them. Each order has a small summary (its
 * ladder precomputed) that the scheduler, the badge and every face read, in IndexedDB too
 * (`platform.summaries`, from store version 4; `sum:<id>` keys in storage.local before: 6,000 of
 * them filled its quota). storage.local keeps only small items, and `changes`, the one key whose
 * change tells faces which summaries the worker rewrote. `order:<id>` is the key form an order
 * takes in a backup file (and took in storage.local up to store version 2). Per-order user data
 * stays one key per order (`checklist:<id>`, `note:<id>`): a page read writes only the orders it
 * changed, a record that fails its schema costs only that
 * record, and two commands for different orders never rewrite each other's data. Small global
 * items (prefs, ledger, health, quarantine, changes, meta) are one key each.
 *
 * Order data (what pages say) and user data (checklists, notes, handled, snoozes, prefs) never share
 * a key: a page read cannot overwrite what the buyer did.
 *
 * Faces (popup, options) read storage.local and the summaries directly (`loadState` in ./state.ts,
 * `loadSummaries` in ./summaries.ts) and listen to `storage.onChanged`; the page faces ask the
 * worker for summaries; they change state only by sending commands
 * (src/messages.ts). The worker is the only writer.
 */
import { ParserHealth } from '../aliexpress/health-schema';
import { ReadBurst } from '../core/burst';
import { DISPUTE_REASONS } from '../core/dispute-reasons';
import { EMPTY_HISTORY, HISTORY_ORDERS, HISTORY_SAMPLES, STAGE_PATH } from '../core/forecast';
import { emptyLedger, Ledger } from '../core/ledger';
import { Instant, OrderId, StoredOrder } from '../core/model';
import { DEFAULT_PREFS, Prefs } from '../core/prefs';
import { OrderSummary, StoredSummary } from '../core/summary';
import { StoredSyncDoc } from '../core/sync-doc';
import { z } from '../core/z';
import type { StorageArea } from '../platform/types';
import { KEYS, PREFIXES, SESSION_KEYS } from './keys';

/**
 * The store's schema version. 1: the walking skeleton (orders without `fieldReadAt`, no `meta`).
 * 2: `meta.schemaVersion`, `fieldReadAt`, and the user-data items. Any later change to a stored
 * shape bumps this and adds a numbered migration in ./migrations.ts.
 * 3: orders move from `order:<id>` keys to IndexedDB, and each gets a `sum:<id>` summary.
 * 4: summaries move from `sum:<id>` keys to IndexedDB (a `summaries` store; since database
 *    version 3, `summary-packs`: src/platform/idb.ts); `changes` appears.
 */
export const SCHEMA_VERSION = 4;

/** storage.local key prefix of summaries in store version 3 (migration 4 moves them out). */
export const LEGACY_SUMMARY_PREFIX = PREFIXES.summary;

/** An item stored under one key. */
export interface KeyItem<S extends z.ZodMiniType> {
  readonly key: string;
  readonly schema: S;
  readonly default: () => z.output<S>;
  /** The store version in which this item's shape last changed. */
  readonly version: number;
}

/** An item stored under one key per order: `${prefix}${orderId}`. Absent means "none". */
export interface PrefixItem<S extends z.ZodMiniType> {
  readonly prefix: string;
  readonly schema: S;
  readonly version: number;
}

/** The reasons of the evidence checklists (core/evidence.ts gives each its items). */
export const ChecklistReason = z.enum(DISPUTE_REASONS);
export type ChecklistReason = z.infer<typeof ChecklistReason>;

/**
 * The most orders the store keeps (issue #12: forged pages made 75,000). A long-time buyer has a
 * few thousand; past the cap, the oldest orders whose every window closed long ago make room.
 */
export const MAX_ORDERS = 20_000;
/** An evidence checklist has about ten items; a record with more ticks is not one of ours. */
export const MAX_TICKS = 100;
/** Set-aside records kept for the buyer to look at; the oldest go first. */
export const MAX_QUARANTINE = 100;

const atMost =
  (n: number) =>
  (record: Readonly<Record<string, unknown>>): boolean => {
    let count = 0;
    for (const _ in record) if (++count > n) return false;
    return true;
  };

/** Checklist item ids are short slugs chosen by core/evidence.ts. */
export const ChecklistItemId = z.string().check(z.regex(/^[\w.-]{1,100}$/));

export const Checklist = z.object({
  orderId: OrderId,
  reason: ChecklistReason,
  ticks: z
    .record(ChecklistItemId, z.boolean())
    .check(z.refine(atMost(MAX_TICKS), `at most ${MAX_TICKS} ticks`)),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Checklist = z.infer<typeof Checklist>;

export const NOTE_MAX = 5_000;
export const Note = z.object({
  orderId: OrderId,
  text: z.string().check(z.minLength(1), z.maxLength(NOTE_MAX)),
  updatedAt: Instant,
});
export type Note = z.infer<typeof Note>;

/**
 * The page kinds the content script reports (same names as src/aliexpress/pages.ts). Declared here
 * and re-exported by src/messages.ts, which imports this file (the other way round would be a cycle).
 */
export const PageKind = z.enum(['order-list', 'order-detail', 'tracking', 'refunds']);
export type PageKind = z.infer<typeof PageKind>;

export const UnreadableReason = z.enum(['captcha', 'login', 'nothing-found']);
export type UnreadableReason = z.infer<typeof UnreadableReason>;

/** The last read of one page kind: how the parser did, or why the page could not be read at all. */
export const HealthEntry = z.object({
  health: z.optional(ParserHealth),
  /** Epoch ms of the last read (or unreadable page) of this kind. */
  at: z.number(),
  /** Set when the last visit was a wall; cleared by the next good read. */
  unreadable: z.optional(UnreadableReason),
  url: z.optional(z.string().check(z.maxLength(2_000))),
  /** The store was full (MAX_ORDERS): orders closed long ago removed, new orders not kept. */
  full: z.optional(z.object({ evicted: z.number(), refused: z.number(), at: Instant })),
});
export type HealthEntry = z.infer<typeof HealthEntry>;
export const Health = z.partialRecord(PageKind, HealthEntry);
export type Health = z.infer<typeof Health>;

/** A record that failed its schema, set aside whole (never deleted) so the popup can show it. */
export const QuarantineEntry = z.object({
  key: z.string(),
  raw: z.unknown(),
  reason: z.string(),
  at: z.number(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;
export const Quarantine = z.array(QuarantineEntry).check(z.maxLength(MAX_QUARANTINE));
export type Quarantine = z.infer<typeof Quarantine>;

/** At most this many order ids in one `changes` signal; more and it says `all`. */
export const CHANGES_IDS_MAX = 500;

/**
 * The signal of a summary write: which orders' summaries changed or went (`all` when too many to
 * list, or when every one may have: a rebuild, a migration, a deletion). Written in the same
 * storage.local `set` as the write's other small items, so faces hear of a write once.
 */
export const Changes = z.object({
  rev: z.number(),
  at: z.number(),
  orderIds: z.array(OrderId).check(z.maxLength(CHANGES_IDS_MAX)),
  all: z.optional(z.boolean()),
});
export type Changes = z.infer<typeof Changes>;

/**
 * How long each tracking stage took in the buyer's delivered orders, per carrier (src/core/forecast.ts
 * `StageHistory`): learnt by the worker from tracking reads that say delivered. Derived from order
 * data (a page read may add to it, as to its own order); backups leave it out like parser health.
 */
const StageDays = z
  .array(z.number().check(z.nonnegative(), z.maximum(365)))
  .check(z.maxLength(HISTORY_SAMPLES));
const [firstStage, ...otherStages] = STAGE_PATH;
export const StageHistory = z.object({
  carriers: z.record(
    z.string().check(z.maxLength(300)),
    z.partialRecord(z.enum([firstStage, ...otherStages]), StageDays),
  ),
  learnt: z.array(OrderId).check(z.maxLength(HISTORY_ORDERS)),
});
export type StageHistory = z.infer<typeof StageHistory>;

const Names = z.array(z.string().check(z.maxLength(120))).check(z.maxLength(200));
/**
 * Opt-in sync (src/background/sync.ts), off until the buyer turns it on in the options page. `doc`
 * is the shared state as this browser merged it last (src/core/sync.ts), `writes` the times of
 * its recent storage.sync writes (the write limits), `report` what the last step could not share
 * (`left`) or read (`bad`: corrupt or foreign items, ignored), or the error storage.sync gave.
 */
export const SyncState = z.object({
  on: z.boolean(),
  doc: z.optional(StoredSyncDoc),
  writes: z._default(z.array(z.number()).check(z.maxLength(2_000)), () => []),
  report: z.optional(
    z.object({
      at: z.number(),
      left: Names,
      bad: Names,
      error: z.optional(z.string().check(z.maxLength(300))),
    }),
  ),
});
export type SyncState = z.infer<typeof SyncState>;

export const Meta = z.object({ schemaVersion: z.number().check(z.int(), z.positive()) });
export type Meta = z.infer<typeof Meta>;

export const ITEMS = {
  /**
   * Full orders: in IndexedDB from version 3 (records keyed by `orderId`); `order:<id>` is their key
   * in backup files, and was their storage.local key up to version 2.
   */
  orders: { prefix: PREFIXES.order, schema: StoredOrder, version: 2 } satisfies PrefixItem<
    typeof StoredOrder
  >,
  /**
   * Each order's summary (its ladder, precomputed; src/core/summary.ts), written by the worker
   * whenever the order changes. Planning, the badge and every face read these, never full orders.
   * In IndexedDB (`platform.summaries`, records keyed by `orderId`) from version 4; `sum:<id>`
   * names one in the quarantine.
   */
  summaries: { prefix: LEGACY_SUMMARY_PREFIX, schema: OrderSummary, version: 4 } satisfies PrefixItem<
    typeof OrderSummary
  >,
  checklists: { prefix: PREFIXES.checklist, schema: Checklist, version: 2 } satisfies PrefixItem<
    typeof Checklist
  >,
  notes: { prefix: PREFIXES.note, schema: Note, version: 2 } satisfies PrefixItem<typeof Note>,
  prefs: {
    key: KEYS.prefs,
    schema: Prefs,
    default: () => structuredClone(DEFAULT_PREFS),
    version: 2,
  } satisfies KeyItem<typeof Prefs>,
  ledger: { key: KEYS.ledger, schema: Ledger, default: emptyLedger, version: 2 } satisfies KeyItem<
    typeof Ledger
  >,
  health: { key: KEYS.health, schema: Health, default: () => ({}), version: 2 } satisfies KeyItem<
    typeof Health
  >,
  quarantine: { key: KEYS.quarantine, schema: Quarantine, default: () => [], version: 2 } satisfies KeyItem<
    typeof Quarantine
  >,
  changes: {
    key: KEYS.changes,
    schema: Changes,
    default: () => ({ rev: 0, at: 0, orderIds: [] }),
    version: 4,
  } satisfies KeyItem<typeof Changes>,
  forecastHistory: {
    key: KEYS.forecastHistory,
    schema: StageHistory,
    default: () => structuredClone(EMPTY_HISTORY) as StageHistory,
    version: 4,
  } satisfies KeyItem<typeof StageHistory>,
  sync: {
    key: KEYS.sync,
    schema: SyncState,
    default: () => ({ on: false, writes: [] }),
    version: 4,
  } satisfies KeyItem<typeof SyncState>,
  /** Orders another browser shares that this one has not read: summaries built from the index. */
  syncOrders: {
    key: KEYS.syncOrders,
    schema: z.array(StoredSummary).check(z.maxLength(2_000)),
    default: () => [],
    version: 4,
  } satisfies KeyItem<z.ZodMiniArray<typeof StoredSummary>>,
  meta: {
    key: KEYS.meta,
    schema: Meta,
    default: () => ({ schemaVersion: SCHEMA_VERSION }),
    version: 2,
  } satisfies KeyItem<typeof Meta>,
  /**
   * Whether the buyer collapsed the order panel. The one item the page's content script writes
   * itself (a UI choice no rule depends on); not part of the store's state or of backups.
   */
  overlayCollapsed: {
    key: KEYS.overlayCollapsed,
    schema: z.boolean(),
    default: () => false,
    version: 4,
  } satisfies KeyItem<z.ZodMiniBoolean>,
} as const;

/** The last notifications shown this session (popup and e2e tests read them back). */
export const RecentNotification = z.object({
  id: z.string(),
  title: z.string(),
  message: z.string(),
  at: z.number(),
});
export type RecentNotification = z.infer<typeof RecentNotification>;

/** Tab id (as a string) → the order id that tab shows. */
export const Focus = z.record(z.string(), z.string());
export type Focus = z.infer<typeof Focus>;

/** Items in `storage.session` (in memory, gone when the browser closes; the worker's only). */
export const SESSION_ITEMS = {
  focus: { key: SESSION_KEYS.focus, schema: Focus, default: () => ({}), version: 4 } satisfies KeyItem<
    typeof Focus
  >,
  recentNotifications: {
    key: SESSION_KEYS.recentNotifications,
    schema: z.array(RecentNotification),
    default: () => [],
    version: 4,
  } satisfies KeyItem<z.ZodMiniArray<typeof RecentNotification>>,
  readBurst: {
    key: SESSION_KEYS.readBurst,
    schema: z.nullable(ReadBurst),
    default: () => null,
    version: 4,
  } satisfies KeyItem<z.ZodMiniNullable<typeof ReadBurst>>,
} as const;

/** An item's value, or its default when absent or failing its schema (the failure is not an error here: see `parseState` for records that must be set aside). */
export async function readItem<S extends z.ZodMiniType>(
  area: Pick<StorageArea, 'get'>,
  item: KeyItem<S>,
): Promise<z.output<S>> {
  return parseItem(item, (await area.get([item.key]))[item.key]);
}

/** `value` parsed as `item`, or its default when absent or failing its schema. */
export function parseItem<S extends z.ZodMiniType>(item: KeyItem<S>, value: unknown): z.output<S> {
  if (value === undefined) return item.default();
  const parsed = z.safeParse(item.schema, value);
  return parsed.success ? parsed.data : item.default();
}

export async function writeItem<S extends z.ZodMiniType>(
  area: Pick<StorageArea, 'set'>,
  item: KeyItem<S>,
  value: z.output<S>,
): Promise<void> {
  await area.set({ [item.key]: value });
}

/** Items under one key per order in storage.local (summaries are not: they are in IndexedDB). */
export const PREFIX_ITEMS = [ITEMS.orders, ITEMS.checklists, ITEMS.notes] as const;
export const KEY_ITEMS = [
  ITEMS.prefs,
  ITEMS.ledger,
  ITEMS.health,
  ITEMS.quarantine,
  ITEMS.changes,
  ITEMS.forecastHistory,
  ITEMS.meta,
] as const;

export const orderKey = (orderId: string): string => ITEMS.orders.prefix + orderId;
export const summaryKey = (orderId: string): string => ITEMS.summaries.prefix + orderId;
export const checklistKey = (orderId: string): string => ITEMS.checklists.prefix + orderId;
export const noteKey = (orderId: string): string => ITEMS.notes.prefix + orderId;

/** The item a storage key belongs to, or undefined for keys we do not own. */
export function itemOfKey(key: string): PrefixItem<z.ZodMiniType> | KeyItem<z.ZodMiniType> | undefined {
  for (const item of PREFIX_ITEMS) if (key.startsWith(item.prefix)) return item;
  for (const item of KEY_ITEMS) if (key === item.key) return item;
  return undefined;
}

export type { Ledger, Prefs };
