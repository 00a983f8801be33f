/**
 * Reminder planning (pure). The background keeps ONE alarm set to `nextWakeUp`; when it fires it
 * shows `dueReminders`, records them in the ledger (`markShown`, core/ledger.ts) and sets the alarm again.
 *
 * Rules, and the choices where the brief was silent:
 * - Lead reminders (default 7, 3 and 1 calendar days before, same wall-clock time) only for windows
 *   whose closing loses money. When several windows of one order close at the same moment
 *   (awaiting delivery: protection end, dispute window and coupon all close with the protection),
 *   only the first by priority (core/windows.ts) gets lead reminders, so the buyer gets one notice, not three.
 * - An "opens" notice when a window whose kind announces its opening opens (core/windows.ts:
 *   escalation, the late-delivery coupon, and ask-extension, the moment to write to the seller).
 * - A lead that is not yet useful (before the window opens) is moved to the opening.
 * - Missed reminders (their time passed while the browser was closed, or the order was first seen
 *   late): only the most recent passed lead of a window is due now; older passed leads of the same
 *   window are superseded for good. More generally a lead whose (deferred) time reaches the next
 *   shorter lead's time is dropped, so one window never sends two notices at once. Each reminder
 *   is due once: shown ones are never planned again.
 * - Quiet hours defer to their end (buyer's zone; a range may cross midnight). A snooze defers to
 *   `snoozedUntil`. If a deferral would reach the close, the reminder is clamped to one hour before
 *   the close (or left at its un-deferred time if that is later): a money deadline beats quiet hours
 *   and snoozes. A reminder is therefore always strictly before its window closes.
 * - Handled windows, closed windows and kinds switched off in prefs get nothing (the badge also
 *   ignores them).
 */
import { nextBadgeChange } from './countdown';
import { type DeadlineWindow, type Ladder, windowState } from './ladder';
import type { Prefs, QuietHours } from './prefs';
import type { WindowKind } from './windows';

/** Planning reads only each order's windows: a full ladder or an order summary both fit. */
export type PlanLadder = Pick<Ladder, 'orderId' | 'windows'>;

import { handledIn, type Ledger, type ReminderLead, reminderId } from './ledger';
import {
  addCalendarDaysToInstant,
  addDays,
  civilDateOf,
  DAY_MS,
  HOUR_MS,
  minuteOfDay,
  parseHhMm,
  wallTimeToInstant,
} from './time';
import { WINDOWS } from './windows';

export { DEFAULT_PREFS, Prefs, QuietHours } from './prefs';

export interface Reminder {
  /** `${windowId}:${lead}` or `${windowId}:opens`. */
  readonly id: string;
  readonly windowId: string;
  readonly orderId: string;
  readonly kind: WindowKind;
  readonly dueAt: number;
  readonly closesAt: number | null;
  readonly lead: ReminderLead;
}

export interface PlanContext {
  readonly now: number;
  readonly timeZone: string;
}

/**
 * The ledger as sets, built once per call: looking up 10,000 freshly concatenated id strings in
 * plain objects costs more than the planning itself.
 */
interface LedgerIndex {
  readonly handled: ReadonlySet<string>;
  readonly shown: ReadonlySet<string>;
  readonly snoozed: ReadonlyMap<string, number>;
}

function indexLedger(ledger: Ledger): LedgerIndex {
  const handled = new Set<string>();
  const isHandled = handledIn(ledger);
  for (const id in ledger.windows) if (isHandled(id)) handled.add(id);
  const shown = new Set<string>();
  const snoozed = new Map<string, number>();
  for (const id in ledger.reminders) {
    const entry = ledger.reminders[id];
    if (entry?.shownAt !== undefined) shown.add(id);
    if (entry?.snoozedUntil !== undefined) snoozed.set(id, entry.snoozedUntil);
  }
  return { handled, shown, snoozed };
}

function isActive(w: DeadlineWindow, prefs: Prefs, index: LedgerIndex, now: number): boolean {
  if (prefs.kinds[w.kind] === false || (index.handled.size > 0 && index.handled.has(w.id))) return false;
  if (w.opensAt !== null && w.closesAt !== null && w.opensAt >= w.closesAt) return false;
  return windowState(w, now) !== 'closed';
}

interface Quiet {
  start: number;
  end: number;
}

function quietOf(prefs: Pick<Prefs, 'quietHours'>): Quiet | null {
  if (prefs.quietHours === null) return null;
  const start = parseHhMm(prefs.quietHours.start);
  const end = parseHhMm(prefs.quietHours.end);
  // Equal start and end is an empty range, not a whole day.
  if (start === undefined || end === undefined || start === end) return null;
  return { start, end };
}

/** `t`, or the end of the quiet hours it falls in (in the buyer's zone). */
export function deferPastQuietHours(t: number, quiet: QuietHours | null, timeZone: string): number {
  const q = quietOf({ quietHours: quiet });
  return q === null ? t : deferQuiet(t, q, timeZone);
}

function deferQuiet(t: number, quiet: Quiet, tz: string): number {
  const m = minuteOfDay(t, tz);
  const crossesMidnight = quiet.start > quiet.end;
  const inQuiet = crossesMidnight ? m >= quiet.start || m < quiet.end : m >= quiet.start && m < quiet.end;
  if (!inQuiet) return t;
  const today = civilDateOf(t, tz);
  // Before midnight in a range that crosses it: the quiet hours end tomorrow.
  const endDay = crossesMidnight && m >= quiet.start ? addDays(today, 1) : today;
  const end = wallTimeToInstant(endDay, quiet.end, tz);
  return Math.max(end, t);
}

type Emit = (w: DeadlineWindow, lead: ReminderLead, id: string, dueAt: number) => void;

/**
 * Walks every reminder that is planned (not shown, window active) and hands it to `emit`.
 * `cutoff`, when given, lets the caller skip reminders that cannot be due before it (a cheap lower
 * bound is checked before any time-zone work).
 */
function walk(
  ladders: readonly PlanLadder[],
  prefs: Prefs,
  ledger: Ledger,
  ctx: PlanContext,
  emit: Emit,
  cutoff?: () => number,
): void {
  const { now, timeZone: tz } = ctx;
  const index = indexLedger(ledger);
  const quiet = quietOf(prefs);
  const leads = [...new Set(prefs.leadsDays)].sort((a, b) => b - a);

  const schedule = (base: number, id: string, closesAt: number | null): number => {
    let t = base;
    const snoozed = index.snoozed.size > 0 ? index.snoozed.get(id) : undefined;
    if (snoozed !== undefined && snoozed > t) t = snoozed;
    if (quiet !== null) t = deferQuiet(t, quiet, tz);
    if (closesAt !== null && t >= closesAt) t = Math.max(base, closesAt - HOUR_MS);
    return t;
  };
  const shown = (id: string): boolean => index.shown.size > 0 && index.shown.has(id);

  for (const ladder of ladders) {
    let leadsTakenFor: number[] | undefined;
    for (const w of ladder.windows) {
      if (!isActive(w, prefs, index, now)) continue;
      const floor = Math.max(now, w.opensAt ?? now);

      // Windows come sorted by close then priority: the first at a given close takes the leads.
      const takesLeads =
        WINDOWS[w.kind].remindsBeforeClose &&
        w.closesAt !== null &&
        leads.length > 0 &&
        !leadsTakenFor?.includes(w.closesAt);
      if (takesLeads && w.closesAt !== null) {
        const closesAt = w.closesAt;
        leadsTakenFor ??= [];
        leadsTakenFor.push(closesAt);

        // DST moves a calendar-day lead by at most a few hours (a skipped day by one more day).
        const slack = DAY_MS + 3 * HOUR_MS;
        const bound = cutoff?.();
        for (let i = 0; i < leads.length; i++) {
          const lead = leads[i] as number;
          if (bound !== undefined && Math.max(floor, closesAt - lead * DAY_MS - slack) >= bound) continue;
          const id = reminderId(w.id, lead);
          if (shown(id)) continue;
          const nominal = addCalendarDaysToInstant(closesAt, -lead, tz);
          const dueAt = schedule(Math.max(nominal, floor), id, closesAt);
          // Superseded: the next (shorter) lead is due by then, so this one would only repeat it.
          // This is how passed leads collapse into the most recent one.
          const next = leads[i + 1];
          if (next !== undefined && addCalendarDaysToInstant(closesAt, -next, tz) <= dueAt) continue;
          emit(w, lead, id, dueAt);
        }
      }

      if (WINDOWS[w.kind].announcesOpening && w.opensAt !== null) {
        const id = reminderId(w.id, 'opens');
        if (!shown(id)) emit(w, 'opens', id, schedule(floor, id, w.closesAt));
      }
    }
  }
}

/** Every reminder still to show, soonest first (ties by id, so the order is deterministic). */
export function planReminders(
  ladders: readonly PlanLadder[],
  prefs: Prefs,
  ledger: Ledger,
  ctx: PlanContext,
): Reminder[] {
  const out: Reminder[] = [];
  walk(ladders, prefs, ledger, ctx, (w, lead, id, dueAt) => {
    out.push({ id, windowId: w.id, orderId: w.orderId, kind: w.kind, dueAt, closesAt: w.closesAt, lead });
  });
  out.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/** The reminders to show now: due at or before `now`, not shown yet, windows still open. */
export function dueReminders(
  ladders: readonly PlanLadder[],
  prefs: Prefs,
  ledger: Ledger,
  ctx: PlanContext,
): Reminder[] {
  return planReminders(ladders, prefs, ledger, ctx).filter((r) => r.dueAt <= ctx.now);
}

/**
 * The next moment after `now` at which anything changes, for all orders at once: the earliest
 * future reminder, or the next change of the badge (its text ticking from days to hours, or a
 * window opening or closing, which can change which countdown is the most urgent). Null when
 * nothing is ahead. Reminders already due are not counted: show them first (`dueReminders`).
 */
export function nextWakeUp(
  ladders: readonly PlanLadder[],
  prefs: Prefs,
  ledger: Ledger,
  ctx: PlanContext,
): number | null {
  const { now } = ctx;
  let best = Number.POSITIVE_INFINITY;
  const consider = (t: number | null): void => {
    if (t !== null && t > now && t < best) best = t;
  };

  walk(
    ladders,
    prefs,
    ledger,
    ctx,
    (_w, _lead, _id, dueAt) => consider(dueAt),
    () => best,
  );

  if (prefs.badge) {
    const index = indexLedger(ledger);
    const skip = (w: DeadlineWindow): boolean =>
      prefs.kinds[w.kind] === false || (index.handled.size > 0 && index.handled.has(w.id));
    for (const ladder of ladders) {
      for (const w of ladder.windows) {
        if (!w.losesMoney || skip(w)) continue;
        if (w.opensAt !== null) consider(w.opensAt);
        if (w.closesAt !== null) {
          consider(w.closesAt);
          // The badge leaves "!" when the overdue grace of a closed window ends.
          consider(w.closesAt + OVERDUE_GRACE_MS);
        }
      }
    }
    const urgent = urgentWindow(ladders, prefs, index, now);
    if (urgent?.closesAt != null) consider(nextBadgeChange(urgent.closesAt - now, now));
  }
  return best === Number.POSITIVE_INFINITY ? null : best;
}

/** What the badge shows: the most urgent open money window across orders, honouring prefs and ledger. */
export function badgeWindow(
  ladders: readonly PlanLadder[],
  prefs: Prefs,
  ledger: Ledger,
  now: number,
): DeadlineWindow | undefined {
  if (!prefs.badge) return undefined;
  return urgentWindow(ladders, prefs, indexLedger(ledger), now);
}

/**
 * How long a money window that closed unhandled keeps the badge at "!" (overdue). Long enough to be
 * seen the next time the buyer opens the browser, short enough never to become noise: after it, the
 * window is simply closed. A window the buyer marked handled is never overdue.
 */
export const OVERDUE_GRACE_MS = 24 * HOUR_MS;

function urgentWindow(
  ladders: readonly PlanLadder[],
  prefs: Prefs,
  index: LedgerIndex,
  now: number,
): DeadlineWindow | undefined {
  // The soonest-closing open money window wins; only when none is open does a window that closed
  // unhandled within the grace show as overdue (the latest such close first).
  let best: DeadlineWindow | undefined;
  let bestClose = Number.POSITIVE_INFINITY;
  let overdue: DeadlineWindow | undefined;
  let overdueClose = Number.NEGATIVE_INFINITY;
  for (const ladder of ladders) {
    for (const w of ladder.windows) {
      const closesAt = w.closesAt;
      if (!w.losesMoney || closesAt === null) continue;
      if (prefs.kinds[w.kind] === false || (index.handled.size > 0 && index.handled.has(w.id))) continue;
      if (closesAt <= now) {
        if (
          now - closesAt < OVERDUE_GRACE_MS &&
          closesAt > overdueClose &&
          (w.opensAt === null || w.opensAt < closesAt)
        ) {
          overdue = w;
          overdueClose = closesAt;
        }
        continue;
      }
      if (closesAt >= bestClose || windowState(w, now) !== 'open') continue;
      best = w;
      bestClose = closesAt;
    }
  }
  return best ?? overdue;
}
