/**
 * Backup export and import. The backup file is core/export.ts's envelope: `{ format, version,
 * exportedAt, items }`, where `items` are the stored items keyed as they are stored (`order:<id>`,
 * `checklist:<id>`, `note:<id>`, `prefs`, `ledger`, `meta`). So the file never drifts from the
 * store: an import migrates the items from the file's `meta.schemaVersion` with the store's own
 * migrations, then validates every item with its declared schema (./items.ts) before any write.
 * A bad file changes nothing.
 */
import { BACKUP_VERSION, BackupFile, backupFile } from '../core/export';
import { mergeLedgers } from '../core/ledger';
import { mergeStoredOrders } from '../core/merge';
import type { StoredOrder } from '../core/model';
import { describeIssues, z } from '../core/z';
import type { Platform } from '../platform/types';
import { checklistKey, ITEMS, itemOfKey, noteKey, orderKey, SCHEMA_VERSION } from './items';
import { migrateStore } from './migrations';
import { readAllOrders, readOrders, storedSummaries, summaryChanges, summaryContext } from './orders';
import { parseState } from './state';
import { writeSummaries } from './summaries';

export type Backup = BackupFile;

/** Keys a backup carries; parser health and set-aside records stay behind. */
export const BACKUP_ITEMS = ['orders', 'checklists', 'notes', 'prefs', 'ledger', 'meta'] as const;

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
  };
}

/**
 * Imports a backup: validated whole first (a bad file changes nothing and says why), then merged:
 * orders field by field (the later read of each field wins, core/merge.ts), checklists and notes
 * by their `updatedAt`, ledger marks united, prefs taken from the file.
 */
export async function importBackup(platform: Platform, raw: unknown): Promise<ImportSummary> {
  const storage = platform.storage;
  const file = z.safeParse(BackupFile, raw);
  if (!file.success) return emptySummary([`not a Protection Clock backup: ${describeIssues(file.error)}`]);
  if (file.data.version > BACKUP_VERSION) return emptySummary(['the backup is from a newer version']);
  const items = file.data.items;
  const allowed = new Set<unknown>(BACKUP_ITEMS.map((name) => ITEMS[name]));
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
  // Orders first, then their summaries (IndexedDB), then everything else with the `changes` signal
  // in one storage.local write.
  await platform.orders.put(toPut);
  const summaries = summaryChanges(
    toPut,
    summaryContext(platform),
    await storedSummaries(
      platform,
      toPut.map((o) => o.orderId),
    ),
  );
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
  await writeSummaries(platform, summaries.put, summaries.remove, writes);
  summary.ok = summary.errors.length === 0;
  return summary;
}
