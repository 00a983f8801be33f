/**
 * The popup's first screen, kept ready by the store: one small record beside the packed summaries
 * (src/platform/idb.ts) holding every order id, and the summary and plan head of the orders the
 * popup can show before its first paint. With it the popup reads a few hundred KB instead of every
 * summary (15 MB at 10,000 orders) before painting, and the rest just after.
 *
 * What the popup shows first (src/store/summaries.ts `parseSummariesDeferring`): every order not
 * closed at its `now`, and the 25 closed ones most recently read. "Closed" only grows with time
 * (a plan head settled at `at` stays settled), so a record made at `at` holds enough for any later
 * popup when it keeps:
 * - every order not settled at `at` (by its plan head; no head: kept), and
 * - the top of the settled ones, most recently read first: an exact prefix of that ranking, at
 *   least `FIRST_CLOSED` long unless it holds them all.
 * A settled order ranked among the first 25 at the popup's `now` is ranked at least as high among
 * those settled at `at` (fewer orders are), so it is kept. Each write keeps the record so without
 * reading the other summaries (`updateFirstScreen`, ./first-screen-upkeep.ts); when it cannot (the prefix fell short: many
 * recently read closed orders deleted or reopened), the store builds it again from every pack.
 *
 * Pure and zod-free: the store validates the record it reads (src/platform/idb-read.ts).
 */
import { decodeHead, settledBy } from './plan-head';

/** Closed orders the popup shows first (its `FIRST_ROWS`): the record keeps at least these. */
export const FIRST_CLOSED = 25;

/** One summary as the store packs it: its JSON and its encoded plan head ('' when unknown). */
export interface PackedEntry {
  readonly id: string;
  readonly json: string;
  readonly head: string;
}

export interface FirstScreen {
  /** When the record was last brought up to date: every order not settled then is kept. */
  readonly at: number;
  /** Every order id the store holds, separated by spaces (order ids are digits). */
  readonly all: string;
  /** The orders kept, their summaries' JSON and plan heads, at the same index. */
  readonly ids: readonly string[];
  readonly items: readonly string[];
  readonly heads: readonly string[];
}

/** The entry's head when the order is settled at `at` (kept only if among the most recently read). */
export function settledAt<E extends PackedEntry>(entry: E, at: number): (E & { readAt: number }) | undefined {
  const head = decodeHead(entry.head);
  return head && settledBy(head, at) ? { ...entry, readAt: head.readAt } : undefined;
}

/** The ids a record counts: every order the store holds. */
export const allIds = (screen: Pick<FirstScreen, 'all'>): string[] =>
  screen.all === '' ? [] : screen.all.split(' ');

/**
 * Whether a record holds what the popup's first screen needs, `keep` closed orders included:
 * consistent (kept ids among all ids, once each), and either every order or at least `keep`
 * settled ones at its `at`.
 */
export function usableFirstScreen(screen: FirstScreen, all: ReadonlySet<string>, keep: number): boolean {
  const { ids, items, heads } = screen;
  if (ids.length !== items.length || ids.length !== heads.length || keep > FIRST_CLOSED) return false;
  if (new Set(ids).size !== ids.length || !ids.every((id) => all.has(id))) return false;
  if (ids.length === all.size) return true;
  let closed = 0;
  for (const [i, id] of ids.entries())
    if (settledAt({ id, json: '', head: heads[i] as string }, screen.at)) closed++;
  return closed >= keep;
}
