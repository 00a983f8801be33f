/**
 * Backup export and import. The backup file is core/export.ts's envelope: `{ format, version,
 * exportedAt, items }`, where `items` are the stored items keyed as they are stored (`order:<id>`,
 * `checklist:<id>`, `note:<id>`, `prefs`, `ledger`, `meta`). So the file never drifts from the
 * store: an import migrates the items from the file's `meta.schemaVersion` with the store's own
 * migrations, then validates every item with its declared schema (./items.ts) before any write.
 * A bad file changes nothing.
 */
import { BACKUP_VERSION, BackupFile, backupFile } from '../core/export';
import { type Ledger, mergeLedgers } from '../core/ledger';
import { mergeStoredOrders } from '../core/merge';
import type { StoredOrder } from '../core/model';
import { describeIssues, z } from '../core/z';
import type { Platform } from '../platform/types';
import { checklistKey, ITEMS, itemOfKey, MAX_ORDERS, noteKey, orderKey, SCHEMA_VERSION } from './items';
import { migrateStore } from './migrations';
import { byOrderId, readAllOrders, readOrders, summaryChanges, summaryContext } from './orders';
import { parseState } from './state';
import { writeSummaries } from './summaries';

export type Backup = BackupFile;

/** Keys a backup carries; parser health and set-aside records stay behind. */
export const BACKUP_ITEMS = [
  ITEMS.orders,
  ITEMS.checklists,
  ITEMS.notes,
  ITEMS.prefs,
  ITEMS.ledger,
  ITEMS.meta,
];

export interface ImportSummary {
  ok: boolean;
  ordersAdded: number;
  ordersUpdated: number;
  ordersUnchanged: number;
  checklists: number;
  notes: number;
  ledgerEntries: number;
  prefs: boolean;
  /** Why the file was refused (then nothing was changed), or orders left alone; empty when all went in. */
  errors: string[];
  /** Whether anything was written (an import with `errors` may still have added some orders). */
  changed: boolean;
  /** Present, and false, when a failed import could not be undone: the counts say what stayed. */
  undone?: false;
}

/**
 * The backup: orders from IndexedDB (under `order:<id>` keys, as backups always had them; one that
 * fails its schema stays behind, in the store, for the worker to set aside) and the buyer's data.
 */
export async function exportBackup(platform: Platform, now: number): Promise<Backup> {
  const [all, { orders }] = await Promise.all([platform.storage.get(null), readAllOrders(platform)]);
  const state = parseState(all);
  const items: Record<string, unknown> = {};
  for (const order of orders.values()) items[orderKey(order.orderId)] = order;
  for (const list of Object.values(state.checklists)) items[checklistKey(list.orderId)] = list;
  for (const note of Object.values(state.notes)) items[noteKey(note.orderId)] = note;
  items[ITEMS.prefs.key] = state.prefs;
  items[ITEMS.ledger.key] = state.ledger;
  items[ITEMS.meta.key] = { schemaVersion: SCHEMA_VERSION };
  return backupFile(items, now);
}

function emptySummary(errors: string[] = []): ImportSummary {
  return {
    ok: errors.length === 0,
    ordersAdded: 0,
    ordersUpdated: 0,
    ordersUnchanged: 0,
    checklists: 0,
    notes: 0,
    ledgerEntries: 0,
    prefs: false,
    errors,
    changed: false,
  };
}

/**
 * storage.local holds 10 MB (`QUOTA_BYTES`, counted as key + JSON value); the buyer's data an
 * import leaves there (checklists, notes, ledger, prefs, everything already stored) must fit in 8,
 * so that the page reads' health, the quarantine and the `changes` signal still have room.
 */
export const STORAGE_LOCAL_BUDGET = 8 * 1024 * 1024;
/** A time later than this after now is refused on import (a clock off by a few hours is not). */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

const bytesOf = (items: Readonly<Record<string, unknown>>): number => {
  let bytes = 0;
  for (const [key, value] of Object.entries(items))
    if (value !== undefined) bytes += key.length + JSON.stringify(value).length;
  return bytes;
};

/**
 * The first time in the parsed backup later than `limit`, with where it is, or undefined. Snoozes
 * are not checked: "remind me again on" is rightly in the future. A read dated 2096 would win
 * every later comparison and freeze its order (issue #12).
 */
export function futureTime(
  state: {
    orders: readonly StoredOrder[];
    checklists: readonly { orderId: string; createdAt: number; updatedAt: number }[];
    notes: readonly { orderId: string; updatedAt: number }[];
    ledger?: Ledger | undefined;
  },
  limit: number,
): string | undefined {
  for (const o of state.orders) {
    const times: number[] = [o.firstSeen, o.lastSeen];
    for (const read of Object.values(o.reads)) if (read) times.push(read.readAt);
    for (const fields of Object.values(o.fieldReadAt ?? {})) times.push(...Object.values(fields ?? {}));
    // The buyer's word is merged by its time too: one dated 2096 would beat every later word.
    if (o.buyer) times.push(o.buyer.at);
    if (times.some((t) => t > limit)) return `order ${o.orderId}`;
  }
  for (const c of state.checklists)
    if (c.createdAt > limit || c.updatedAt > limit) return `checklist of order ${c.orderId}`;
  for (const n of state.notes) if (n.updatedAt > limit) return `note of order ${n.orderId}`;
  for (const [id, entry] of Object.entries(state.ledger?.reminders ?? {}))
    if ((entry.shownAt ?? 0) > limit) return `reminder ${id}`;
  for (const [id, entry] of Object.entries(state.ledger?.windows ?? {}))
    if ((entry.handledAt ?? 0) > limit) return `window ${id}`;
  return undefined;
}

/**
 * Imports a backup: validated whole first (a bad file changes nothing and says why), then merged:
 * orders field by field (the later read of each field wins, core/merge.ts), checklists and notes
 * by their `updatedAt`, ledger marks united, prefs taken from the file.
 *
 * Everything is checked before anything is written: every item's schema (caps included), no time
 * later than tomorrow, the total order count, and the bytes storage.local would hold after it. The
 * writes then go in an order that can be undone, each store's previous records kept: storage.local
 * first (the one with a quota), then the orders, then their summaries with the `changes` signal. A
 * write that fails undoes the ones before it, so "nothing changed" is true when it is said (a
 * backup with 50 orders and a 260,000-entry ledger once added the orders, then failed, and said
 * nothing changed). If the undo itself fails, the summary says so (`undone: false`).
 */
export async function importBackup(platform: Platform, raw: unknown): Promise<ImportSummary> {
  const storage = platform.storage;
  const file = z.safeParse(BackupFile, raw);
  if (!file.success) return emptySummary([`not a Protection Clock backup: ${describeIssues(file.error)}`]);
  if (file.data.version > BACKUP_VERSION) return emptySummary(['the backup is from a newer version']);
  const items = file.data.items;
  const allowed = new Set<unknown>(BACKUP_ITEMS);
  const foreign = Object.keys(items).filter((key) => !allowed.has(itemOfKey(key)));
  if (foreign.length > 0) return emptySummary([`unknown items: ${foreign.slice(0, 5).join(', ')}`]);
  // Items from older versions take the store's own migration steps.
  const { from, changed } = migrateStore(items);
  if (from > SCHEMA_VERSION) return emptySummary(['the backup is from a newer version']);
  const upgraded = { ...items, ...changed };
  const checked = parseState(upgraded);
  if (checked.broken.length > 0) {
    return emptySummary(checked.broken.slice(0, 10).map((b) => `${b.key}: ${b.reason}`));
  }
  const backup = {
    orders: checked.orders,
    checklists: Object.values(checked.checklists),
    notes: Object.values(checked.notes),
    ledger: upgraded[ITEMS.ledger.key] === undefined ? undefined : checked.ledger,
    prefs: upgraded[ITEMS.prefs.key] === undefined ? undefined : checked.prefs,
  };
  const now = platform.now();
  const future = futureTime(backup, now + FUTURE_SLACK_MS);
  if (future) return emptySummary([`${future} is dated later than tomorrow`]);
  const orders = backup.orders;
  const summary = emptySummary();
  const all = await storage.get(null);
  const state = parseState(all);
  const writes: Record<string, unknown> = {};
  const stored = await readOrders(
    platform,
    orders.map((o) => o.orderId),
  );
  const known = stored.orders;
  const brokenIds = new Set(stored.broken.map((b) => b.orderId));
  const toPut: StoredOrder[] = [];
  for (const order of orders) {
    const mine = known.get(order.orderId);
    if (!mine) {
      if (brokenIds.has(order.orderId)) {
        // The stored record is broken: it is not overwritten; the import reports it instead.
        summary.errors.push(`order ${order.orderId} not imported: its stored record needs attention`);
        continue;
      }
      toPut.push(order);
      summary.ordersAdded += 1;
      continue;
    }
    const merged = mergeStoredOrders(mine, order);
    if (JSON.stringify(merged) === JSON.stringify(mine)) summary.ordersUnchanged += 1;
    else {
      toPut.push(merged);
      summary.ordersUpdated += 1;
    }
  }
  if (summary.ordersAdded > 0) {
    const total = (await platform.orders.count()) + summary.ordersAdded;
    if (total > MAX_ORDERS)
      return emptySummary([`it would make ${total} orders, more than the ${MAX_ORDERS} the extension keeps`]);
  }
  for (const list of backup.checklists) {
    const mine = state.checklists[list.orderId];
    if (!mine || mine.updatedAt < list.updatedAt) {
      writes[checklistKey(list.orderId)] = list;
      summary.checklists += 1;
    }
  }
  for (const note of backup.notes) {
    const mine = state.notes[note.orderId];
    if (!mine || mine.updatedAt < note.updatedAt) {
      writes[noteKey(note.orderId)] = note;
      summary.notes += 1;
    }
  }
  if (backup.ledger) {
    const merged = mergeLedgers(state.ledger, backup.ledger);
    if (JSON.stringify(merged) !== JSON.stringify(state.ledger)) {
      const parsedLedger = z.safeParse(ITEMS.ledger.schema, merged);
      if (!parsedLedger.success)
        return emptySummary([
          `the reminder marks with this file's would be too many: ${describeIssues(parsedLedger.error)}`,
        ]);
      writes[ITEMS.ledger.key] = merged;
      summary.ledgerEntries =
        Object.keys(merged.reminders).length +
        Object.keys(merged.windows).length -
        Object.keys(state.ledger.reminders).length -
        Object.keys(state.ledger.windows).length;
    }
  }
  if (backup.prefs && JSON.stringify(backup.prefs) !== JSON.stringify(state.prefs)) {
    writes[ITEMS.prefs.key] = backup.prefs;
    summary.prefs = true;
  }
  const after = bytesOf({ ...all, ...writes });
  if (after > STORAGE_LOCAL_BUDGET) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return emptySummary([
      `its checklists, notes and reminder marks would take ${mb(after)} MB of the browser's storage, more than the ${mb(STORAGE_LOCAL_BUDGET)} MB kept for them`,
    ]);
  }

  // Everything checked: write, keeping what each write replaces.
  const ids = toPut.map((o) => o.orderId);
  const previousOrders = await platform.orders.get(ids);
  const previousSummaries = await platform.summaries.get(ids);
  const summaries = summaryChanges(toPut, summaryContext(platform), byOrderId(previousSummaries));
  const touched = [...Object.keys(writes), ITEMS.changes.key];
  const previousLocal = await storage.get(touched);
  const steps: string[] = [];
  try {
    if (Object.keys(writes).length > 0) await storage.set(writes);
    steps.push('local');
    await platform.orders.put(toPut);
    steps.push('orders');
    await writeSummaries(platform, summaries.put, summaries.remove);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const undone = await undoImport(platform, {
      steps,
      ids,
      previousOrders,
      previousSummaries,
      touched,
      previousLocal,
    });
    return {
      ...emptySummary([`writing it failed (${why.slice(0, 200)})`]),
      ...(undone
        ? {}
        : { undone: false, ordersAdded: summary.ordersAdded, ordersUpdated: summary.ordersUpdated }),
    };
  }
  summary.ok = summary.errors.length === 0;
  summary.changed = toPut.length > 0 || Object.keys(writes).length > 0;
  return summary;
}

/** Puts every store back as it was before a failed import; false when that failed too. */
async function undoImport(
  platform: Platform,
  before: {
    steps: readonly string[];
    ids: readonly string[];
    previousOrders: readonly unknown[];
    previousSummaries: readonly unknown[];
    touched: readonly string[];
    previousLocal: Record<string, unknown>;
  },
): Promise<boolean> {
  try {
    const hadOrder = new Set(before.previousOrders.map((r) => (r as { orderId: string }).orderId));
    const hadSummary = new Set(before.previousSummaries.map((r) => (r as { orderId: string }).orderId));
    // Summaries and orders whether or not their step finished: a step may fail half done.
    await platform.summaries.delete(before.ids.filter((id) => !hadSummary.has(id)));
    if (before.previousSummaries.length > 0)
      await platform.summaries.put(before.previousSummaries as { orderId: string }[]);
    if (before.steps.includes('local')) {
      await platform.orders.delete(before.ids.filter((id) => !hadOrder.has(id)));
      if (before.previousOrders.length > 0)
        await platform.orders.put(before.previousOrders as { orderId: string }[]);
    }
    const absent = before.touched.filter((key) => !(key in before.previousLocal));
    if (absent.length > 0) await platform.storage.remove(absent);
    if (Object.keys(before.previousLocal).length > 0) await platform.storage.set(before.previousLocal);
    return true;
  } catch (error) {
    console.error('[protection-clock] undoing a failed import failed:', error);
    return false;
  }
}
