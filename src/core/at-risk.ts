/**
 * The reminder when an order turns at risk (src/core/forecast.ts): once per order, due the moment the
 * forecast says so, moved past the quiet hours, shown with any other due reminders in one notice.
 * Its id is the protection end's window id with the lead `at-risk`, so the ledger records it like
 * any reminder, and it goes when the order's protection end does.
 *
 * Planning also says when an order that is not at risk yet will turn so with no new scan: the
 * forecast's late end only moves later as time passes without a scan, so the first moment is found
 * by halving the interval up to the act-by time (by which every undelivered parcel is at risk).
 */

import { MINUTE_MS } from './durations';
import { forecast, type UsualTable } from './forecast';
import { type JourneyInput, journey } from './journey';
import type { DeadlineWindow } from './ladder';
import { type Ledger, reminderId } from './ledger';
import { deferPastQuietHours, type PlanContext, type Prefs, type Reminder } from './reminders';

export const AT_RISK_LEAD = 'at-risk' as const;

export interface AtRiskPlan {
  /** Reminders due now (each order once). */
  readonly due: Reminder[];
  /** The next moment an order turns at risk or its reminder comes out of the quiet hours; null: none. */
  readonly next: number | null;
}

type Plannable = JourneyInput & { readonly orderId: string };

/** The first instant in (now, until] at which the order's forecast is at risk, or undefined. */
function turnsAtRisk(
  ladder: Plannable,
  end: number,
  now: number,
  until: number,
  usual?: UsualTable,
): number | undefined {
  const parcel = ladder.view.facts?.parcel;
  const risky = (t: number) => forecast({ parcel, protectionEnd: end, now: t, usual }).verdict === 'at-risk';
  if (until <= now || !risky(until)) return undefined;
  let lo = now;
  let hi = until;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (risky(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function planAtRisk(
  ladders: Iterable<Plannable>,
  prefs: Prefs,
  ledger: Ledger,
  ctx: PlanContext,
  opts: { usual?: UsualTable | undefined; isHandled?: (windowId: string) => boolean } = {},
): AtRiskPlan {
  const { now, timeZone } = ctx;
  const isHandled = opts.isHandled ?? ((id: string) => ledger.windows[id]?.handledAt !== undefined);
  const due: Reminder[] = [];
  let next: number | null = null;
  const consider = (t: number) => {
    if (t > now && (next === null || t < next)) next = t;
  };
  if (prefs.kinds['protection-end'] === false) return { due, next };
  for (const ladder of ladders) {
    if (ladder.view.final || ladder.view.facts?.parcel === undefined) continue;
    let protection: DeadlineWindow | undefined;
    for (const w of ladder.windows) if (w.kind === 'protection-end') protection = w;
    if (protection?.closesAt == null || protection.closesAt <= now || isHandled(protection.id)) continue;
    const id = reminderId(protection.id, AT_RISK_LEAD);
    const entry = ledger.reminders[id];
    if (entry?.shownAt !== undefined) continue;
    const j = journey(ladder, now, isHandled, { usual: opts.usual });
    if (j.stage !== 'in-transit' || j.forecast === undefined) continue;
    let at: number | undefined;
    if (j.forecast.verdict === 'at-risk') at = now;
    else if (j.forecast.actBy !== undefined) {
      at = turnsAtRisk(
        ladder,
        protection.closesAt,
        now,
        Math.min(j.forecast.actBy, protection.closesAt),
        opts.usual,
      );
    }
    if (at === undefined) continue;
    const dueAt = Math.max(
      deferPastQuietHours(at, prefs.quietHours, timeZone),
      entry?.snoozedUntil ?? Number.NEGATIVE_INFINITY,
    );
    if (dueAt <= now) {
      due.push({
        id,
        windowId: protection.id,
        orderId: protection.orderId,
        kind: 'protection-end',
        dueAt,
        closesAt: protection.closesAt,
        lead: AT_RISK_LEAD,
      });
    } else consider(dueAt);
  }
  return { due, next };
}
