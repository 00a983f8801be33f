/**
 * The faces' window on the store: storage.local's small items parsed with the store's own schemas
 * (src/store/state.ts), and every order's summary read straight from IndexedDB (the extension's
 * pages share its origin's database with the worker; src/store/summaries.ts), again on every
 * `storage.onChanged` of the local area (the worker's `changes` signal comes with every summary
 * write). Faces read summaries, never full orders. Faces never write; they send commands
 * (src/messages-client.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { OrderSummary } from '../core/summary';
import { idbSummariesReader, type SummariesReader } from '../platform/idb-read';
import { pageExt } from '../platform/native';
import type { SummariesStore } from '../platform/types';
import { loadState, type ReadableStorage, type StoreState } from '../store/state';
import {
  type Deferred,
  firstScreenRead,
  parseSummaries,
  parseSummariesDeferring,
  withDeferred,
} from '../store/summaries';

/** What faces show: the store, with how many closed orders' summaries are still being parsed. */
export interface FaceState extends StoreState {
  /**
   * Summaries of closed orders left for right after the first render (see `keepClosed`), all
   * of them "done", read less recently than every done order in `summaries`. 0 once parsed.
   */
  pendingClosed: number;
}

export interface FaceOptions {
  /**
   * Parse only this many closed orders' summaries (the most recently read) before the first
   * render; the rest follow at once after it. The popup shows closed orders 25 at a time.
   */
  keepClosed?: number;
}

type Summaries = Pick<SummariesStore, 'getAll' | 'readPlanning' | 'readFirstScreen'>;

/** What one read of the summaries gives a face. */
interface SummariesRead {
  summaries: OrderSummary[];
  /** Closed orders left for later: counted in "done", listed once `rest` has given them. */
  pending: number;
  /** Every order id the store holds (parsed or not). */
  known: ReadonlySet<string>;
  /** The records left for later, to parse with `withDeferred` (none without `keepClosed`). */
  rest: () => Promise<Deferred[]>;
}

const noRest = async (): Promise<Deferred[]> => [];

/** Every summary, the closed ones past the first `keep` left unparsed (`rest` gives them at once). */
async function readAll(summaries: Summaries, now: number, keep: number): Promise<SummariesRead> {
  // Orders whose plan heads say they are over are not even JSON-parsed unless shown first.
  const r = await summaries.readPlanning(now, new Set());
  const read = parseSummariesDeferring(r.records, now, keep, r.settled);
  const known = new Set([...read.summaries.map((s) => s.orderId), ...read.deferred.map((d) => d.orderId)]);
  return { ...read, pending: read.deferred.length, known, rest: async () => read.deferred };
}

/**
 * The first screen from the store's small record of it (src/core/first-screen.ts): the orders it
 * keeps are parsed as `readAll` would parse them, the others are closed and counted; `rest` reads
 * every summary (after the first paint) and gives those not parsed yet. Without a usable record,
 * `readAll`.
 */
async function readFirst(summaries: Summaries, now: number, keep: number): Promise<SummariesRead> {
  const screen = await summaries.readFirstScreen();
  const first = screen && firstScreenRead(screen, now, keep);
  if (!screen || !first) return readAll(summaries, now, keep);
  const read = parseSummariesDeferring(first.read.records, now, keep, first.read.settled);
  const parsed = new Set(read.summaries.map((s) => s.orderId));
  return {
    summaries: read.summaries,
    pending: read.deferred.length + first.all.size - screen.ids.length,
    known: first.all,
    rest: async () => {
      const all = await summaries.readPlanning(now, new Set());
      const records = all.records.filter((r) => !parsed.has(idOf(r)));
      return [
        ...records.map((record) => ({ orderId: idOf(record), read: () => record })),
        ...all.settled.filter((s) => !parsed.has(s.orderId)),
      ];
    },
  };
}

const idOf = (record: unknown): string =>
  typeof record === 'object' && record !== null && 'orderId' in record ? String(record.orderId) : '';

/**
 * What the popup and the options page show: storage.local in one `get(null)` (small items only:
 * prefs, ledger, checklists, notes, health, quarantine; a store not yet migrated may still hold
 * `order:` keys, which faces do not show) and the summaries from IndexedDB, both at once, each
 * summary parsed. With `keepClosed` (the popup's first read), only what the first screen shows is
 * read and parsed first (the store's first-screen record), and `rest` gives the other closed
 * orders' records to parse later. A summary failing its schema is left out; the worker sets it aside.
 */
export async function loadFaceState(
  area: ReadableStorage,
  summaries: Summaries,
  { keepClosed }: FaceOptions = {},
): Promise<{ state: FaceState; rest: () => Promise<Deferred[]> }> {
  const now = Date.now();
  const [state, read] = await Promise.all([
    loadState(area),
    keepClosed === undefined
      ? summaries.getAll().then((records): SummariesRead => {
          const own = parseSummaries(records).summaries;
          return { summaries: own, pending: 0, known: new Set(own.map((s) => s.orderId)), rest: noRest };
        })
      : readFirst(summaries, now, keepClosed),
  ]);
  return {
    state: {
      ...state,
      // Orders another browser shares through sync, unless this browser has read them itself.
      summaries: withSynced(read.summaries, state.syncOrders, read.known),
      pendingClosed: read.pending,
    },
    rest: read.rest,
  };
}

function withSynced(
  own: OrderSummary[],
  synced: readonly OrderSummary[],
  known: ReadonlySet<string>,
): OrderSummary[] {
  if (synced.length === 0) return own;
  return [...own, ...synced.filter((s) => !known.has(s.orderId))];
}

let db: SummariesReader | undefined;
const summariesStore = () => {
  db ??= idbSummariesReader();
  return db;
};

type Loaded = Awaited<ReturnType<typeof loadFaceState>>;

/** The read `preloadStoreState` started, not yet taken by the hook; and whether storage changed since. */
let early: { read: Promise<Loaded>; stale: boolean } | undefined;

/**
 * Starts the first read at once, from the page script's first lines: the hook's own effect runs
 * only after the first paint, a frame or more later. A change while it runs marks it stale, and
 * the hook then reads again.
 */
export function preloadStoreState(options: FaceOptions = {}): void {
  if (early) return;
  const entry = { read: loadFaceState(pageExt.storage.local, summariesStore(), options), stale: false };
  early = entry;
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'local') entry.stale = true;
  };
  pageExt.storage.onChanged.addListener(onChanged);
  // Listening stops once the hook has its own listener (it takes the read on its first load).
  entry.read
    .finally(() => setTimeout(() => pageExt.storage.onChanged.removeListener(onChanged), 0))
    .catch(() => {});
}

export function useStoreState(options: FaceOptions = {}): FaceState | null {
  const [state, setState] = useState<FaceState | null>(null);
  useEffect(() => {
    let live = true;
    const summaries = summariesStore();
    // Changes that arrive while a load runs are picked up by the load that follows them.
    let pending: Promise<void> | null = null;
    let again = false;
    /** Which load's deferred summaries may still land (a newer load supersedes them). */
    let generation = 0;
    const load = (): void => {
      if (pending) {
        again = true;
        return;
      }
      const taken = early;
      early = undefined;
      if (taken?.stale) again = true;
      const mine = ++generation;
      // Only the first read defers: a later one (storage changed while the view is open) parses
      // everything, so that a list the buyer has expanded never shrinks for a moment.
      const read = taken?.read ?? loadFaceState(pageExt.storage.local, summaries, mine === 1 ? options : {});
      pending = read
        .then(({ state: s, rest }) => {
          performance.mark('pc-state-loaded');
          if (!live) return;
          setState(s);
          // The rest of the closed orders, right after this render: nothing on screen moves.
          // Two frames on: the first screen is painted and its effects have run (a timeout alone
          // ran this long task before the paint) before the rest is read and parsed.
          if (s.pendingClosed > 0)
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                setTimeout(() => {
                  if (!live || mine !== generation) return;
                  rest()
                    .then((deferred) => {
                      if (live && mine === generation)
                        setState({ ...s, summaries: withDeferred(s.summaries, deferred), pendingClosed: 0 });
                    })
                    .catch((error: unknown) =>
                      console.warn('[protection-clock] could not read the closed orders', error),
                    );
                }, 0),
              ),
            );
        })
        // A failed read (IndexedDB closed under us) keeps what is shown; the next change reads again.
        .catch((error: unknown) => console.warn('[protection-clock] could not read the store', error))
        .finally(() => {
          pending = null;
          if (again) {
            again = false;
            load();
          }
        });
    };
    // Any local change: a small item the view shows, or `changes` (summaries rewritten).
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'local') load();
    };
    load();
    pageExt.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      pageExt.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return state;
}
