/**
 * Opt-in sync through `storage.sync`, for the worker: one step merges this browser's own data with
 * what its other browsers share (src/core/sync.ts does the merging and packing; this file reads and
 * writes). Nothing is written to storage.sync unless the buyer turned sync on in the options page;
 * turning it off removes our items from storage.sync and leaves this browser's data as it is.
 *
 * A step runs at the start of every scheduler run (so a mark made on another browser counts before
 * reminders are planned) and again after a run marked reminders shown (so the other browsers do not
 * show them too), and when storage.sync changes. Writes stay within storage.sync's limits: one
 * `set` and at most one `remove` a step, and no more than `mayWrite` allows (the rest waits for the
 * next step).
 */
import { OVERDUE_GRACE_MS, Prefs } from '../core/reminders';
import type { OrderSummary } from '../core/summary';
import { emptyDoc, type LocalData, mayWrite, SYNC_PREFIX, type SyncDoc, syncStep } from '../core/sync';
import { indexEntry, indexSummary } from '../core/sync-index';
import { z } from '../core/z';
import type { Platform } from '../platform/types';
import { Checklist, checklistKey, ITEMS, Note, noteKey, parseItem } from '../store/items';
import { parseState } from '../store/state';
import { parseSummaries } from '../store/summaries';

/** Index orders leave the shared state this long after their last window closed (the badge's grace). */
export const SYNC_GRACE_MS = OVERDUE_GRACE_MS;
const HOUR_MS = 3_600_000;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One sync step; does nothing while sync is off. Returns what storage.sync said could not be read
 * or written (also kept in the `sync` item's report, which the options page shows).
 */
export async function syncNow(platform: Platform): Promise<void> {
  const all = await platform.storage.get(null);
  const state = parseItem(ITEMS.sync, all[ITEMS.sync.key]);
  if (!state.on) return;
  const now = platform.now();
  const parsed = parseState(all);

  let remote: Record<string, unknown>;
  try {
    remote = await platform.sync.get(null);
  } catch (error) {
    await report(platform, state, { error: String(error) }, now);
    return;
  }
  const { records } = await platform.summaries.readLive(now - SYNC_GRACE_MS, new Set());
  const orders: Record<string, NonNullable<ReturnType<typeof indexEntry>>> = {};
  for (const s of parseSummaries(records).summaries) {
    const entry = indexEntry(s, now, SYNC_GRACE_MS);
    if (entry) orders[s.orderId] = entry;
  }
  const local: LocalData = {
    prefs: parsed.prefs,
    ledger: parsed.ledger,
    checklists: parsed.checklists,
    notes: parsed.notes,
    orders,
  };
  const prev: SyncDoc = state.doc ?? emptyDoc();
  const step = syncStep({ prev, local, remote, now, graceMs: SYNC_GRACE_MS });

  // This browser's own data takes what the merge says, each item checked as any stored record.
  const bad = [...step.bad];
  const writes: Record<string, unknown> = {};
  const removes: string[] = [];
  if (step.local.prefs !== undefined) {
    const prefs = z.safeParse(Prefs, step.local.prefs);
    if (prefs.success) writes[ITEMS.prefs.key] = prefs.data;
    else bad.push('preferences');
  }
  if (step.local.ledger) writes[ITEMS.ledger.key] = step.local.ledger;
  for (const [orderId, c] of Object.entries(step.local.checklists)) {
    if (c === null) removes.push(checklistKey(orderId));
    else {
      const list = z.safeParse(Checklist, { orderId, ...c });
      if (list.success) writes[checklistKey(orderId)] = list.data;
      else bad.push(`checklist of ${orderId}`);
    }
  }
  for (const [orderId, n] of Object.entries(step.local.notes)) {
    if (n === null) removes.push(noteKey(orderId));
    else {
      const note = z.safeParse(Note, { orderId, ...n });
      if (note.success) writes[noteKey(orderId)] = note.data;
      else bad.push(`note of ${orderId}`);
    }
  }

  // Orders another browser shares and this one has not read: summaries for the faces and planning.
  const known = new Set(await platform.summaries.keys());
  const timeZone = platform.timeZone();
  const previous = parseItem(ITEMS.syncOrders, all[ITEMS.syncOrders.key]);
  const theirs = Object.entries(step.doc.orders)
    .filter(([id]) => !known.has(id))
    .map(([id, o]) => {
      const before = previous.find((p) => p.orderId === id);
      const built = indexSummary(id, o, timeZone, now);
      // Unchanged entries keep their build time, so an unchanged index writes nothing.
      return before && same({ ...before, builtAt: 0 }, { ...built, builtAt: 0 }) ? before : built;
    });
  if (!same(theirs, previous)) writes[ITEMS.syncOrders.key] = theirs;

  let recent = state.writes.filter((t) => now - t < HOUR_MS);
  let error: string | undefined;
  const toWrite = Object.keys(step.set).length > 0 || step.remove.length > 0;
  if (toWrite && mayWrite(recent, now)) {
    try {
      if (Object.keys(step.set).length > 0) {
        recent = [...recent, now];
        await platform.sync.set(step.set);
      }
      if (step.remove.length > 0) {
        recent = [...recent, now];
        await platform.sync.remove(step.remove);
      }
    } catch (e) {
      // Quota or write limit: storage.sync is unchanged; the next step tries again.
      error = String(e);
    }
  }
  const next = {
    on: true,
    doc: step.doc,
    writes: recent,
    report: {
      at: now,
      left: step.left.slice(0, 200),
      bad: bad.slice(0, 200),
      ...(error
        ? { error: error.slice(0, 300) }
        : toWrite && !mayWrite(recent, now)
          ? { error: 'write limit' }
          : {}),
    },
  };
  const { at: _a, ...was } = state.report ?? { at: 0 };
  const { at: _b, ...is } = next.report;
  if (!same(state.doc, next.doc) || !same(state.writes, next.writes) || !same(was, is))
    writes[ITEMS.sync.key] = next;
  if (Object.keys(writes).length > 0) await platform.storage.set(writes);
  if (removes.length > 0) await platform.storage.remove(removes);
}

async function report(
  platform: Platform,
  state: z.output<typeof ITEMS.sync.schema>,
  what: { error: string },
  now: number,
): Promise<void> {
  await platform.storage.set({
    [ITEMS.sync.key]: { ...state, report: { at: now, left: [], bad: [], error: what.error.slice(0, 300) } },
  });
}

/** The orders known only from sync, as summaries (bad ones left out). */
export function syncedSummaries(all: Record<string, unknown>): OrderSummary[] {
  const list = parseItem(ITEMS.syncOrders, all[ITEMS.syncOrders.key]);
  return parseSummaries(list).summaries;
}

/**
 * The buyer's switch. On: the next step shares this browser's data. Off: our items leave
 * storage.sync (other browsers keep what they have), this browser's own data stays as it is,
 * and the orders it knew only from sync go.
 */
export async function setSync(platform: Platform, on: boolean): Promise<void> {
  const state = parseItem(ITEMS.sync, (await platform.storage.get([ITEMS.sync.key]))[ITEMS.sync.key]);
  if (on) {
    await platform.storage.set({ [ITEMS.sync.key]: { ...state, on: true } });
    return;
  }
  const ours = Object.keys(await platform.sync.get(null)).filter((k) => k.startsWith(SYNC_PREFIX));
  if (ours.length > 0) await platform.sync.remove(ours);
  await platform.storage.set({ [ITEMS.sync.key]: { on: false, writes: state.writes } });
  await platform.storage.remove([ITEMS.syncOrders.key]);
}
