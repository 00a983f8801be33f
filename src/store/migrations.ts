/**
 * Numbered migrations of the stored shape, run by the worker on install and update, in order.
 * Each takes the whole store as it is and returns only the keys it changed; the runner writes
 * those once at the end (nothing at all when the store is already current). A record a migration
 * cannot understand is left as it is: the next read sets it aside (quarantine), it is never dropped.
 *
 * Versions: 1 = the walking skeleton (orders without `fieldReadAt`, no `meta`); 2 = current.
 * Every older shape has a fixture under test/fixtures/store/ and a test of its step.
 */
import type { OrderSnapshot, SourceKind } from '../core/model';
import { z } from '../core/z';
import type { StorageArea } from '../platform/types';
import { ITEMS, Meta, SCHEMA_VERSION } from './items';

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
];

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
  /** Keys written (empty when the store was already current). */
  written: string[];
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

/** Reads the store, migrates it and writes only what changed, in one `set`. */
export async function runMigrations(storage: StorageArea): Promise<MigrationRun> {
  const store = await storage.get(null);
  const { from, to, changed } = migrateStore(store);
  const written = Object.keys(changed);
  if (written.length > 0) await storage.set(changed);
  return { from, to, written };
}
