/**
 * The buyer's own data, changed only by the buyer's commands from our own pages: the ledger's
 * handled marks and snoozes, prefs, checklists, notes, and deleting everything. The worker runs
 * every write one at a time (src/store/queue.ts).
 */

import type { Ledger } from '../core/ledger';
import type { Prefs } from '../core/reminders';
import { z } from '../core/z';
import type { PrefsPatch } from '../messages';
import type { Platform, StorageArea } from '../platform/types';
import { type Checklist, type ChecklistReason, checklistKey, ITEMS, noteKey, readItem } from './items';
import { asideIfBroken } from './quarantine';
import { writeSummaries } from './summaries';

export async function updateLedger(
  storage: StorageArea,
  change: (ledger: Ledger) => Ledger,
  now = Date.now(),
): Promise<Ledger> {
  const ledger = await readItem(storage, ITEMS.ledger);
  const next = change(ledger);
  if (JSON.stringify(next) !== JSON.stringify(ledger)) {
    const aside = await asideIfBroken(storage, ITEMS.ledger.key, ITEMS.ledger.schema, now);
    await storage.set({ ...aside, [ITEMS.ledger.key]: next });
  }
  return next;
}

export async function loadPrefs(storage: StorageArea): Promise<Prefs> {
  return readItem(storage, ITEMS.prefs);
}

export async function setPrefs(storage: StorageArea, patch: PrefsPatch): Promise<Prefs> {
  const current = await loadPrefs(storage);
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = z.parse(ITEMS.prefs.schema, { ...current, ...given });
  const aside = await asideIfBroken(storage, ITEMS.prefs.key, ITEMS.prefs.schema, Date.now());
  await storage.set({ ...aside, [ITEMS.prefs.key]: next });
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
  const aside = await asideIfBroken(storage, key, ITEMS.checklists.schema, now);
  await storage.set({ ...aside, [key]: list });
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

export async function clearChecklist(storage: StorageArea, orderId: string, now = Date.now()): Promise<void> {
  const key = checklistKey(orderId);
  const aside = await asideIfBroken(storage, key, ITEMS.checklists.schema, now);
  if (Object.keys(aside).length > 0) await storage.set(aside);
  await storage.remove([key]);
}

export async function setNote(
  storage: StorageArea,
  orderId: string,
  text: string,
  now: number,
): Promise<void> {
  const trimmed = text.trim();
  const key = noteKey(orderId);
  // An unreadable note is copied aside first: the buyer's words are never lost to a new note.
  const aside = await asideIfBroken(storage, key, ITEMS.notes.schema, now);
  if (trimmed === '') {
    if (Object.keys(aside).length > 0) await storage.set(aside);
    await storage.remove([key]);
  } else await storage.set({ ...aside, [key]: { orderId, text: trimmed, updatedAt: now } });
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
