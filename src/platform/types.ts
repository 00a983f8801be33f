/**
 * The browser as the background sees it: only the calls we use, typed narrowly.
 * `webext.ts` implements it over webextension-polyfill for the real browser; the unit tests use
 * `memory.ts`, an in-memory browser with a controllable clock. Nothing else in src/background
 * touches `browser.*` directly, so every rule about storage, alarms and badges is testable in Node.
 */
import type { FirstScreen } from '../core/first-screen';
import type { PlanHead } from '../core/plan-head';

export interface StorageArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  clear(): Promise<void>;
  getBytesInUse?(keys: string[] | null): Promise<number>;
}

/**
 * Records keyed by their `orderId`: in the browser, IndexedDB (database `protection-clock`: store
 * `orders`, and `summary-packs` where summaries are packed many to a record, which callers do not
 * see; src/platform/idb.ts), a Map in unit tests. Records come back as
 * stored, unparsed (`unknown`): callers parse each with its schema and set aside what fails.
 */
export interface RecordStore {
  /** The records of these ids that exist (absent ones are left out), in the order asked. */
  get(ids: readonly string[]): Promise<unknown[]>;
  getAll(): Promise<unknown[]>;
  /** Ids of every stored record (cheap: no record is read). */
  keys(): Promise<string[]>;
  /** Writes (or replaces) each record under its `orderId`, all in one transaction. */
  put(records: readonly { readonly orderId: string }[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  clear(): Promise<void>;
  count(): Promise<number>;
}

/** Full order records (`orders` store), where only the worker reads them. */
export type OrdersStore = RecordStore;
export interface SettledRecord {
  orderId: string;
  head: PlanHead;
  read(): unknown;
}

/** What `readPlanning` gives: the records to read, and the orders settled before the cut, unread. */
export interface PlanningRead {
  records: unknown[];
  /** `read()` gives the record, unparsed, when it is wanted after all (the popup's later closed orders). */
  settled: SettledRecord[];
}

/** What `readLive` gives: the records to read, and the heads of the orders settled before the cut. */
export interface LiveRead {
  records: unknown[];
  settled: { orderId: string; head: PlanHead }[];
}

/** Each order's summary (`summary-packs` store): written by the worker, read by it and the extension pages. */
export interface SummariesStore extends RecordStore {
  /**
   * For the scheduler: every record, except those whose kept plan head (`src/core/plan-head.ts`)
   * says nothing of the order moves after `before`; of these only the head, unparsed records left
   * unread. Orders in `include` are always read. A record without a head is read.
   */
  readPlanning(before: number, include: ReadonlySet<string>): Promise<PlanningRead>;
  /**
   * The same records and heads as `readPlanning`, without the settled orders' summaries: in
   * IndexedDB it reads the small heads records, not the packs (src/platform/idb.ts). For the
   * scheduler and sync, which need nothing more of a settled order than its head.
   */
  readLive(before: number, include: ReadonlySet<string>): Promise<LiveRead>;
  /**
   * The popup's first screen (src/core/first-screen.ts), kept up to date by every write; undefined
   * when there is none readable (a store from before it, until its next write): read everything.
   */
  readFirstScreen(): Promise<FirstScreen | undefined>;
}

export interface NotificationOptions {
  title: string;
  message: string;
  /** Chrome only; Firefox has no notification buttons (a click on the body still works). */
  buttons?: { title: string }[];
  contextMessage?: string;
  priority?: number;
  requireInteraction?: boolean;
}

export interface Platform {
  /** The kind of browser, for the few places that differ (notification buttons). */
  readonly flavour: 'chrome' | 'firefox';
  now(): number;
  /** The buyer's IANA time zone, as the browser reports it. */
  timeZone(): string;
  uiLanguage(): string;
  storage: StorageArea;
  /**
   * `storage.sync`: carried by the browser's own sync to the buyer's other browsers. Written only
   * while the buyer has turned sync on (src/background/sync.ts); the `storage` permission covers it.
   */
  sync: StorageArea;
  /** Full orders (IndexedDB): the worker's alone; everyone else reads summaries. */
  orders: OrdersStore;
  /** Order summaries (IndexedDB, same database); storage.local's `changes` key says which changed. */
  summaries: SummariesStore;
  /**
   * `storage.session`: in memory, survives the worker sleeping, cleared when the browser closes.
   * Holds only what is per-tab and worthless after a restart (which order each tab shows).
   */
  session: StorageArea;
  alarms: {
    /** Exactly one alarm exists; setting it replaces the previous one. */
    set(name: string, when: number): Promise<void>;
    clear(name: string): Promise<void>;
    get(name: string): Promise<{ name: string; scheduledTime: number } | undefined>;
  };
  notifications: {
    create(id: string, options: NotificationOptions): Promise<void>;
    clear(id: string): Promise<void>;
    /** Ids of the notifications still shown. */
    getAll(): Promise<string[]>;
  };
  badge: {
    set(text: string, color: string, title: string, tabId?: number): Promise<void>;
  };
  tabs: {
    open(url: string): Promise<void>;
  };
  /** `browser.i18n.getMessage`, with substitutions. */
  t(key: string, substitutions?: string[]): string;
}
