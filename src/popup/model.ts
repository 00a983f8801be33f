/**
 * What the popup shows, computed once per storage change (pure, so the unit tests and the bench
 * drive it without a browser): each order's summary freshened to now, its journey (stage, next
 * step, deadline, group: src/core/journey.ts, which every face obeys), and the orders grouped and
 * sorted. Summaries are the worker's precomputed ladders (src/core/summary.ts): the popup never
 * reads a full order nor builds a ladder.
 *
 * Groups come from the journey: "disputes" (an open case, never done) first, then "act now" (the
 * next step's deadline is under 2 days away), "coming up", "done or closed". Within each, the
 * nearest deadline first (not-yet-open ones after, by opening); "done" is most recently read first.
 */
import type { UsualTable } from '../core/forecast';
import { GROUPS, type Group, type Journey, journey } from '../core/journey';
import { handledIn, isHidden, type Ledger } from '../core/ledger';
import { freshen, type OrderSummary } from '../core/summary';
import { windowState } from '../core/window-state';
import type { DeadlineWindow } from '../core/windows';

export type { Group };
export { GROUPS };

export interface Row {
  readonly orderId: string;
  /** The order's summary, freshened to the model's `now`. */
  readonly summary: OrderSummary;
  readonly journey: Journey;
  readonly group: Group;
  /** The window the row counts down to: the next step's deadline, or (none) the next to open. */
  readonly next: DeadlineWindow | undefined;
  /** Whether `next` is open (counting to its close) or upcoming (counting to its opening). */
  readonly nextOpen: boolean;
}

export interface PopupModel {
  readonly rows: Record<Group, readonly Row[]>;
  /** Orders the buyer hid (core/ledger.ts `isHidden`), most recently read first; not in `rows`. */
  readonly hidden: readonly Row[];
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

export function rowOf(
  stored: OrderSummary,
  now: number,
  isHandled: (id: string) => boolean,
  usual?: UsualTable,
): Row {
  const summary = freshen(stored, now);
  const { orderId } = summary;
  const j = journey(summary, now, isHandled, { usual });
  if (j.deadline) return { orderId, summary, journey: j, group: j.group, next: j.deadline, nextOpen: true };
  const upcoming = j.upcoming ?? (j.group === 'done' ? undefined : nextOpening(summary, now, isHandled));
  return { orderId, summary, journey: j, group: j.group, next: upcoming, nextOpen: false };
}

/** The instant a row sorts by: its next close, or its next opening (after every close). */
function sortKey(row: Row): number {
  if (!row.next) return Number.POSITIVE_INFINITY;
  return row.nextOpen ? (row.next.closesAt as number) : 1e15 + (row.next.opensAt as number);
}

export function popupModel(
  summaries: readonly OrderSummary[],
  ledger: Ledger,
  now: number,
  /** The buyer's usual stage times for the delivery forecast (`usualTable(history)`). */
  usual?: UsualTable,
): PopupModel {
  const isHandled = handledIn(ledger);
  const rows: Record<Group, Row[]> = { disputes: [], 'act-now': [], 'coming-up': [], done: [] };
  const hidden: Row[] = [];
  const byId = new Map<string, Row>();
  for (const summary of summaries) {
    const row = rowOf(summary, now, isHandled, usual);
    // A hidden order with a window it did not have when hidden is back in its group.
    if (ledger.hidden !== undefined && isHidden(ledger, row.summary)) hidden.push(row);
    else rows[row.group].push(row);
    byId.set(row.orderId, row);
  }
  const byNext = (a: Row, b: Row) => sortKey(a) - sortKey(b) || (a.orderId < b.orderId ? -1 : 1);
  rows.disputes.sort(byNext);
  rows['act-now'].sort(byNext);
  rows['coming-up'].sort(byNext);
  const byRead = (a: Row, b: Row) =>
    b.summary.view.lastReadAt - a.summary.view.lastReadAt || (a.orderId < b.orderId ? -1 : 1);
  rows.done.sort(byRead);
  hidden.sort(byRead);
  return { rows, hidden, byId };
}

/** The model with only the orders in `ids` (a search), each group's order kept. Null: all. */
export function filterModel(model: PopupModel, ids: ReadonlySet<string> | null): PopupModel {
  if (ids === null) return model;
  const keep = (list: readonly Row[]) => list.filter((r) => ids.has(r.orderId));
  const rows = {} as Record<Group, readonly Row[]>;
  for (const g of GROUPS) rows[g] = keep(model.rows[g]);
  return { rows, hidden: keep(model.hidden), byId: model.byId };
}
