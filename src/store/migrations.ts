/**
 * Numbered migrations of the stored shape, run by the worker on install and update, in order.
 * Each takes the whole store as it is and returns only the keys it changed; the runner writes
 * those once at the end (nothing at all when the store is already current). A record a migration
 * cannot understand is left as it is: the next read sets it aside (quarantine), it is never dropped.
 *
 * Versions: 1 = the walking skeleton (orders without `fieldReadAt`, no `meta`); 2 = `meta`,
 * `fieldReadAt`, user data; 3 = orders in IndexedDB with a `sum:<id>` summary each in storage.local;
 * 4 = summaries in IndexedDB too, and a `changes` signal in storage.local (current).
 * Every older shape has a fixture under test/fixtures/store/ and a test of its step.
 *
 * A step changes item shapes (pure, so backups take the same steps); a step that moves data out of
 * storage.local (3: orders to IndexedDB, 4: summaries too) also moves it on the live store, in an
 * order that a worker killed at any point can simply run again: copy, then delete, then stamp the
 * version. `ensureCurrent` runs the migrations before a worker's first change, so an install
 * interrupted halfway is finished by whatever wakes the worker next.
 */
import { mergeStoredOrders } from '../core/merge';
import type { OrderSnapshot, SourceKind, StoredOrder } from '../core/model';
import { StoredOrder as StoredOrderSchema } from '../core/model';
import { OrderSummary, toStored } from '../core/summary';
import { describeIssues, z } from '../core/z';
import type { Platform } from '../platform/types';
import { ITEMS, LEGACY_SUMMARY_PREFIX, Meta, orderKey, SCHEMA_VERSION } from './items';
import { readOrders, storedSummaries, summaryChanges, summaryContext } from './orders';
import { withQuarantined } from './quarantine';
import { writeSummaries } from './summaries';

type Store = Readonly<Record<string, unknown>>;

export interface Migration {
  /** The version this step produces; it reads version `to - 1`. */
  readonly to: number;
  readonly why: string;
  /** Returns the changed keys only (new values); must not modify `store`. */
  migrate(store: Store): Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** v1 reads carried no per-field times: every field a read stated gets that read's time. */
export function fieldTimesOfRead(read: Partial<OrderSnapshot>): Record<string, number> {
  const times: Record<string, number> = {};
  const at = typeof read.readAt === 'number' ? read.readAt : 0;
  for (const [field, value] of Object.entries(read)) {
    if (value === undefined || ['orderId', 'source', 'readAt', 'missing', 'stated'].includes(field)) continue;
    times[field] = at;
  }
  if (isObject(read.stated)) {
    for (const [key, value] of Object.entries(read.stated))
      if (value !== undefined) times[`stated.${key}`] = at;
  }
  return times;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    why: 'orders gain fieldReadAt (when each field was last stated, per page kind); meta appears',
    migrate(store) {
      const changed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(store)) {
        if (!key.startsWith(ITEMS.orders.prefix) || !isObject(value) || !isObject(value.reads)) continue;
        if (value.fieldReadAt !== undefined) continue;
        const fieldReadAt: Partial<Record<SourceKind, Record<string, number>>> = {};
        for (const [kind, read] of Object.entries(value.reads)) {
          if (isObject(read))
            fieldReadAt[kind as SourceKind] = fieldTimesOfRead(read as Partial<OrderSnapshot>);
        }
        changed[key] = { ...value, fieldReadAt };
      }
      return changed;
    },
  },
  {
    to: 3,
    why: 'orders move from order:<id> keys in storage.local to IndexedDB; each order gets a sum:<id> summary',
    // Backups keep orders under `order:<id>` keys: no item changes shape, only where orders live.
    migrate: () => ({}),
  },
  {
    to: 4,
    why: 'summaries move from sum:<id> keys in storage.local to IndexedDB (10,000 did not fit in its 10 MB)',
    // Backups never carried summaries (derived data): nothing in a backup changes.
    migrate: () => ({}),
  },
];

/**
 * Step 3 on the live store: every `order:<id>` into IndexedDB (parsed; a broken one is copied into
 * quarantine instead), its summary written, then the `order:` keys removed. Safe to run again after
 * a crash at any point: an order already in IndexedDB (an earlier run, or a read since) is merged
 * field by field with the copy here, so nothing either holds is lost, and nothing is written twice.
 * Returns how many orders were moved.
 */
export async function moveOrdersToIndexedDb(platform: Platform, store: Store): Promise<number> {
  const keys = Object.keys(store).filter((k) => k.startsWith(ITEMS.orders.prefix));
  if (keys.length === 0) return 0;
  const now = platform.now();
  const local: StoredOrder[] = [];
  const quarantined: { key: string; raw: unknown; reason: string; at: number }[] = [];
  for (const key of keys) {
    const parsed = z.safeParse(StoredOrderSchema, store[key]);
    if (!parsed.success)
      quarantined.push({ key, raw: store[key], reason: describeIssues(parsed.error), at: now });
    else if (orderKey(parsed.data.orderId) !== key)
      quarantined.push({ key, raw: store[key], reason: 'orderId does not match its key', at: now });
    else local.push(parsed.data);
  }
  // 1. Orders into IndexedDB, merged with any copy already there; only those that change.
  const inDb = await readOrders(
    platform,
    local.map((o) => o.orderId),
  );
  for (const b of inDb.broken) quarantined.push({ key: b.key, raw: b.raw, reason: b.reason, at: now });
  const moved = local.map((order) => {
    const there = inDb.orders.get(order.orderId);
    return there ? mergeStoredOrders(there, order) : order;
  });
  await platform.orders.put(
    moved.filter((o) => JSON.stringify(inDb.orders.get(o.orderId)) !== JSON.stringify(o)),
  );
  // 2. Their summaries (IndexedDB), then the broken records' copies with the signal, in one write.
  const { put } = summaryChanges(
    moved,
    summaryContext(platform),
    await storedSummaries(
      platform,
      moved.map((o) => o.orderId),
    ),
  );
  const writes: Record<string, unknown> = {};
  if (quarantined.length > 0) {
    const q = withQuarantined(store[ITEMS.quarantine.key], quarantined);
    if (JSON.stringify(q) !== JSON.stringify(store[ITEMS.quarantine.key])) writes[ITEMS.quarantine.key] = q;
  }
  await writeSummaries(platform, put, [], writes);
  // 3. Only now the storage.local copies go.
  await platform.storage.remove(keys);
  return local.length;
}

/**
 * Step 4 on the live store: every `sum:<id>` of storage.local into IndexedDB's `summaries` (one
 * that fails its schema, or names another order, is rebuilt from its order instead: summaries are
 * derived data), then the `sum:` keys removed. A summary already in IndexedDB (an earlier run, or
 * a read since) is kept, being as new or newer. Safe to run again after a crash at any point.
 * Returns how many summaries were moved.
 */
export async function moveSummariesToIndexedDb(platform: Platform, store: Store): Promise<number> {
  const keys = Object.keys(store).filter((k) => k.startsWith(LEGACY_SUMMARY_PREFIX));
  if (keys.length === 0) return 0;
  const ids = keys.map((k) => k.slice(LEGACY_SUMMARY_PREFIX.length));
  const there = new Set(await platform.summaries.keys());
  const put = [];
  const rebuild: string[] = [];
  for (const [i, key] of keys.entries()) {
    const id = ids[i] ?? '';
    if (there.has(id)) continue;
    const parsed = z.safeParse(OrderSummary, store[key]);
    if (parsed.success && parsed.data.orderId === id) put.push(toStored(parsed.data));
    else rebuild.push(id);
  }
  // 1. Into IndexedDB: the good ones as they are, the others rebuilt from their orders (an order
  // that fails its schema is left for the worker's next read to set aside).
  const { orders } = await readOrders(platform, rebuild);
  const rebuilt = summaryChanges(orders.values(), summaryContext(platform), new Map());
  // 2. The signal: every face reads its summaries again (from where they now are).
  await writeSummaries(platform, [...put, ...rebuilt.put], [], {}, 'all');
  // 3. Only now the storage.local copies go.
  await platform.storage.remove(keys);
  return put.length + rebuilt.put.length;
}

/** The version of a store: its `meta`, or 1 when it holds skeleton data and no meta. */
export function storedVersion(store: Store): number {
  const meta = z.safeParse(Meta, store[ITEMS.meta.key]);
  if (meta.success) return meta.data.schemaVersion;
  const hasData = Object.keys(store).some((k) => k.startsWith(ITEMS.orders.prefix));
  // A store with no meta and no data is a fresh install: nothing to migrate.
  return hasData ? 1 : SCHEMA_VERSION;
}

export interface MigrationRun {
  from: number;
  to: number;
  /** storage.local keys written (empty when the store was already current). */
  written: string[];
  /** Orders moved from storage.local to IndexedDB (step 3). */
  moved: number;
  /** Summaries moved from storage.local to IndexedDB (step 4). */
  movedSummaries?: number;
}

/** Pure: the changed keys after running every step from the store's version to `target`. */
export function migrateStore(
  store: Store,
  target = SCHEMA_VERSION,
  steps: readonly Migration[] = MIGRATIONS,
): { from: number; to: number; changed: Record<string, unknown> } {
  const from = storedVersion(store);
  if (from >= target) {
    // Current (or written by a newer version of the extension, which we must not downgrade).
    const needsMeta = store[ITEMS.meta.key] === undefined;
    return { from, to: from, changed: needsMeta ? { [ITEMS.meta.key]: { schemaVersion: from } } : {} };
  }
  const working: Record<string, unknown> = { ...store };
  const changed: Record<string, unknown> = {};
  let version = from;
  for (const step of [...steps].sort((a, b) => a.to - b.to)) {
    if (step.to <= version || step.to > target) continue;
    if (step.to !== version + 1) throw new Error(`no migration from ${version} to ${version + 1}`);
    const out = step.migrate(working);
    Object.assign(working, out);
    Object.assign(changed, out);
    version = step.to;
  }
  changed[ITEMS.meta.key] = { schemaVersion: version };
  return { from, to: version, changed };
}

/**
 * Reads the store, migrates it and writes only what changed. Orders (step 3) and summaries (step 4)
 * are moved to IndexedDB before the new version is stamped, which is written last, in one `set`
 * with the other changes.
 */
export async function runMigrations(platform: Platform): Promise<MigrationRun> {
  const store = await platform.storage.get(null);
  const { from, to, changed } = migrateStore(store);
  let moved = 0;
  if (from < 3 && to >= 3) {
    moved = await moveOrdersToIndexedDb(platform, { ...store, ...changed });
    // The upgraded orders went to IndexedDB: storage.local keeps none.
    for (const key of Object.keys(changed)) if (key.startsWith(ITEMS.orders.prefix)) delete changed[key];
  }
  let movedSummaries = 0;
  if (from < 4 && to >= 4) movedSummaries = await moveSummariesToIndexedDb(platform, store);
  const written = Object.keys(changed);
  if (written.length > 0) await platform.storage.set(changed);
  return { from, to, written, moved, ...(movedSummaries > 0 ? { movedSummaries } : {}) };
}

const checked = new WeakMap<Platform, Promise<unknown>>();

/**
 * Makes sure the store is current before a change: one small read when it is (once per worker
 * lifetime), the migrations when it is not (a first install whose migration was cut short).
 */
export function ensureCurrent(platform: Platform): Promise<unknown> {
  let done = checked.get(platform);
  if (!done) {
    done = platform.storage.get([ITEMS.meta.key]).then(async (got) => {
      const meta = z.safeParse(Meta, got[ITEMS.meta.key]);
      if (meta.success && meta.data.schemaVersion >= SCHEMA_VERSION) return;
      const run = await runMigrations(platform);
      if (run.from !== run.to || run.moved > 0 || run.movedSummaries)
        console.info('[protection-clock] store migrated', run);
    });
    // A failed check is tried again next time.
    done.catch(() => checked.delete(platform));
    checked.set(platform, done);
  }
  return done;
}
