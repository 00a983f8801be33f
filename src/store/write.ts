/**
 * Every write to the store, used by the worker only (views send commands). Each function reads the
 * keys it needs, changes them and writes back only what changed. The worker runs them one at a time
 * (src/store/queue.ts), so a read-modify-write never interleaves with another.
 */

import type { ParserHealth } from '../aliexpress/health';
import { BACKUP_VERSION, BackupFile, backupFile } from '../core/export';
import { learn } from '../core/forecast';
import { Ledger, mergeLedgers } from '../core/ledger';
import { mergeSnapshot, mergeStoredOrders } from '../core/merge';
import type { OrderSnapshot, StoredOrder } from '../core/model';
import type { Prefs } from '../core/reminders';
import type { StoredSummary } from '../core/summary';
import { describeIssues, z } from '../core/z';
import type { PrefsPatch } from '../messages';
import type { Platform, StorageArea } from '../platform/types';
import { BACKUP_ITEMS, type Backup, type ImportSummary } from './backup';
import {
  type Checklist,
  type ChecklistReason,
  checklistKey,
  Health,
  ITEMS,
  itemOfKey,
  noteKey,
  orderKey,
  type PageKind,
  SCHEMA_VERSION,
  StageHistory,
  type UnreadableReason,
} from './items';
import { migrateStore } from './migrations';
import {
  readAllOrders,
  readOrders,
  setAsideOrders,
  storedSummaries,
  summaryChanges,
  summaryContext,
  withQuarantined,
} from './orders';
import { type BrokenRecord, parseState } from './state';
import { writeSummaries } from './summaries';

function parseOr<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  fallback: () => z.output<S>,
): z.output<S> {
  if (value === undefined) return fallback();
  const parsed = z.safeParse(schema, value);
  return parsed.success ? parsed.data : fallback();
}

/**
 * Merges each snapshot into its order (core/merge.ts: a read updates what it saw and keeps what it
 * did not), writes the orders that changed to IndexedDB, and returns the summary writes that bring
 * their summaries up to date, for the caller to write (`writeSummaries`, with its other changes in
 * one storage.local write, one `onChanged`). The current summaries of these orders are compared: a
 * summary missing after a worker died between the two writes is written again even when the order
 * did not change.
 * A page read never touches checklists, notes, handled marks or snoozes. An existing record that
 * fails its schema is set aside (quarantine) first; the read then starts a good record.
 */
export async function applySnapshots(
  platform: Platform,
  snapshots: readonly OrderSnapshot[],
): Promise<{ orders: StoredOrder[]; put: StoredSummary[]; remove: string[] }> {
  if (snapshots.length === 0) return { orders: [], put: [], remove: [] };
  const ids = [...new Set(snapshots.map((s) => s.orderId))];
  const [existing, stored] = await Promise.all([readOrders(platform, ids), storedSummaries(platform, ids)]);
  await setAsideOrders(platform, existing.broken, platform.now());
  const updated = new Map<string, StoredOrder>();
  for (const snapshot of snapshots) {
    const previous = updated.get(snapshot.orderId) ?? existing.orders.get(snapshot.orderId);
    updated.set(snapshot.orderId, mergeSnapshot(previous, snapshot));
  }
  const changed = [...updated.values()].filter((order) => {
    const before = existing.orders.get(order.orderId);
    return !before || JSON.stringify(before) !== JSON.stringify(order);
  });
  await platform.orders.put(changed);
  const { put, remove } = summaryChanges(updated.values(), summaryContext(platform), stored);
  return { orders: [...updated.values()], put, remove };
}

/** The health item with this page kind's last read (or wall) recorded. */
export function withHealth(
  current: unknown,
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth; unreadable?: UnreadableReason },
): Health {
  const health = parseOr(Health, current, () => ({}));
  const previous = health[kind];
  const url = entry.url.slice(0, 2_000);
  // A wall keeps the last good read's health (it says nothing about the parser); a read clears the wall.
  const next = entry.unreadable
    ? {
        ...(previous?.health ? { health: previous.health } : {}),
        at: entry.at,
        url,
        unreadable: entry.unreadable,
      }
    : { ...(entry.health ? { health: entry.health } : {}), at: entry.at, url };
  return { ...health, [kind]: next };
}

/**
 * A page read: its orders merged into IndexedDB, then their summaries, then the page kind's health
 * and the `changes` signal in ONE storage.local write, so views hear of it once.
 */
export async function recordRead(
  platform: Platform,
  snapshots: readonly OrderSnapshot[],
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth },
): Promise<StoredOrder[]> {
  const stored = await platform.storage.get([ITEMS.health.key, ITEMS.forecastHistory.key]);
  const { orders, put, remove } = await applySnapshots(platform, snapshots);
  const extra: Record<string, unknown> = {
    [ITEMS.health.key]: withHealth(stored[ITEMS.health.key], kind, entry),
  };
  const history = learnDelivered(stored[ITEMS.forecastHistory.key], orders);
  if (history !== undefined) extra[ITEMS.forecastHistory.key] = history;
  await writeSummaries(platform, put, remove, extra);
  return orders;
}

/**
 * The forecast history with every delivered parcel among `orders` learnt (src/core/forecast.ts
 * `learn`: once per order, outliers kept out), or undefined when nothing new was learnt.
 */
export function learnDelivered(current: unknown, orders: readonly StoredOrder[]): StageHistory | undefined {
  const before = parseOr(StageHistory, current, ITEMS.forecastHistory.default);
  let history: StageHistory = before;
  for (const order of orders) {
    const tracking = order.reads.tracking?.tracking;
    if (tracking?.delivered !== true) continue;
    history = learn(history, order.orderId, tracking) as StageHistory;
  }
  return history === before ? undefined : history;
}

/** The last read of each page kind, for the popup's "AliExpress changed its page" notice. */
export async function recordHealth(
  storage: StorageArea,
  kind: PageKind,
  entry: { at: number; url: string; health?: ParserHealth; unreadable?: UnreadableReason },
): Promise<void> {
  const all = await storage.get([ITEMS.health.key]);
  await storage.set({ [ITEMS.health.key]: withHealth(all[ITEMS.health.key], kind, entry) });
}

/**
 * Sets aside records that fail their schema: each is copied whole into `quarantine` (with why and
 * when), then its key is removed so that a new read of the same order starts a good record. Nothing
 * is ever deleted without a copy kept, and other records are not touched.
 */
export async function setAside(
  storage: StorageArea,
  broken: readonly BrokenRecord[],
  all: Readonly<Record<string, unknown>>,
  now: number,
): Promise<void> {
  // The quarantine item itself failing its schema cannot be set aside into itself: it is left alone.
  const movable = broken.filter((b) => b.key !== ITEMS.quarantine.key && b.key !== ITEMS.meta.key);
  if (movable.length === 0) return;
  const added = movable.map((b) => ({ key: b.key, raw: all[b.key], reason: b.reason, at: now }));
  await storage.set({ [ITEMS.quarantine.key]: withQuarantined(all[ITEMS.quarantine.key], added) });
  await storage.remove(movable.map((b) => b.key));
}

export async function updateLedger(
  storage: StorageArea,
  change: (ledger: Ledger) => Ledger,
): Promise<Ledger> {
  const all = await storage.get([ITEMS.ledger.key]);
  const ledger = parseOr(Ledger, all[ITEMS.ledger.key], ITEMS.ledger.default);
  const next = change(ledger);
  if (JSON.stringify(next) !== JSON.stringify(ledger)) await storage.set({ [ITEMS.ledger.key]: next });
  return next;
}

export async function loadPrefs(storage: StorageArea): Promise<Prefs> {
  const all = await storage.get([ITEMS.prefs.key]);
  return parseOr(ITEMS.prefs.schema, all[ITEMS.prefs.key], ITEMS.prefs.default);
}

export async function setPrefs(storage: StorageArea, patch: PrefsPatch): Promise<Prefs> {
  const current = await loadPrefs(storage);
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = z.parse(ITEMS.prefs.schema, { ...current, ...given });
  await storage.set({ [ITEMS.prefs.key]: next });
  return next;
}

/**
 * Starts the evidence checklist of `reason`. The same reason again keeps the ticks; another reason
 * has other items, so it starts afresh, but only when `replace` is allowed: a content script (on a
 * page whose script can reach it) may create a checklist, never replace the buyer's ticks.
 * Returns undefined when it would have replaced one and may not.
 */
export async function startChecklist(
  storage: StorageArea,
  orderId: string,
  reason: ChecklistReason,
  now: number,
  replace = true,
): Promise<Checklist | undefined> {
  const key = checklistKey(orderId);
  const all = await storage.get([key]);
  const existing = z.safeParse(ITEMS.checklists.schema, all[key]);
  if (existing.success && existing.data.reason === reason) return existing.data;
  // Anything stored under the key (a checklist, or a record that fails its schema) is the buyer's.
  if (!replace && all[key] !== undefined) return undefined;
  const list: Checklist = { orderId, reason, ticks: {}, createdAt: now, updatedAt: now };
  await storage.set({ [key]: list });
  return list;
}

export async function tickChecklist(
  storage: StorageArea,
  orderId: string,
  itemId: string,
  ticked: boolean,
  now: number,
): Promise<Checklist | undefined> {
  const key = checklistKey(orderId);
  const all = await storage.get([key]);
  const parsed = z.safeParse(ITEMS.checklists.schema, all[key]);
  if (!parsed.success) return undefined;
  const ticks = { ...parsed.data.ticks };
  if (ticked) ticks[itemId] = true;
  else delete ticks[itemId];
  const list: Checklist = { ...parsed.data, ticks, updatedAt: now };
  await storage.set({ [key]: list });
  return list;
}

export async function clearChecklist(storage: StorageArea, orderId: string): Promise<void> {
  await storage.remove([checklistKey(orderId)]);
}

export async function setNote(
  storage: StorageArea,
  orderId: string,
  text: string,
  now: number,
): Promise<void> {
  const trimmed = text.trim();
  if (trimmed === '') await storage.remove([noteKey(orderId)]);
  else await storage.set({ [noteKey(orderId)]: { orderId, text: trimmed, updatedAt: now } });
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

/**
 * Everything goes (the buyer asked, twice in the UI); the store restarts at the current version.
 * IndexedDB first, orders before summaries: a worker killed in between leaves summaries without
 * orders, which the next start removes (`reconcileSummaries`), never orders that would come back.
 * The `changes` signal (every order) goes with the new meta, so every face lets go of its orders.
 */
export async function deleteAll(platform: Platform): Promise<void> {
  await platform.orders.clear();
  await platform.summaries.clear();
  await platform.storage.clear();
  await writeSummaries(platform, [], [], { [ITEMS.meta.key]: ITEMS.meta.default() }, 'all');
}
