/**
 * The scheduler: ONE alarm, always set to the next moment anything is due (a reminder, a badge
 * change), re-derived from storage on install, update, browser start, every store change and every
 * alarm. Nothing lives in memory or timers: a run reads everything it needs, so a worker woken
 * after days does exactly what one that never slept would.
 *
 * A run works from summaries (IndexedDB `summary-packs`, each order's ladder precomputed by the
 * worker when the order changed: one `getAll`), never from full orders: set aside broken records (a
 * broken summary is rebuilt from its order); rebuild every summary if the buyer's time zone changed;
 * `freshen` each with now; show
 * what is due (gathered into one notification when several, e.g. missed while the browser was
 * closed), mark it shown in the ledger; set the badges; set the alarm.
 */
import { planAtRisk } from '../core/at-risk';
import { HOLD_MS, heldUntil, holds, noteRead, type ReadBurst } from '../core/burst';
import { usualTable } from '../core/forecast';
import { isHidden, type Ledger, markShown, prune } from '../core/ledger';
import type { PlanHead } from '../core/plan-head';
import { dueReminders, nextWakeUp, OVERDUE_GRACE_MS, type Reminder } from '../core/reminders';
import { freshen, type LadderLike, type OrderSummary, toStored } from '../core/summary';
import type { Platform } from '../platform/types';
import { ITEMS, readItem, SESSION_ITEMS, writeItem } from '../store/items';
import { readOrders, rebuildSummaries, summaryChanges, summaryContext } from '../store/orders';
import { quarantineWrite, setAside, setAsideOrders } from '../store/quarantine';
import { parseState } from '../store/state';
import { type BrokenSummary, parseSummaries, writeSummaries } from '../store/summaries';
import { loadFocus, setTabBadge, updateBadges } from './badge';
import { showReminders } from './notify';
import { syncedSummaries, syncNow } from './sync';

export const ALARM_NAME = 'protection-clock:next';

/**
 * The current burst of page reads (`storage.session`: worthless after a restart, and a start begins
 * a burst of its own). See core/burst.ts.
 */
async function readBurst(platform: Platform): Promise<ReadBurst | undefined> {
  return (await readItem(platform.session, SESSION_ITEMS.readBurst)) ?? undefined;
}

/** A page read (or a browser start) at now: reminders wait until the reads settle. */
export async function markRead(platform: Platform): Promise<void> {
  const burst = noteRead(await readBurst(platform), platform.now());
  await writeItem(platform.session, SESSION_ITEMS.readBurst, burst);
}
export { HOLD_MS };

export interface RunResult {
  shown: Reminder[];
  notificationId?: string;
  /** When the alarm is set for, or null when nothing is ahead. */
  next: number | null;
  orders: number;
  /** Due reminders wait for a burst of page reads to settle until then (see core/burst.ts). */
  heldUntil?: number;
  /** Every summary was rebuilt from IndexedDB this run (the time zone changed). */
  rebuilt?: boolean;
}

/**
 * Broken summaries are derived data: each is rebuilt from its order in IndexedDB. One whose order
 * is broken too has the order set aside; one whose order is gone is set aside itself (copied into
 * the quarantine as `sum:<id>`, then deleted).
 */
async function repairSummaries(
  platform: Platform,
  broken: readonly BrokenSummary[],
): Promise<OrderSummary[]> {
  if (broken.length === 0) return [];
  const ids = broken.map((b) => b.orderId);
  const { orders, broken: brokenOrders } = await readOrders(platform, ids);
  const now = platform.now();
  await setAsideOrders(platform, brokenOrders, now);
  const stored = new Map(broken.map((b) => [b.orderId, b.raw]));
  const { put, remove, summaries } = summaryChanges(orders.values(), summaryContext(platform), stored);
  const gone = broken.filter(
    (b) => !orders.has(b.orderId) && !brokenOrders.some((o) => o.orderId === b.orderId),
  );
  const extra =
    gone.length > 0
      ? await quarantineWrite(
          platform.storage,
          gone.map((b) => ({ key: b.key, raw: b.raw, reason: b.reason, at: now })),
        )
      : {};
  await writeSummaries(platform, put, [...remove, ...gone.map((b) => b.orderId)], extra);
  return summaries;
}

/**
 * The windows `prune` (core/ledger.ts) must know: the planned orders', and those of settled orders the ledger
 * has entries for (from their heads; a settled order without entries has nothing to prune).
 */
function withSettled(
  ladders: ReadonlyMap<string, LadderLike>,
  settled: readonly { orderId: string; head: PlanHead }[],
  ledger: Ledger,
): ReadonlyMap<string, { readonly windows: readonly { readonly id: string }[] }> {
  if (settled.length === 0) return ladders;
  const named = new Set<string>();
  for (const id of [...Object.keys(ledger.reminders), ...Object.keys(ledger.windows)])
    named.add(id.slice(0, id.indexOf(':')));
  if (named.size === 0) return ladders;
  const known = new Map<string, { readonly windows: readonly { readonly id: string }[] }>(ladders);
  for (const { orderId, head } of settled) {
    if (named.has(orderId))
      known.set(orderId, { windows: head.kinds.map((k) => ({ id: `${orderId}:${k}` })) });
  }
  return known;
}

/**
 * Sets the badge of the tab a page read came from, from the order it read (its summary as it will
 * be stored, read back as a run reads it) and `items` (storage.local's preferences, ledger and
 * forecast history), before the writes and the run that follow: the buyer waits on this badge,
 * and a run at 10,000 orders costs far more than one order. The run sets the same badge again
 * (or, for an order a full store could not keep, says there is none), so a failure here only
 * costs the head start.
 */
export async function badgeReadOrder(
  platform: Platform,
  tabId: number,
  summary: OrderSummary,
  items: Record<string, unknown>,
): Promise<void> {
  const now = platform.now();
  const [read] = parseSummaries([JSON.parse(JSON.stringify(toStored(summary)))]).summaries;
  if (!read) return;
  const state = parseState(items);
  const usual = usualTable(state.forecastHistory);
  await setTabBadge(platform, tabId, freshen(read, now), state.prefs, state.ledger, now, usual);
}

export async function runScheduler(platform: Platform): Promise<RunResult> {
  const now = platform.now();
  const timeZone = platform.timeZone();
  // An order every window of which closed more than the badge's grace ago (and opened before)
  // can change nothing a run does: no reminder, no badge, no wake-up. Most of a long history is
  // such orders; of them the run reads only the plan head kept beside each summary, never the
  // summary itself. Orders a tab shows are read whatever their state (their tab badge names them).
  // Sync first (when the buyer turned it on): a mark made on another browser counts before
  // anything is planned. A sync failure never stops the reminders.
  await syncNow(platform).catch((error: unknown) =>
    console.warn('[protection-clock] sync step failed', error),
  );
  const focused = new Set(Object.values(await loadFocus(platform)));
  const [all, planning] = await Promise.all([
    platform.storage.get(null),
    platform.summaries.readLive(now - OVERDUE_GRACE_MS, focused),
  ]);
  const state = parseState(all);
  if (state.broken.length > 0) await setAside(platform.storage, state.broken, all, now);
  const read = parseSummaries(planning.records);

  let summaries = read.summaries;
  let settled = planning.settled;
  const rebuilt =
    summaries.some((s) => s.timeZone !== timeZone) || settled.some((s) => s.head.timeZone !== timeZone);
  if (rebuilt) {
    // Windows are instants computed in the buyer's zone (a civil date closes at its start there).
    summaries = await rebuildSummaries(platform);
    settled = [];
  } else {
    summaries = summaries.concat(await repairSummaries(platform, read.broken));
  }

  const ladders = new Map<string, LadderLike>();
  for (const summary of summaries) ladders.set(summary.orderId, freshen(summary, now));
  // Orders another browser read and shares through sync (none while sync is off).
  for (const summary of syncedSummaries(all))
    if (!ladders.has(summary.orderId)) ladders.set(summary.orderId, summary);
  // An order the buyer hid reminds no more, until a read gives it a new window (core/ledger.ts).
  const list = [...ladders.values()].filter((l) => !isHidden(state.ledger, l));
  const ctx = { now, timeZone };
  let ledger = state.ledger;
  // Orders that turned at risk (their forecast: src/core/forecast.ts) are told in the same notice.
  const usual = usualTable(state.forecastHistory);
  const atRisk = planAtRisk(list, state.prefs, ledger, ctx, { usual });
  const found = [...dueReminders(list, state.prefs, ledger, ctx), ...atRisk.due];
  // Reads are still coming in: hold what is due until they settle, then plan it again then (a read
  // may have closed its window meanwhile) and show it all as one notification.
  const burst = await readBurst(platform);
  const until = heldUntil(burst, now);
  const held = holds(found, until) ? until : null;
  const due = held === null ? found : [];
  const result: RunResult = {
    shown: due,
    next: null,
    orders: list.length + settled.length,
    ...(rebuilt ? { rebuilt } : {}),
  };
  if (held !== null) result.heldUntil = held;
  if (due.length > 0) {
    // Shown first, then recorded: if the worker dies in between, the next run shows the same
    // notification id again, which replaces it (once, not twice).
    result.notificationId = await showReminders(platform, due, ladders, now);
    ledger = markShown(ledger, due, now);
    // Reads still coming (a burst past MAX_HOLD_MS): what they find waits for the next cap, so a
    // long browse gets one notification a minute at most, not one per page.
    if (burst !== undefined && burst.lastAt + HOLD_MS > now)
      await writeItem(platform.session, SESSION_ITEMS.readBurst, { ...burst, startedAt: now });
  }
  ledger = prune(ledger, withSettled(ladders, settled, ledger));
  if (JSON.stringify(ledger) !== JSON.stringify(state.ledger)) {
    await writeItem(platform.storage, ITEMS.ledger, ledger);
    // Shown here: the other browsers must not show the same reminders again.
    if (due.length > 0)
      await syncNow(platform).catch((error: unknown) =>
        console.warn('[protection-clock] sync step failed', error),
      );
  }

  const tabNext = await updateBadges(platform, ladders, state.prefs, ledger, now, usual);
  const wake = nextWakeUp(list, state.prefs, ledger, ctx);
  const next = [wake, atRisk.next, tabNext, held].reduce<number | null>(
    (best, t) => (t === null ? best : best === null ? t : Math.min(best, t)),
    null,
  );
  result.next = next;
  if (next === null) await platform.alarms.clear(ALARM_NAME);
  else {
    const current = await platform.alarms.get(ALARM_NAME);
    if (current?.scheduledTime !== next) await platform.alarms.set(ALARM_NAME, next);
  }
  return result;
}
