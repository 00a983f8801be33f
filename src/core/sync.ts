/**
 * Opt-in sync through the browser's own `storage.sync` (Chrome sync, Firefox Sync): what a
 * browser shares with the buyer's other browsers, how two browsers' states merge, and how the
 * shared state is packed into `storage.sync`'s quotas. Pure: time comes in as `now`.
 *
 * The shared state is a `SyncDoc`. Every field is a register with the time it was last changed,
 * and `mergeDocs` is a join (commutative, associative, idempotent): browsers that keep merging what
 * they see converge to the same doc, whatever order the writes arrive in and whichever write
 * `storage.sync` keeps when two race for one key (the loser merges the winner in and writes again).
 *
 * Per field:
 * - prefs, handled marks, reminder entries (shown, snoozed), notes, each checklist's reason and
 *   each of its ticks: the later change wins (a cleared mark or a deleted note is a change too);
 *   on a tie, the entry that says "shown", "handled", "ticked" wins, so a reminder shown on one
 *   browser is not shown again on the other for the same window and lead.
 * - the index of open orders: per order, the later read gives title and stage; per window kind the
 *   two browsers' windows are compared: a date AliExpress stated beats an estimate, and between
 *   two of the same kind the earlier close wins (a date is never shown later than the last day).
 */
import { PREFIXES } from '../store/keys';
import { STAGES, type Stage } from './journey';
import { SourceKind } from './model';
import { DEFAULT_PREFS, Prefs } from './reminders';
import { RULES } from './rules';
import { SYNC_NOTE_MAX, SYNC_TITLE_MAX } from './sync-doc';
import { WINDOW_BASES, WINDOW_KINDS, type WindowBasis, type WindowKind } from './windows';
import { z } from './z';

export { SYNC_TITLE_MAX };

/** A time, and whether the thing it stamps is on (handled, ticked) or its value. */
export interface Stamped<T> {
  readonly v: T;
  readonly at: number;
}

export interface SyncReminder {
  readonly shownAt?: number | undefined;
  readonly snoozedUntil?: number | undefined;
}

export interface SyncChecklist {
  readonly reason: Stamped<string>;
  readonly createdAt: number;
  /** `${reason}/${itemId}` → ticked or not: a new reason starts with no ticks. */
  readonly ticks: Readonly<Record<string, Stamped<boolean>>>;
}

export interface SyncWindow {
  readonly kind: WindowKind;
  readonly opensAt: number | null;
  readonly closesAt: number | null;
  readonly stated: boolean;
  /** Where the date came from: the page kind that stated it, or the rule that estimated it. */
  readonly src: string;
  readonly basis: WindowBasis;
}

export interface SyncOrder {
  readonly title: string;
  readonly stage: Stage;
  /** When the browser that wrote this read the order. */
  readonly at: number;
  readonly windows: readonly SyncWindow[];
}

export interface SyncDoc {
  readonly prefs?: Stamped<unknown> | undefined;
  readonly handled: Readonly<Record<string, Stamped<boolean>>>;
  readonly reminders: Readonly<Record<string, Stamped<SyncReminder | null>>>;
  readonly checklists: Readonly<Record<string, SyncChecklist>>;
  readonly notes: Readonly<Record<string, Stamped<string | null>>>;
  readonly orders: Readonly<Record<string, SyncOrder>>;
}

export const emptyDoc = (): SyncDoc => ({
  handled: {},
  reminders: {},
  checklists: {},
  notes: {},
  orders: {},
});

/** JSON with object keys sorted: the same text for the same value, however it was built. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'object' && x !== null && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  ) ?? '';

function later<T>(
  a: Stamped<T> | undefined,
  b: Stamped<T> | undefined,
  prefer?: (v: T) => boolean,
): Stamped<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  if (prefer) {
    const pa = prefer(a.v);
    if (pa !== prefer(b.v)) return pa ? a : b;
  }
  return canon(a.v) >= canon(b.v) ? a : b;
}

function mergeRecords<V>(
  a: Readonly<Record<string, V>>,
  b: Readonly<Record<string, V>>,
  pick: (x: V | undefined, y: V | undefined) => V | undefined,
): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const v = pick(a[key], b[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Of two windows of one kind: a stated date beats an estimate, then the earlier close. */
export function betterWindow(a: SyncWindow, b: SyncWindow): SyncWindow {
  if (a.stated !== b.stated) return a.stated ? a : b;
  const ca = a.closesAt ?? Number.POSITIVE_INFINITY;
  const cb = b.closesAt ?? Number.POSITIVE_INFINITY;
  if (ca !== cb) return ca < cb ? a : b;
  return canon(a) <= canon(b) ? a : b;
}

function mergeOrder(a: SyncOrder | undefined, b: SyncOrder | undefined): SyncOrder | undefined {
  if (!a) return b;
  if (!b) return a;
  const head =
    a.at !== b.at ? (a.at > b.at ? a : b) : canon([a.title, a.stage]) >= canon([b.title, b.stage]) ? a : b;
  const byKind = new Map<WindowKind, SyncWindow>();
  for (const w of [...a.windows, ...b.windows]) {
    const there = byKind.get(w.kind);
    byKind.set(w.kind, there ? betterWindow(there, w) : w);
  }
  const windows = WINDOW_KINDS.flatMap((k) => {
    const w = byKind.get(k);
    return w ? [w] : [];
  });
  return { title: head.title, stage: head.stage, at: Math.max(a.at, b.at), windows };
}

function mergeChecklist(
  a: SyncChecklist | undefined,
  b: SyncChecklist | undefined,
): SyncChecklist | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    reason: later(a.reason, b.reason) as Stamped<string>,
    createdAt: Math.min(a.createdAt, b.createdAt),
    ticks: mergeRecords(a.ticks, b.ticks, (x, y) => later(x, y, (v) => v)),
  };
}

/** The join of two docs. */
export function mergeDocs(a: SyncDoc, b: SyncDoc): SyncDoc {
  return {
    prefs: later(a.prefs, b.prefs),
    handled: mergeRecords(a.handled, b.handled, (x, y) => later(x, y, (v) => v)),
    reminders: mergeRecords(a.reminders, b.reminders, (x, y) => later(x, y, (v) => v?.shownAt !== undefined)),
    checklists: mergeRecords(a.checklists, b.checklists, mergeChecklist),
    notes: mergeRecords(a.notes, b.notes, (x, y) => later(x, y, (v) => v !== null)),
    orders: mergeRecords(a.orders, b.orders, mergeOrder),
  };
}

// ---------------------------------------------------------------------------------------------
// From and to the browser's own data.

/** The buyer's own data as this browser keeps it (shapes of src/store/items.ts). */
export interface LocalData {
  readonly prefs: unknown;
  readonly ledger: {
    readonly reminders: Readonly<Record<string, SyncReminder>>;
    readonly windows: Readonly<Record<string, { readonly handledAt?: number | undefined }>>;
  };
  readonly checklists: Readonly<
    Record<
      string,
      { reason: string; ticks: Readonly<Record<string, boolean>>; createdAt: number; updatedAt: number }
    >
  >;
  readonly notes: Readonly<Record<string, { text: string; updatedAt: number }>>;
  /** This browser's own orders with a window still open (from its summaries). */
  readonly orders: Readonly<Record<string, SyncOrder>>;
}

const orderOf = (id: string): string => id.slice(0, id.indexOf(':'));

/**
 * The doc this browser's data makes, given the doc it last merged (`prev`): what changed since is
 * stamped `now`, what did not keeps its stamp. Reminder and handled entries are kept only for
 * orders in the index (an order with nothing open needs no marks elsewhere; they stay local).
 */
export function observe(prev: SyncDoc, local: LocalData, now: number): SyncDoc {
  // A change is stamped `now`; what is seen for the first time, with the time it carries (or 0
  // for the defaults: a browser that never changed its preferences does not override another's).
  const stamp = <T>(before: Stamped<T> | undefined, value: T, first = now): Stamped<T> =>
    before && canon(before.v) === canon(value) ? before : { v: value, at: before ? now : first };

  const prefs = stamp(prev.prefs, local.prefs, canon(local.prefs) === canon(DEFAULT_PREFS) ? 0 : now);

  const handled: Record<string, Stamped<boolean>> = {};
  for (const [id, before] of Object.entries(prev.handled)) handled[id] = stamp(before, false);
  for (const [id, entry] of Object.entries(local.ledger.windows))
    if (entry.handledAt !== undefined) handled[id] = stamp(prev.handled[id], true, entry.handledAt);

  const reminders: Record<string, Stamped<SyncReminder | null>> = {};
  for (const [id, before] of Object.entries(prev.reminders)) reminders[id] = stamp(before, null);
  for (const [id, entry] of Object.entries(local.ledger.reminders)) {
    const v: SyncReminder = {
      ...(entry.shownAt === undefined ? {} : { shownAt: entry.shownAt }),
      ...(entry.snoozedUntil === undefined ? {} : { snoozedUntil: entry.snoozedUntil }),
    };
    reminders[id] = stamp(prev.reminders[id], v, entry.shownAt ?? now);
  }

  const checklists: Record<string, SyncChecklist> = {};
  for (const [orderId, before] of Object.entries(prev.checklists)) checklists[orderId] = before;
  for (const [orderId, c] of Object.entries(local.checklists)) {
    const before = prev.checklists[orderId];
    const ticks: Record<string, Stamped<boolean>> = {};
    for (const [key, t] of Object.entries(before?.ticks ?? {}))
      ticks[key] = key.startsWith(`${c.reason}/`)
        ? stamp(t, c.ticks[key.slice(c.reason.length + 1)] === true)
        : t;
    for (const [item, on] of Object.entries(c.ticks)) {
      const key = `${c.reason}/${item}`;
      if (on || ticks[key]) ticks[key] = stamp(before?.ticks[key], on, c.updatedAt);
    }
    checklists[orderId] = {
      reason: stamp(before?.reason, c.reason, c.createdAt),
      createdAt: before ? Math.min(before.createdAt, c.createdAt) : c.createdAt,
      ticks,
    };
  }

  const notes: Record<string, Stamped<string | null>> = {};
  for (const [orderId, before] of Object.entries(prev.notes)) notes[orderId] = stamp(before, null);
  for (const [orderId, n] of Object.entries(local.notes))
    notes[orderId] = stamp(prev.notes[orderId], n.text, n.updatedAt);

  // Orders: this browser's reads, merged with what it knew of others' (kept until they close).
  const orders: Record<string, SyncOrder> = { ...prev.orders };
  for (const [orderId, o] of Object.entries(local.orders)) {
    const merged = mergeOrder(prev.orders[orderId], roundOrder(o));
    if (merged) orders[orderId] = merged;
  }
  return { prefs, handled, reminders, checklists, notes, orders };
}

/** What the merged doc asks this browser to change in its own data (only what differs). */
export interface LocalChanges {
  prefs?: unknown;
  ledger?: LocalData['ledger'];
  checklists: Record<
    string,
    { reason: string; ticks: Record<string, boolean>; createdAt: number; updatedAt: number } | null
  >;
  notes: Record<string, { text: string; updatedAt: number } | null>;
}

export function toLocal(doc: SyncDoc, local: LocalData): LocalChanges {
  const out: LocalChanges = { checklists: {}, notes: {} };
  if (doc.prefs && canon(doc.prefs.v) !== canon(local.prefs)) out.prefs = doc.prefs.v;

  const windows: Record<string, { handledAt?: number }> = { ...local.ledger.windows };
  for (const [id, h] of Object.entries(doc.handled)) {
    if (h.v && windows[id]?.handledAt === undefined) windows[id] = { handledAt: h.at };
    else if (!h.v && windows[id]) delete windows[id];
  }
  const reminders: Record<string, SyncReminder> = { ...local.ledger.reminders };
  for (const [id, r] of Object.entries(doc.reminders)) {
    if (r.v === null) delete reminders[id];
    else reminders[id] = r.v;
  }
  const ledger = { windows, reminders };
  if (canon(ledger) !== canon(local.ledger)) out.ledger = ledger;

  for (const [orderId, c] of Object.entries(doc.checklists)) {
    const reason = c.reason.v;
    const ticks: Record<string, boolean> = {};
    for (const [key, t] of Object.entries(c.ticks))
      if (t.v && key.startsWith(`${reason}/`)) ticks[key.slice(reason.length + 1)] = true;
    const mine = local.checklists[orderId];
    const mineTicked = Object.fromEntries(Object.entries(mine?.ticks ?? {}).filter(([, on]) => on));
    if (!mine || mine.reason !== reason || canon(sorted(mineTicked)) !== canon(sorted(ticks))) {
      const updatedAt = Math.max(c.reason.at, ...Object.values(c.ticks).map((t) => t.at));
      out.checklists[orderId] = { reason, ticks, createdAt: c.createdAt, updatedAt };
    }
  }
  for (const [orderId, n] of Object.entries(doc.notes)) {
    const mine = local.notes[orderId];
    if (n.v === null) {
      if (mine) out.notes[orderId] = null;
    } else if (mine?.text !== n.v) out.notes[orderId] = { text: n.v, updatedAt: n.at };
  }
  return out;
}

const sorted = (r: Record<string, boolean>) =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Index orders whose every window closed more than `graceMs` before `now` leave the doc. Their
 * marks stay in this browser's doc (with their stamps, so that a mark seen again is not taken for
 * a new change) but are no longer shared: `packDoc` shares the marks of indexed orders only.
 */
export function dropClosed(doc: SyncDoc, now: number, graceMs: number): SyncDoc {
  const orders: Record<string, SyncOrder> = {};
  for (const [id, o] of Object.entries(doc.orders)) {
    if (o.windows.some((w) => w.closesAt === null || w.closesAt + graceMs > now)) orders[id] = o;
  }
  return { ...doc, orders };
}

// ---------------------------------------------------------------------------------------------
// Packing into storage.sync.

/** storage.sync's limits (the same in Chrome and Firefox) and our own, with room to spare. */
export const SYNC_QUOTA_BYTES = 102_400;
export const SYNC_QUOTA_BYTES_PER_ITEM = 8_192;
export const SYNC_MAX_ITEMS = 512;
/** Chrome: 120 writes a minute, 1,800 an hour; we keep well under both. */
export const SYNC_WRITES_PER_MINUTE = 60;
export const SYNC_WRITES_PER_HOUR = 900;
/** What we allow ourselves: 80% of the quota, items a little under their limit. */
export const OUR_BUDGET_BYTES = 81_920;
export const OUR_ITEM_BYTES = 7_600;

export const SYNC_PREFIX = 'pc1.';
export const ORDER_SHARDS = 16;
export const USER_SHARDS = 8;
const META_KEY = `${SYNC_PREFIX}m`;
const orderKey = (n: number) => `${SYNC_PREFIX}o${n}`;
const userKey = (n: number) => `${SYNC_PREFIX}u${n}`;

/** What storage.sync counts for an item: its key and its value as JSON, in UTF-8 bytes. */
export const itemBytes = (key: string, value: unknown): number =>
  new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value)).length;

function shardOf(orderId: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) h = Math.imul(h ^ orderId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

const STAGE_CODE = new Map<Stage, number>(STAGES.map((s, i) => [s, i]));
const KIND_CODE = new Map<WindowKind, number>(WINDOW_KINDS.map((k, i) => [k, i]));
const BASIS_CODE = new Map<WindowBasis, number>(WINDOW_BASES.map((b, i) => [b, i]));
const PAGE_CODE = new Map<string, number>(SourceKind.options.map((k, i) => [k, i]));
const RULE_CODE = new Map<string, number>(RULES.map((r, i) => [r.id, i]));
/** Instants to the minute in base 36 (windows close at the start of a day; reads to the minute). */
const t36 = (t: number | null): string => (t === null ? '' : Math.round(t / 60_000).toString(36));
const fromT36 = (s: string): number | null | undefined => {
  if (s === '') return null;
  if (!/^[0-9a-z]{1,9}$/.test(s)) return undefined;
  return Number.parseInt(s, 36) * 60_000;
};

/** One order as one string: `title|stage|at|kind,opens,closes,s;...` (times in minutes, base 36). */
export function packOrder(o: SyncOrder): string {
  const title = o.title.replaceAll('|', '/').slice(0, SYNC_TITLE_MAX);
  const ws = o.windows
    .map(
      (w) =>
        `${KIND_CODE.get(w.kind)},${t36(w.opensAt)},${t36(w.closesAt)},${w.stated ? `s${PAGE_CODE.get(w.src)}` : `e${RULE_CODE.get(w.src)}`},${BASIS_CODE.get(w.basis)}`,
    )
    .join(';');
  return `${title}|${STAGE_CODE.get(o.stage)}|${t36(o.at)}|${ws}`;
}

export function unpackOrder(text: unknown): SyncOrder | undefined {
  if (typeof text !== 'string' || text.length > 600) return;
  const parts = text.split('|');
  if (parts.length !== 4) return;
  const [title, stageCode, at36, ws] = parts as [string, string, string, string];
  const stage = STAGES[Number(stageCode)];
  const at = fromT36(at36);
  if (stage === undefined || !/^\d+$/.test(stageCode) || at == null) return;
  const windows: SyncWindow[] = [];
  for (const w of ws === '' ? [] : ws.split(';')) {
    const [k, o, c, from, b, extra] = w.split(',');
    const basis = WINDOW_BASES[Number(b)];
    const kind = WINDOW_KINDS[Number(k)];
    const opensAt = fromT36(o ?? 'x');
    const closesAt = fromT36(c ?? 'x');
    if (kind === undefined || !/^\d+$/.test(k ?? '') || opensAt === undefined || closesAt === undefined)
      return;
    if (
      !/^[se]\d{1,3}$/.test(from ?? '') ||
      extra !== undefined ||
      basis === undefined ||
      !/^\d+$/.test(b ?? '')
    )
      return;
    const stated = from?.[0] === 's';
    const code = Number(from?.slice(1));
    const src = stated ? SourceKind.options[code] : RULES[code]?.id;
    if (src === undefined) return;
    windows.push({ kind, opensAt, closesAt, stated, src, basis });
  }
  return { title: title.slice(0, SYNC_TITLE_MAX), stage, at, windows };
}

/** The doc as an order would come back from storage.sync (its times to the minute, its title cut). */
export const roundOrder = (o: SyncOrder): SyncOrder => unpackOrder(packOrder(o)) as SyncOrder;

export interface Packed {
  /** Every item of ours that should be in storage.sync, by key. */
  items: Record<string, unknown>;
  /** What did not fit (each stays on this browser, and is reported). */
  left: string[];
}

/**
 * The doc as storage.sync items, within our budget: prefs and the marks first, then checklists
 * and notes (most recent first), then the index of open orders (soonest close first). What does
 * not fit is left out of the shared state (never out of this browser) and listed in `left`.
 */
export function packDoc(doc: SyncDoc): Packed {
  const left: string[] = [];
  const items: Record<string, unknown> = {};
  const users: Record<string, Record<string, unknown>>[] = Array.from({ length: USER_SHARDS }, () => ({}));
  const orders: Record<string, string>[] = Array.from({ length: ORDER_SHARDS }, () => ({}));
  items[META_KEY] = { v: 1, ...(doc.prefs ? { p: doc.prefs } : {}) };
  let total = itemBytes(META_KEY, items[META_KEY]);

  const tryAdd = (
    key: string,
    shard: Record<string, unknown>,
    field: string,
    id: string,
    value: unknown,
    label: string,
  ) => {
    const group = (shard[field] ?? {}) as Record<string, unknown>;
    const before = itemBytes(key, shard);
    const next = { ...shard, [field]: { ...group, [id]: value } };
    const after = itemBytes(key, next);
    const added = after - (Object.keys(shard).length === 0 ? 0 : before);
    if (after > OUR_ITEM_BYTES || total + added > OUR_BUDGET_BYTES) {
      left.push(label);
      return false;
    }
    total += added;
    Object.assign(shard, next);
    return true;
  };

  const marks: [string, string, string, unknown][] = [
    ...Object.entries(doc.handled).map(
      ([id, h]) => ['h', id, id, [h.v ? 1 : 0, h.at]] as [string, string, string, unknown],
    ),
    ...Object.entries(doc.reminders).map(
      ([id, r]) =>
        ['r', id, id, [r.v?.shownAt ?? null, r.v?.snoozedUntil ?? null, r.v === null ? 0 : 1, r.at]] as [
          string,
          string,
          string,
          unknown,
        ],
    ),
  ];
  marks.sort(([fa, a], [fb, b]) => (fa + a < fb + b ? -1 : 1));
  for (const [field, id, label, value] of marks) {
    if (doc.orders[orderOf(id)] === undefined) continue;
    const n = shardOf(orderOf(id), USER_SHARDS);
    tryAdd(userKey(n), users[n] as Record<string, unknown>, field, id, value, `mark:${label}`);
  }
  const recent = <V>(r: Readonly<Record<string, V>>, at: (v: V) => number) =>
    Object.entries(r).sort(([ia, a], [ib, b]) => at(b) - at(a) || (ia < ib ? -1 : 1));
  for (const [orderId, c] of recent(doc.checklists, (c) => c.reason.at)) {
    const n = shardOf(orderId, USER_SHARDS);
    const ticks = Object.fromEntries(Object.entries(c.ticks).map(([k, t]) => [k, [t.v ? 1 : 0, t.at]]));
    tryAdd(
      userKey(n),
      users[n] as Record<string, unknown>,
      'c',
      orderId,
      [c.reason.v, c.reason.at, c.createdAt, ticks],
      `${PREFIXES.checklist}${orderId}`,
    );
  }
  for (const [orderId, note] of recent(doc.notes, (n) => n.at)) {
    const n = shardOf(orderId, USER_SHARDS);
    tryAdd(
      userKey(n),
      users[n] as Record<string, unknown>,
      'n',
      orderId,
      [note.v, note.at],
      `${PREFIXES.note}${orderId}`,
    );
  }
  for (const [i, shard] of users.entries()) if (Object.keys(shard).length > 0) items[userKey(i)] = shard;

  const soonest = (o: SyncOrder) =>
    Math.min(...o.windows.map((w) => w.closesAt ?? Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  const byUrgency = Object.entries(doc.orders).sort(
    ([ia, a], [ib, b]) => soonest(a) - soonest(b) || (ia < ib ? -1 : 1),
  );
  for (const [orderId, o] of byUrgency) {
    const n = shardOf(orderId, ORDER_SHARDS);
    const shard = orders[n] as Record<string, string>;
    const key = orderKey(n);
    const packed = packOrder(o);
    const before = Object.keys(shard).length === 0 ? 0 : itemBytes(key, shard);
    const next = { ...shard, [orderId]: packed };
    const after = itemBytes(key, next);
    if (after > OUR_ITEM_BYTES || total + after - before > OUR_BUDGET_BYTES) {
      left.push(`${PREFIXES.order}${orderId}`);
      continue;
    }
    total += after - before;
    shard[orderId] = packed;
  }
  for (const [i, shard] of orders.entries()) if (Object.keys(shard).length > 0) items[orderKey(i)] = shard;
  return { items, left };
}

export interface Unpacked {
  doc: SyncDoc;
  /** Our keys whose value could not be read: ignored, never applied. */
  bad: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const ORDER_ID = /^\d{6,24}$/;
const WINDOW_ID = /^\d{6,24}:[a-z-]{1,40}$/;
const REMINDER_ID = /^\d{6,24}:[a-z-]{1,40}:(\d{1,3}|opens|at-risk)$/;
const TICK_KEY = /^[a-z-]{1,40}\/[\w.-]{1,100}$/;

/**
 * The doc storage.sync holds (every item of ours; keys of others ignored). An item that is not
 * what we write (corrupt, from a newer version, or foreign under our prefix) is left out whole and
 * named in `bad`; so is any entry in it that does not read.
 */
export function unpackItems(all: Readonly<Record<string, unknown>>): Unpacked {
  const bad: string[] = [];
  const handled: Record<string, Stamped<boolean>> = {};
  const reminders: Record<string, Stamped<SyncReminder | null>> = {};
  const checklists: Record<string, SyncChecklist> = {};
  const notes: Record<string, Stamped<string | null>> = {};
  const orders: Record<string, SyncOrder> = {};
  let prefs: Stamped<unknown> | undefined;
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(SYNC_PREFIX)) continue;
    const name = key.slice(SYNC_PREFIX.length);
    if (name === 'm') {
      if (!isRecord(value) || value.v !== 1) {
        bad.push(key);
        continue;
      }
      const p = value.p;
      if (p !== undefined) {
        const valid = isRecord(p) && isTime(p.at) ? z.safeParse(Prefs, p.v) : undefined;
        if (valid?.success && isRecord(p) && isTime(p.at)) prefs = { v: valid.data, at: p.at };
        else bad.push(`${key}.p`);
      }
    } else if (/^o\d{1,2}$/.test(name) && Number(name.slice(1)) < ORDER_SHARDS && isRecord(value)) {
      for (const [id, text] of Object.entries(value)) {
        const o = ORDER_ID.test(id) ? unpackOrder(text) : undefined;
        if (o) orders[id] = o;
        else bad.push(`${key}:${id}`);
      }
    } else if (/^u\d$/.test(name) && Number(name.slice(1)) < USER_SHARDS && isRecord(value)) {
      const fields = value as Record<string, unknown>;
      for (const field of Object.keys(fields)) {
        const group = fields[field];
        if (!['h', 'r', 'c', 'n'].includes(field) || !isRecord(group)) {
          bad.push(`${key}.${field}`);
          continue;
        }
        for (const [id, entry] of Object.entries(group)) {
          const ok = readEntry(field, id, entry, { handled, reminders, checklists, notes });
          if (!ok) bad.push(`${key}.${field}:${id}`);
        }
      }
    } else bad.push(key);
  }
  return { doc: { prefs, handled, reminders, checklists, notes, orders }, bad };
}

function readEntry(
  field: string,
  id: string,
  e: unknown,
  into: Pick<SyncDoc, 'handled' | 'reminders' | 'checklists' | 'notes'> & {
    handled: Record<string, Stamped<boolean>>;
    reminders: Record<string, Stamped<SyncReminder | null>>;
    checklists: Record<string, SyncChecklist>;
    notes: Record<string, Stamped<string | null>>;
  },
): boolean {
  if (!Array.isArray(e)) return false;
  if (field === 'h') {
    const [on, at] = e;
    if (!WINDOW_ID.test(id) || (on !== 0 && on !== 1) || !isTime(at) || e.length !== 2) return false;
    into.handled[id] = { v: on === 1, at };
    return true;
  }
  if (field === 'r') {
    const [shownAt, snoozedUntil, present, at] = e;
    if (!REMINDER_ID.test(id) || e.length !== 4 || !isTime(at) || (present !== 0 && present !== 1))
      return false;
    if ((shownAt !== null && !isTime(shownAt)) || (snoozedUntil !== null && !isTime(snoozedUntil)))
      return false;
    into.reminders[id] = {
      v:
        present === 0
          ? null
          : {
              ...(shownAt === null ? {} : { shownAt }),
              ...(snoozedUntil === null ? {} : { snoozedUntil }),
            },
      at,
    };
    return true;
  }
  if (field === 'c') {
    const [reason, reasonAt, createdAt, ticks] = e;
    if (!ORDER_ID.test(id) || e.length !== 4 || typeof reason !== 'string' || !/^[a-z-]{1,40}$/.test(reason))
      return false;
    if (!isTime(reasonAt) || !isTime(createdAt) || !isRecord(ticks)) return false;
    const out: Record<string, Stamped<boolean>> = {};
    for (const [k, t] of Object.entries(ticks)) {
      if (
        !TICK_KEY.test(k) ||
        !Array.isArray(t) ||
        t.length !== 2 ||
        (t[0] !== 0 && t[0] !== 1) ||
        !isTime(t[1])
      )
        return false;
      out[k] = { v: t[0] === 1, at: t[1] };
    }
    into.checklists[id] = { reason: { v: reason, at: reasonAt }, createdAt, ticks: out };
    return true;
  }
  const [text, at] = e;
  if (!ORDER_ID.test(id) || e.length !== 2 || !isTime(at)) return false;
  if (text !== null && (typeof text !== 'string' || text.length === 0 || text.length > SYNC_NOTE_MAX))
    return false;
  into.notes[id] = { v: text, at };
  return true;
}

/** The writes that bring storage.sync from `current` (ours, as read) to `wanted`. */
export function planWrites(
  current: Readonly<Record<string, unknown>>,
  wanted: Readonly<Record<string, unknown>>,
): { set: Record<string, unknown>; remove: string[] } {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted))
    if (canon(current[key]) !== canon(value)) set[key] = value;
  const remove = Object.keys(current).filter((k) => k.startsWith(SYNC_PREFIX) && !(k in wanted));
  return { set, remove };
}

/** Whether another write fits the write limits, given the times of our recent writes. */
export function mayWrite(recent: readonly number[], now: number): boolean {
  const minute = recent.filter((t) => now - t < 60_000).length;
  const hour = recent.filter((t) => now - t < 3_600_000).length;
  return minute < SYNC_WRITES_PER_MINUTE && hour < SYNC_WRITES_PER_HOUR;
}

/** What one sync step reads. */
export interface StepInput {
  /** The doc this browser merged last (stored locally). */
  prev: SyncDoc;
  local: LocalData;
  /** Everything storage.sync holds, as read. */
  remote: Readonly<Record<string, unknown>>;
  now: number;
  /** Index orders leave the shared state this long after their last window closed. */
  graceMs: number;
}

export interface StepResult {
  /** To keep locally as the next step's `prev`. */
  doc: SyncDoc;
  /** What to change in this browser's own data. */
  local: LocalChanges;
  /** storage.sync writes (one `set`, one `remove`), nothing when it already holds the doc. */
  set: Record<string, unknown>;
  remove: string[];
  /** Entries that did not fit in storage.sync (they stay here). */
  left: string[];
  /** Items or entries of ours in storage.sync that did not read: ignored. */
  bad: string[];
}

/** One sync step: this browser's changes and storage.sync's merged, both ways. */
export function syncStep({ prev, local, remote, now, graceMs }: StepInput): StepResult {
  const mine = observe(prev, local, now);
  const { doc: theirs, bad } = unpackItems(remote);
  const doc = dropClosed(mergeDocs(mine, theirs), now, graceMs);
  const packed = packDoc(doc);
  const ours = Object.fromEntries(Object.entries(remote).filter(([k]) => k.startsWith(SYNC_PREFIX)));
  const { set, remove } = planWrites(ours, packed.items);
  return { doc, local: toLocal(doc, local), set, remove, left: packed.left, bad };
}
