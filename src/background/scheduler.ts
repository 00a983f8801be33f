/**
 * The scheduler: ONE alarm, always set to the next moment anything is due (a reminder, a badge
 * change), re-derived from storage on install, update, browser start, every store change and every
 * alarm. Nothing lives in memory or timers: a run reads everything it needs, so a worker woken
 * after days does exactly what one that never slept would.
 *
 * A run works from summaries (`sum:<id>`, each order's ladder precomputed by the worker when the
 * order changed), never from full orders: set aside broken records (a broken summary is rebuilt from
 * its order); rebuild every summary if the buyer's time zone changed; `freshen` each with now; show
 * what is due (gathered into one notification when several, e.g. missed while the browser was
 * closed), mark it shown in the ledger; set the badges; set the alarm.
 */
import { dueReminders, type Ledger, markShown, nextWakeUp, type Reminder } from '../core/reminders';
import { freshen, type LadderLike, type OrderSummary } from '../core/summary';
import type { Platform } from '../platform/types';
import { ITEMS, summaryKey } from '../store/items';
import {
  readOrders,
  rebuildSummaries,
  setAsideOrders,
  summaryChanges,
  summaryContext,
} from '../store/orders';
import { type BrokenRecord, parseState } from '../store/state';
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
  /** Every summary was rebuilt from IndexedDB this run (the time zone changed). */
  rebuilt?: boolean;
}

/**
 * Drops ledger entries of windows an order no longer has (its status moved on), so the ledger cannot
 * grow forever. Entries of orders not in `ladders` (e.g. set aside) are kept.
 */
export function pruneLedger(ledger: Ledger, ladders: ReadonlyMap<string, LadderLike>): Ledger {
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

/**
 * Broken summaries are derived data: each is rebuilt from its order in IndexedDB. One whose order
 * is broken too has the order set aside; one whose order is gone is set aside itself.
 */
async function repairSummaries(
  platform: Platform,
  broken: readonly BrokenRecord[],
  all: Readonly<Record<string, unknown>>,
): Promise<OrderSummary[]> {
  if (broken.length === 0) return [];
  const prefix = ITEMS.summaries.prefix;
  const ids = broken.map((b) => b.key.slice(prefix.length));
  const { orders, broken: brokenOrders } = await readOrders(platform, ids);
  const now = platform.now();
  await setAsideOrders(platform, brokenOrders, now);
  const { set, remove, summaries } = summaryChanges(orders.values(), summaryContext(platform), all);
  if (Object.keys(set).length > 0) await platform.storage.set(set);
  if (remove.length > 0) await platform.storage.remove(remove);
  const gone = broken.filter((b) => {
    const id = b.key.slice(prefix.length);
    return (
      !orders.has(id) && !brokenOrders.some((o) => o.orderId === id) && all[summaryKey(id)] !== undefined
    );
  });
  await setAside(platform.storage, gone, all, now);
  return summaries;
}

export async function reschedule(platform: Platform): Promise<RunResult> {
  const now = platform.now();
  const timeZone = platform.timeZone();
  const all = await platform.storage.get(null);
  const state = parseState(all);
  const isSummary = (b: BrokenRecord) => b.key.startsWith(ITEMS.summaries.prefix);
  const others = state.broken.filter((b) => !isSummary(b));
  if (others.length > 0) await setAside(platform.storage, others, all, now);

  let summaries = state.summaries;
  const rebuilt = summaries.some((s) => s.timeZone !== timeZone);
  if (rebuilt) {
    // Windows are instants computed in the buyer's zone (a civil date closes at its start there).
    summaries = await rebuildSummaries(platform);
  } else {
    summaries = summaries.concat(await repairSummaries(platform, state.broken.filter(isSummary), all));
  }

  const ladders = new Map<string, LadderLike>();
  for (const summary of summaries) ladders.set(summary.orderId, freshen(summary, now));
  const list = [...ladders.values()];
  const ctx = { now, timeZone };
  let ledger = state.ledger;
  const due = dueReminders(list, state.prefs, ledger, ctx);
  const result: RunResult = { shown: due, next: null, orders: list.length, ...(rebuilt ? { rebuilt } : {}) };
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
