/**
 * Keeping the popup's first-screen record (./first-screen.ts says what it holds and why that is
 * enough): built from every summary, or brought up to date by one write. The store's writer alone
 * uses this (src/platform/idb.ts); the popup only reads the record.
 */
import { allIds, FIRST_CLOSED, type FirstScreen, type PackedEntry, settledAt } from './first-screen';

/** Closed orders the record keeps at most: the slack lets removals shorten it without a rebuild. */
export const KEEP_CLOSED = 60;

interface Ranked extends PackedEntry {
  readonly readAt: number;
}

/** Most recently read first, then by id: the popup's order for closed orders. */
const byRecency = (a: Ranked, b: Ranked): number => b.readAt - a.readAt || (a.id < b.id ? -1 : 1);

function record(at: number, all: Iterable<string>, live: readonly PackedEntry[], closed: readonly Ranked[]) {
  const kept = [...live, ...closed];
  return {
    at,
    all: [...all].join(' '),
    ids: kept.map((e) => e.id),
    items: kept.map((e) => e.json),
    heads: kept.map((e) => e.head),
  };
}

/** The record of these summaries (every one the store holds), as of `at`. */
export function buildFirstScreen(entries: Iterable<PackedEntry>, at: number): FirstScreen {
  const all: string[] = [];
  const live: PackedEntry[] = [];
  const closed: Ranked[] = [];
  for (const entry of entries) {
    all.push(entry.id);
    const settled = settledAt(entry, at);
    if (settled) closed.push(settled);
    else live.push(entry);
  }
  closed.sort(byRecency);
  return record(at, all, live, closed.slice(0, KEEP_CLOSED));
}

/** What one write did to the summaries: written (new or replaced) and removed. */
export interface SummaryChange {
  readonly put: readonly PackedEntry[];
  readonly removed: readonly string[];
}

/**
 * The record after `change`, as of `at` (at or after the record's own), worked out from the record
 * alone; or undefined when it can no longer say which closed orders come first (build it again).
 */
export function updateFirstScreen(
  screen: FirstScreen,
  change: SummaryChange,
  at: number,
): FirstScreen | undefined {
  if (at < screen.at) return undefined;
  const all = new Set(allIds(screen));
  const touched = new Set([...change.removed, ...change.put.map((e) => e.id)]);
  // What the record kept, split as of its own `at`: closed ones are a prefix of that ranking.
  let live: PackedEntry[] = [];
  let closed: Ranked[] = [];
  const kept = new Set<string>();
  for (const [i, id] of screen.ids.entries()) {
    const entry = { id, json: screen.items[i] as string, head: screen.heads[i] as string };
    if (!all.has(id) || kept.has(id)) return undefined;
    kept.add(id);
    const settled = settledAt(entry, screen.at);
    if (settled) closed.push(settled);
    else live.push(entry);
  }
  closed.sort(byRecency);
  // Whether the prefix is every closed order (then anything closed joins it).
  let whole = screen.ids.length === all.size;
  // Written or removed orders leave it; what is left is still a prefix of the rest.
  live = live.filter((e) => !touched.has(e.id));
  closed = closed.filter((e) => !touched.has(e.id));
  for (const id of change.removed) all.delete(id);
  // Written orders (the last write of each), and kept ones settled since, take their place as of
  // `at`. A closed one joins the prefix when it ranks before the prefix's last: the prefix and the
  // joiners are then exactly the orders ranked up to that last one.
  const written = new Map(change.put.map((e) => [e.id, e]));
  const moving = [...written.values()];
  const stillLive: PackedEntry[] = [];
  for (const e of live) (settledAt(e, at) ? moving : stillLive).push(e);
  live = stillLive;
  for (const id of written.keys()) all.add(id);
  const tail = closed[closed.length - 1];
  for (const entry of moving) {
    const settled = settledAt(entry, at);
    if (!settled) live.push(entry);
    else if (whole || (tail !== undefined && byRecency(settled, tail) < 0)) closed.push(settled);
  }
  closed.sort(byRecency);
  if (closed.length > KEEP_CLOSED) {
    closed = closed.slice(0, KEEP_CLOSED);
    whole = false;
  }
  if (!whole && closed.length < FIRST_CLOSED) return undefined;
  return record(at, all, live, closed);
}
