/**
 * What the popup shows, computed once per storage change (pure, so the unit tests and the bench
 * drive it without a browser): each order's summary freshened to now, and the orders grouped and
 * sorted. Summaries are the worker's precomputed ladders (src/core/summary.ts): the popup never
 * reads a full order nor builds a ladder.
 *
 * Groups, where the brief leaves it open:
 * - "act now": the order's next money window closes in under 2 days (core's `urgent`);
 * - "coming up": an open money window closing later, or one that has not opened yet;
 * - "done or closed": nothing left that can cost money (or every such window marked handled).
 * Within the first two, the nearest close first (not-yet-open ones after, by opening); "done" is
 * most recently read first.
 */
import { type DeadlineWindow, URGENT_MS, windowState } from '../core/ladder';
import { handledIn, type Ledger } from '../core/ledger';
import { freshen, type OrderSummary } from '../core/summary';
import { nextClosingOf } from '../ui/summary';

export type Group = 'act-now' | 'coming-up' | 'done';
export const GROUPS: readonly Group[] = ['act-now', 'coming-up', 'done'];

export interface Row {
  readonly orderId: string;
  /** The order's summary, freshened to the model's `now`. */
  readonly summary: OrderSummary;
  readonly group: Group;
  /** The window the row counts down to: the next to close, or (coming up) the next to open. */
  readonly next: DeadlineWindow | undefined;
  /** Whether `next` is open (counting to its close) or upcoming (counting to its opening). */
  readonly nextOpen: boolean;
}

export interface PopupModel {
  readonly rows: Record<Group, readonly Row[]>;
  readonly byId: ReadonlyMap<string, Row>;
}

function nextOpening(
  summary: OrderSummary,
  now: number,
  isHandled: (id: string) => boolean,
): DeadlineWindow | undefined {
  let best: DeadlineWindow | undefined;
  for (const w of summary.windows) {
    if (!w.losesMoney || w.opensAt === null || windowState(w, now) !== 'upcoming' || isHandled(w.id))
      continue;
    if (best === undefined || w.opensAt < (best.opensAt as number)) best = w;
  }
  return best;
}

export function rowOf(stored: OrderSummary, now: number, isHandled: (id: string) => boolean): Row {
  const summary = freshen(stored, now);
  const { orderId } = summary;
  const open = nextClosingOf(summary, now, isHandled);
  if (open) {
    const left = (open.closesAt as number) - now;
    return {
      orderId,
      summary,
      group: left < URGENT_MS ? 'act-now' : 'coming-up',
      next: open,
      nextOpen: true,
    };
  }
  const upcoming = nextOpening(summary, now, isHandled);
  if (upcoming) return { orderId, summary, group: 'coming-up', next: upcoming, nextOpen: false };
  return { orderId, summary, group: 'done', next: undefined, nextOpen: false };
}

/** The instant a row sorts by: its next close, or its next opening (after every close). */
function sortKey(row: Row): number {
  if (!row.next) return Number.POSITIVE_INFINITY;
  return row.nextOpen ? (row.next.closesAt as number) : 1e15 + (row.next.opensAt as number);
}

export function popupModel(summaries: readonly OrderSummary[], ledger: Ledger, now: number): PopupModel {
  const isHandled = handledIn(ledger);
  const rows: Record<Group, Row[]> = { 'act-now': [], 'coming-up': [], done: [] };
  const byId = new Map<string, Row>();
  for (const summary of summaries) {
    const row = rowOf(summary, now, isHandled);
    rows[row.group].push(row);
    byId.set(row.orderId, row);
  }
  const byNext = (a: Row, b: Row) => sortKey(a) - sortKey(b) || (a.orderId < b.orderId ? -1 : 1);
  rows['act-now'].sort(byNext);
  rows['coming-up'].sort(byNext);
  rows.done.sort(
    (a, b) => b.summary.view.lastReadAt - a.summary.view.lastReadAt || (a.orderId < b.orderId ? -1 : 1),
  );
  return { rows, byId };
}
