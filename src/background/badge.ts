/**
 * The toolbar badge: on a tab showing an order (the content script says which), that order's time
 * to its nearest closing window; everywhere else the most urgent order's. Which order each tab shows
 * is kept in `storage.session` (per-tab, worthless after a restart, and the worker may sleep between
 * the page read and the next alarm); tab badges need no `tabs` permission.
 */
import { badgeColor, formatBadge, nextBadgeChange } from '../core/countdown';
import type { UsualTable } from '../core/forecast';
import { forecastMark, forecastReasons, stepText } from '../core/forecast-text';
import type { Translate } from '../core/i18n';
import { journey } from '../core/journey';
import { type DeadlineWindow, urgency } from '../core/ladder';
import { isHidden, type Ledger } from '../core/ledger';
import { badgeWindow, type Prefs } from '../core/reminders';
import type { LadderLike } from '../core/summary';
import type { Platform } from '../platform/types';
import { type Focus, readItem, SESSION_ITEMS, writeItem } from '../store/items';
import { actionText, kindName, lastDayText, orderLabel, timeLeft, translator } from './texts';

const IDLE_COLOR = '#5F6368';

export function loadFocus(platform: Platform): Promise<Focus> {
  return readItem(platform.session, SESSION_ITEMS.focus);
}

/** Remembers (or forgets, with undefined) which order a tab shows. Written only when it changes. */
export async function setFocus(
  platform: Platform,
  tabId: number,
  orderId: string | undefined,
): Promise<boolean> {
  const focus = await loadFocus(platform);
  const key = String(tabId);
  if (focus[key] === orderId) return false;
  const next = { ...focus };
  if (orderId === undefined) delete next[key];
  else next[key] = orderId;
  await writeItem(platform.session, SESSION_ITEMS.focus, next);
  return true;
}

/** The deadline of the order's next step (its journey: a dispute's next step counts too). */
function stepDeadline(
  ladder: LadderLike,
  now: number,
  skip: (windowId: string) => boolean,
  usual?: UsualTable,
): DeadlineWindow | undefined {
  return journey(ladder, now, skip, { usual }).deadline;
}

/**
 * "At risk: no scan for 12 days in customs; usually at most 8 days there. Ask the seller to extend
 * protection, by …" before the title, when the order's parcel is at risk or stalled.
 */
function forecastLine(
  platform: Platform,
  ladder: LadderLike | undefined,
  now: number,
  usual: UsualTable | undefined,
): string {
  const f = ladder ? journey(ladder, now, undefined, { usual }).forecast : undefined;
  if (!f) return '';
  const worker = translator(platform);
  const t: Translate = (key, subs) => worker(key, subs === undefined ? undefined : [...subs]);
  const mark = forecastMark(f, t);
  if (mark === undefined) return '';
  const when = (at: number) => lastDayText(at, platform, now);
  // Act-by moments close at a day's start: name the day before, the real last day.
  const lastDay = (at: number) => lastDayText(at - 1, platform, now);
  const first = forecastReasons(f, t, when, lastDay)[0] ?? '';
  const step = stepText(f, t, when, lastDay) ?? '';
  return `${mark}: ${[first, step].filter(Boolean).join(' ')}\n`;
}

/**
 * The badge's window over every order: the soonest next-step deadline (journey), else what the
 * planner shows when nothing is open (a window that just closed unhandled: "!").
 */
function globalWindow(
  ladders: readonly LadderLike[],
  prefs: Prefs,
  ledger: Ledger,
  now: number,
  skip: (windowId: string) => boolean,
  usual?: UsualTable,
): DeadlineWindow | undefined {
  if (!prefs.badge) return undefined;
  let best: DeadlineWindow | undefined;
  for (const ladder of ladders) {
    const w = stepDeadline(ladder, now, skip, usual);
    if (w?.closesAt != null && (best === undefined || w.closesAt < (best.closesAt as number))) best = w;
  }
  return best ?? badgeWindow(ladders, prefs, ledger, now);
}

function badgeOf(
  platform: Platform,
  w: DeadlineWindow | undefined,
  ladder: LadderLike | undefined,
  now: number,
  usual?: UsualTable,
): { text: string; color: string; title: string } {
  const t = translator(platform);
  if (!w || w.closesAt === null) return { text: '', color: IDLE_COLOR, title: t('badgeTitleIdle') };
  const left = w.closesAt - now;
  return {
    text: formatBadge(left),
    color: badgeColor(urgency(left)),
    title:
      forecastLine(platform, ladder, now, usual) +
      t('badgeTitle', [
        w.orderId,
        orderLabel(ladder) || w.orderId,
        kindName(t, w.kind),
        lastDayText(w.closesAt, platform, now),
        timeLeft(t, Math.max(0, left)),
        actionText(t, w.action),
      ]),
  };
}

/** Whether a window is left out of the badges: handled, or of a kind the buyer turned off. */
const skipping =
  (prefs: Prefs, ledger: Ledger) =>
  (id: string): boolean =>
    ledger.windows[id]?.handledAt !== undefined ||
    prefs.kinds[id.slice(id.indexOf(':') + 1) as never] === false;

/** What a tab showing `orderId` carries: its next step's deadline, or why there is none. */
function tabBadge(
  platform: Platform,
  orderId: string,
  ladder: LadderLike | undefined,
  prefs: Prefs,
  skip: (windowId: string) => boolean,
  now: number,
  usual: UsualTable | undefined,
): { w: DeadlineWindow | undefined; b: { text: string; color: string; title: string } } {
  const w = prefs.badge && ladder ? stepDeadline(ladder, now, skip, usual) : undefined;
  const b =
    w || !prefs.badge
      ? badgeOf(platform, w, ladder, now, usual)
      : { text: '', color: IDLE_COLOR, title: translator(platform)('badgeTitleNothing', [orderId]) };
  return { w, b };
}

/**
 * The badge of the tab a page read came from, set as soon as the read is stored, from the read
 * order's own ladder: the buyer looking at the order sees it without waiting for the whole
 * scheduler run that follows (which sets the same badge again, with everything else).
 */
export async function setTabBadge(
  platform: Platform,
  tabId: number,
  ladder: LadderLike,
  prefs: Prefs,
  ledger: Ledger,
  now: number,
  usual?: UsualTable,
): Promise<void> {
  const { b } = tabBadge(platform, ladder.orderId, ladder, prefs, skipping(prefs, ledger), now, usual);
  await platform.badge.set(b.text, b.color, b.title, tabId);
}

/**
 * Sets the global badge and each focused tab's; returns the next moment a tab badge changes (the
 * global one is in `nextWakeUp` already), so the one alarm covers it too.
 */
export async function updateBadges(
  platform: Platform,
  ladders: ReadonlyMap<string, LadderLike>,
  prefs: Prefs,
  ledger: Ledger,
  now: number,
  /** The buyer's usual delivery stage times (the forecast's), as every face uses them. */
  usual?: UsualTable,
): Promise<number | null> {
  // A hidden order does not count down globally (its own tab still shows it: the buyer is there).
  const all = [...ladders.values()].filter((l) => !isHidden(ledger, l));
  const skip = skipping(prefs, ledger);
  const global = globalWindow(all, prefs, ledger, now, skip, usual);
  const g = badgeOf(platform, global, global ? ladders.get(global.orderId) : undefined, now, usual);
  await platform.badge.set(g.text, g.color, g.title);

  let next: number | null = null;
  // A dispute step is not a money window, so the planner's wake-up does not cover its changes.
  if (global?.closesAt != null && global.closesAt > now) {
    for (const t of [nextBadgeChange(global.closesAt - now, now), global.closesAt]) {
      if (t !== null && t > now && (next === null || t < next)) next = t;
    }
  }
  const focus = await loadFocus(platform);
  const gone: string[] = [];
  for (const [tab, orderId] of Object.entries(focus)) {
    const { w, b } = tabBadge(platform, orderId, ladders.get(orderId), prefs, skip, now, usual);
    try {
      await platform.badge.set(b.text, b.color, b.title, Number(tab));
    } catch {
      // The tab is gone (closed or navigated away): forget it.
      gone.push(tab);
      continue;
    }
    if (w?.closesAt != null) {
      for (const t of [nextBadgeChange(w.closesAt - now, now), w.closesAt]) {
        if (t !== null && t > now && (next === null || t < next)) next = t;
      }
    }
  }
  if (gone.length) {
    const current = await loadFocus(platform);
    for (const tab of gone) delete current[tab];
    await writeItem(platform.session, SESSION_ITEMS.focus, current);
  }
  return next;
}
