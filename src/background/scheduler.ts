/**
 * The scheduler: ONE alarm, always set to the next moment anything is due (a reminder, a badge
 * change), re-derived from storage on install, update, browser start, every store change and every
 * alarm. Nothing lives in memory or timers: a run reads everything it needs, so a worker woken
 * after days does exactly what one that never slept would.
 *
 * A run: set aside broken records; build every order's ladder; show what is due (gathered into one
 * notification when several, e.g. missed while the browser was closed), mark it shown in the ledger;
 * set the badges; set the alarm.
 */
import { buildLadder, type Ladder } from '../core/ladder';
import { dueReminders, type Ledger, markShown, nextWakeUp, type Reminder } from '../core/reminders';
import type { Platform } from '../platform/types';
import { ITEMS } from '../store/items';
import { parseState } from '../store/state';
import { setAside } from '../store/write';
import { updateBadges } from './badge';
import { showReminders } from './notify';

export const ALARM_NAME = 'protection-clock:next';

export interface RunResult {
  shown: Reminder[];
  notificationId?: string;
  /** When the alarm is set for, or null when nothing is ahead. */
  next: number | null;
  orders: number;
}

/**
 * Drops ledger entries of windows an order no longer has (its status moved on), so the ledger cannot
 * grow forever. Entries of orders not in `ladders` (e.g. set aside) are kept.
 */
export function pruneLedger(ledger: Ledger, ladders: ReadonlyMap<string, Ladder>): Ledger {
  const windowIds = new Set<string>();
  for (const ladder of ladders.values()) for (const w of ladder.windows) windowIds.add(w.id);
  const keep = (windowId: string) => {
    const orderId = windowId.slice(0, windowId.indexOf(':'));
    return !ladders.has(orderId) || windowIds.has(windowId);
  };
  const reminders = Object.fromEntries(
    Object.entries(ledger.reminders).filter(([id]) => keep(id.slice(0, id.lastIndexOf(':')))),
  );
  const windows = Object.fromEntries(Object.entries(ledger.windows).filter(([id]) => keep(id)));
  return { reminders, windows };
}

export async function reschedule(platform: Platform): Promise<RunResult> {
  const now = platform.now();
  const timeZone = platform.timeZone();
  const all = await platform.storage.get(null);
  const state = parseState(all);
  if (state.broken.length > 0) await setAside(platform.storage, state.broken, all, now);

  const ladders = new Map<string, Ladder>();
  for (const order of state.orders) {
    try {
      ladders.set(order.orderId, buildLadder(order, { now, timeZone }));
    } catch (error) {
      // One order the rules cannot handle must not stop the others' reminders.
      console.warn('[protection-clock] no deadlines for order', order.orderId, error);
    }
  }
  const list = [...ladders.values()];
  const ctx = { now, timeZone };
  let ledger = state.ledger;
  const due = dueReminders(list, state.prefs, ledger, ctx);
  const result: RunResult = { shown: due, next: null, orders: list.length };
  if (due.length > 0) {
    // Shown first, then recorded: if the worker dies in between, the next run shows the same
    // notification id again, which replaces it (once, not twice).
    result.notificationId = await showReminders(platform, due, ladders, now);
    ledger = markShown(ledger, due, now);
  }
  ledger = pruneLedger(ledger, ladders);
  if (JSON.stringify(ledger) !== JSON.stringify(state.ledger)) {
    await platform.storage.set({ [ITEMS.ledger.key]: ledger });
  }

  const tabNext = await updateBadges(platform, ladders, state.prefs, ledger, now);
  const wake = nextWakeUp(list, state.prefs, ledger, ctx);
  const next = wake === null ? tabNext : tabNext === null ? wake : Math.min(wake, tabNext);
  result.next = next;
  if (next === null) await platform.alarms.clear(ALARM_NAME);
  else {
    const current = await platform.alarms.get(ALARM_NAME);
    if (current?.scheduledTime !== next) await platform.alarms.set(ALARM_NAME, next);
  }
  return result;
}
