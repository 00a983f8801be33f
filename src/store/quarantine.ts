/**
 * The quarantine: records that fail their schema are copied whole into `quarantine` (with why and
 * when), then freed, so that a new read starts a good record; nothing is deleted without a copy
 * kept, and every other record keeps working. Storage is never wiped to recover.
 */
import { describeIssues, z } from '../core/z';
import type { Platform, StorageArea } from '../platform/types';
import { ITEMS, MAX_QUARANTINE, type Quarantine, QuarantineEntry } from './items';
import type { BrokenRecord } from './state';
import { writeSummaries } from './summaries';

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

/**
 * The quarantine with these entries added; an entry already there (same key and record) is not
 * repeated. It keeps the newest MAX_QUARANTINE entries: a flood of broken records cannot fill
 * storage.local, and the buyer can dismiss entries (`dismissQuarantined`).
 */
export function withQuarantined(current: unknown, added: readonly QuarantineEntry[]): Quarantine {
  // Uncapped here: a list from before the cap is trimmed, not thrown away.
  const parsed = z.safeParse(z.array(QuarantineEntry), current);
  const list = parsed.success ? [...parsed.data] : [];
  const seen = new Set(list.map((q) => `${q.key}\u0000${JSON.stringify(q.raw)}`));
  for (const entry of added) {
    const id = `${entry.key}\u0000${JSON.stringify(entry.raw)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    list.push(entry);
  }
  return list.slice(-MAX_QUARANTINE);
}

/**
 * Sets aside orders that fail their schema: copied whole into `quarantine` first, then deleted from
 * IndexedDB (so a new read starts a good record), then their summaries removed. Run again after a
 * crash at any point, it finishes the job without a second copy.
 */
export async function setAsideOrders(
  platform: Platform,
  broken: readonly {
    readonly orderId: string;
    readonly key: string;
    readonly raw: unknown;
    readonly reason: string;
  }[],
  now: number,
): Promise<void> {
  if (broken.length === 0) return;
  const added = broken.map((b) => ({ key: b.key, raw: b.raw, reason: b.reason, at: now }));
  await platform.storage.set(await quarantineWrite(platform.storage, added));
  await platform.orders.delete(broken.map((b) => b.orderId));
  await writeSummaries(
    platform,
    [],
    broken.map((b) => b.orderId),
  );
}

/**
 * The storage.local items that add `entries` to the quarantine, for a caller that writes them with
 * its other items in one `set`.
 */
export async function quarantineWrite(
  storage: StorageArea,
  entries: readonly QuarantineEntry[],
): Promise<Record<string, unknown>> {
  const key = ITEMS.quarantine.key;
  return { [key]: withQuarantined((await storage.get([key]))[key], entries) };
}

/** The buyer dismissed these entries (matched by key and time set aside); the rest stay. */
export async function dismissQuarantined(
  storage: StorageArea,
  entries: readonly { key: string; at: number }[],
): Promise<void> {
  const key = ITEMS.quarantine.key;
  const parsed = z.safeParse(z.array(QuarantineEntry), (await storage.get([key]))[key]);
  if (!parsed.success) return;
  const gone = new Set(entries.map((e) => `${e.key}\u0000${e.at}`));
  const kept = parsed.data.filter((q) => !gone.has(`${q.key}\u0000${q.at}`));
  if (kept.length !== parsed.data.length) await storage.set({ [key]: kept });
}

/**
 * Before the buyer's command writes or removes `key`: when what is stored there fails its schema,
 * the items that copy it whole into the quarantine, to write in the same `set` (an unreadable note
 * was once overwritten by the next note with no copy kept). Empty when there is nothing to keep.
 */
export async function asideIfBroken(
  storage: StorageArea,
  key: string,
  schema: z.ZodMiniType,
  now: number,
): Promise<Record<string, unknown>> {
  const all = await storage.get([key, ITEMS.quarantine.key]);
  const value = all[key];
  if (value === undefined) return {};
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return {};
  const entry = { key, raw: value, reason: describeIssues(parsed.error), at: now };
  return { [ITEMS.quarantine.key]: withQuarantined(all[ITEMS.quarantine.key], [entry]) };
}
