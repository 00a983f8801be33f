/**
 * An in-memory browser for unit tests: storage that round-trips through structured clone (as the
 * real one does, so a test cannot keep a live reference), one-shot alarms, notifications, badges
 * per tab, and a clock the test moves. Nothing here is used by the built extension.
 */
import { buildFirstScreen } from '../core/first-screen-upkeep';
import { encodeHead, type PlanHead, planHead, settledBy } from '../core/plan-head';
import type { NotificationOptions, PlanningRead, Platform, RecordStore, SummariesStore } from './types';

export interface MemoryPlatform extends Platform {
  clock: { now: number };
  zone: string;
  data: Map<string, unknown>;
  sessionData: Map<string, unknown>;
  /** storage.sync, with its quotas enforced as the browser does (a refused write changes nothing). */
  syncData: Map<string, unknown>;
  /** Every storage.sync write (set or remove), in order. */
  syncWrites: { set?: Record<string, unknown>; remove?: string[] }[];
  /** The orders "IndexedDB", by order id (records as stored, cloned in and out). */
  orderData: Map<string, unknown>;
  /** Writes to the orders store (put, delete, clear), counted like `writes`. */
  orderWrites: number;
  /** The summaries "IndexedDB", by order id. */
  summaryData: Map<string, unknown>;
  /** Writes to the summaries store (put, delete, clear). */
  summaryWrites: number;
  /** Every key written to `storage` (set or remove), in order: migration tests check it. */
  writtenKeys: string[];
  alarmsSet: Map<string, number>;
  shown: Map<string, NotificationOptions>;
  badges: Map<number | 'global', { text: string; color: string; title: string }>;
  /** Tabs that exist; a badge set on any other tab id fails, as in the browser. Empty: all exist. */
  tabs: { open(url: string): Promise<void>; alive: Set<number> };
  opened: string[];
  writes: number;
  /** Moves the clock; returns the names of alarms now due (the caller fires them). */
  advance(ms: number): string[];
}

/** A Map standing in for an IndexedDB object store keyed by `orderId` (records cloned in and out). */
export function records(data: Map<string, unknown>, wrote: () => void = () => {}): RecordStore {
  return {
    get: async (ids) => ids.filter((id) => data.has(id)).map((id) => structuredClone(data.get(id))),
    getAll: async () => [...data.keys()].sort().map((id) => structuredClone(data.get(id))),
    keys: async () => [...data.keys()].sort(),
    put: async (list) => {
      if (list.length === 0) return;
      wrote();
      for (const r of list) data.set(r.orderId, structuredClone(r));
    },
    delete: async (ids) => {
      if (ids.length === 0) return;
      wrote();
      for (const id of ids) data.delete(id);
    },
    clear: async () => {
      wrote();
      data.clear();
    },
    count: async () => data.size,
  };
}

/**
 * The summaries "IndexedDB": records, and the plan heads the real store keeps beside each one,
 * derived here from the record when asked. `heads: false` is a store whose records have none (as
 * packs written before heads existed): `readPlanning` then reads every record.
 */
export function summaryRecords(
  data: Map<string, unknown>,
  wrote: () => void = () => {},
  heads = true,
  /** The clock the first screen is made with (the platform's). */
  firstScreenAt: () => number = Date.now,
): SummariesStore {
  const base = records(data, wrote);
  // The real store works a head out once, when the record is written; here, once per record kept.
  const known = new WeakMap<object, PlanHead | undefined>();
  const headOf = (record: unknown): PlanHead | undefined => {
    if (typeof record !== 'object' || record === null) return undefined;
    if (!known.has(record)) known.set(record, planHead(record));
    return known.get(record);
  };
  const readPlanning: SummariesStore['readPlanning'] = async (before, include) => {
    const out: PlanningRead = { records: [], settled: [] };
    for (const [id, record] of data) {
      const head = heads && !include.has(id) ? headOf(record) : undefined;
      if (head && settledBy(head, before))
        out.settled.push({ orderId: id, head, read: () => structuredClone(record) });
      else out.records.push(structuredClone(record));
    }
    return out;
  };
  return {
    ...base,
    readPlanning,
    readLive: async (before, include) => {
      const { records, settled } = await readPlanning(before, include);
      return { records, settled: settled.map(({ orderId, head }) => ({ orderId, head })) };
    },
    // The real store keeps it up to date at each write (tested in test/unit/platform/idb.test.ts);
    // here it is built from the records when asked, as of `at`.
    readFirstScreen: async () =>
      buildFirstScreen(
        [...data].map(([id, record]) => ({
          id,
          json: JSON.stringify(record),
          head: heads ? encodeHead(headOf(record)) : '',
        })),
        firstScreenAt(),
      ),
  };
}

export function memoryPlatform(
  options: {
    now?: number;
    timeZone?: string;
    flavour?: 'chrome' | 'firefox';
    /** False: summaries without plan heads, so the scheduler reads every one. */
    planHeads?: boolean;
  } = {},
): MemoryPlatform {
  const data = new Map<string, unknown>();
  const sessionData = new Map<string, unknown>();
  const syncData = new Map<string, unknown>();
  const syncWrites: MemoryPlatform['syncWrites'] = [];
  const bytes = (k: string, v: unknown) => new TextEncoder().encode(k + JSON.stringify(v)).length;
  const orderData = new Map<string, unknown>();
  const summaryData = new Map<string, unknown>();
  const writtenKeys: string[] = [];
  const area = (store: Map<string, unknown>, log: boolean): Platform['storage'] => ({
    get: async (keys) => {
      const out: Record<string, unknown> = {};
      const wanted = keys ?? [...store.keys()];
      for (const key of wanted) if (store.has(key)) out[key] = structuredClone(store.get(key));
      return out;
    },
    set: async (items) => {
      if (log) {
        platform.writes += 1;
        writtenKeys.push(...Object.keys(items));
      }
      for (const [key, value] of Object.entries(items)) store.set(key, structuredClone(value));
    },
    remove: async (keys) => {
      if (log) {
        platform.writes += 1;
        writtenKeys.push(...keys);
      }
      for (const key of keys) store.delete(key);
    },
    clear: async () => {
      if (log) platform.writes += 1;
      store.clear();
    },
    getBytesInUse: async (keys) => {
      let bytes = 0;
      for (const key of keys ?? [...store.keys()]) {
        if (store.has(key)) bytes += key.length + JSON.stringify(store.get(key)).length;
      }
      return bytes;
    },
  });
  const alarmsSet = new Map<string, number>();
  const shown = new Map<string, NotificationOptions>();
  const badges: MemoryPlatform['badges'] = new Map();
  const opened: string[] = [];
  const clock = { now: options.now ?? Date.UTC(2026, 10, 22, 12) };
  const platform: MemoryPlatform = {
    flavour: options.flavour ?? 'chrome',
    clock,
    zone: options.timeZone ?? 'UTC',
    data,
    sessionData,
    syncData,
    syncWrites,
    orderData,
    orderWrites: 0,
    summaryData,
    summaryWrites: 0,
    writtenKeys,
    alarmsSet,
    shown,
    badges,
    opened,
    writes: 0,
    now: () => clock.now,
    timeZone: () => platform.zone,
    uiLanguage: () => 'en',
    storage: area(data, true),
    session: area(sessionData, false),
    sync: {
      get: async (keys) => {
        const out: Record<string, unknown> = {};
        for (const key of keys ?? [...syncData.keys()])
          if (syncData.has(key)) out[key] = structuredClone(syncData.get(key));
        return out;
      },
      set: async (items) => {
        const next = new Map(syncData);
        for (const [k, v] of Object.entries(items)) next.set(k, structuredClone(v));
        let total = 0;
        for (const [k, v] of next) {
          const b = bytes(k, v);
          if (b > 8_192) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
          total += b;
        }
        if (total > 102_400) throw new Error('QUOTA_BYTES quota exceeded');
        if (next.size > 512) throw new Error('MAX_ITEMS quota exceeded');
        syncWrites.push({ set: structuredClone(items) });
        for (const [k, v] of next) syncData.set(k, v);
      },
      remove: async (keys) => {
        syncWrites.push({ remove: [...keys] });
        for (const k of keys) syncData.delete(k);
      },
      clear: async () => {
        syncWrites.push({ remove: [...syncData.keys()] });
        syncData.clear();
      },
    },
    orders: records(orderData, () => {
      platform.orderWrites += 1;
    }),
    summaries: summaryRecords(
      summaryData,
      () => {
        platform.summaryWrites += 1;
      },
      options.planHeads ?? true,
      () => platform.now(),
    ),
    alarms: {
      set: async (name, when) => {
        alarmsSet.set(name, when);
      },
      clear: async (name) => {
        alarmsSet.delete(name);
      },
      get: async (name) => {
        const when = alarmsSet.get(name);
        return when === undefined ? undefined : { name, scheduledTime: when };
      },
    },
    notifications: {
      create: async (id, opts) => {
        shown.set(id, opts);
      },
      clear: async (id) => {
        shown.delete(id);
      },
      getAll: async () => [...shown.keys()],
    },
    badge: {
      set: async (text, color, title, tabId) => {
        if (tabId !== undefined && platform.tabs.alive.size > 0 && !platform.tabs.alive.has(tabId)) {
          throw new Error(`No tab with id: ${tabId}.`);
        }
        badges.set(tabId ?? 'global', { text, color, title });
      },
    },
    tabs: {
      alive: new Set<number>(),
      open: async (url) => {
        opened.push(url);
      },
    },
    // Like `getMessage` with no locale file for the key: callers fall back to their English table.
    t: (key) => key,
    advance: (ms) => {
      clock.now += ms;
      const due: string[] = [];
      for (const [name, when] of alarmsSet) {
        if (when <= clock.now) {
          due.push(name);
          alarmsSet.delete(name);
        }
      }
      return due;
    },
  };
  return platform;
}
