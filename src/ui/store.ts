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
import { idbDatabase } from '../platform/idb';
import { pageExt } from '../platform/native';
import type { SummariesStore } from '../platform/types';
import { loadState, type ReadableStorage, type StoreState } from '../store/state';
import { type Deferred, parseSummaries, parseSummariesDeferring, withDeferred } from '../store/summaries';

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

/**
 * What the popup and the options page show: storage.local in one `get(null)` (small items only:
 * prefs, ledger, checklists, notes, health, quarantine; a store not yet migrated may still hold
 * `order:` keys, which faces do not show) and the summaries in one IndexedDB `getAll`, both at once,
 * each summary parsed (or, with `keepClosed`, handed back in `deferred` to parse later). A summary
 * failing its schema is left out; the worker sets it aside.
 */
export async function loadFaceState(
  area: ReadableStorage,
  summaries: Pick<SummariesStore, 'getAll' | 'readPlanning'>,
  { keepClosed }: FaceOptions = {},
): Promise<{ state: FaceState; deferred: Deferred[] }> {
  const now = Date.now();
  const [state, read] = await Promise.all([
    loadState(area),
    keepClosed === undefined
      ? summaries.getAll().then((records) => ({ ...parseSummaries(records), deferred: [] }))
      : // Orders whose plan heads say they are over are not even JSON-parsed unless shown first.
        summaries
          .readPlanning(now, new Set())
          .then((r) => parseSummariesDeferring(r.records, now, keepClosed, r.settled)),
  ]);
  return {
    state: {
      ...state,
      // Orders another browser shares through sync, unless this browser has read them itself.
      summaries: withSynced(read.summaries, state.syncOrders, read.deferred),
      pendingClosed: read.deferred.length,
    },
    deferred: read.deferred,
  };
}

function withSynced(
  own: OrderSummary[],
  synced: readonly OrderSummary[],
  deferred: readonly { orderId: string }[],
): OrderSummary[] {
  if (synced.length === 0) return own;
  const known = new Set([...own.map((s) => s.orderId), ...deferred.map((d) => d.orderId)]);
  return [...own, ...synced.filter((s) => !known.has(s.orderId))];
}

let db: ReturnType<typeof idbDatabase> | undefined;
const summariesStore = () => {
  db ??= idbDatabase();
  return db.summaries;
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
        .then(({ state: s, deferred }) => {
          performance.mark('pc-state-loaded');
          if (!live) return;
          setState(s);
          // The rest of the closed orders, right after this render: nothing on screen moves.
          // Two frames on: the first screen is painted and its effects have run (a timeout alone
          // ran this long task before the paint) before the rest is parsed.
          if (deferred.length > 0)
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                setTimeout(() => {
                  if (live && mine === generation)
                    setState({ ...s, summaries: withDeferred(s.summaries, deferred), pendingClosed: 0 });
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
