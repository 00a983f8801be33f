/**
 * What a window is at a moment, and how urgent its countdown is: the display-time half of the
 * ladder. Zod-free and zone-free, so that the panel on AliExpress's pages can use it without the
 * schemas and the rules (ladder.ts re-exports all of it).
 */
import { DAY_MS } from './durations';
import type { DeadlineWindow } from './windows';

/** Anything with windows: a ladder or a summary. */
type WithWindows = { readonly windows: readonly DeadlineWindow[] };

export type WindowState = 'upcoming' | 'open' | 'closed';

export function windowState(w: Pick<DeadlineWindow, 'opensAt' | 'closesAt'>, now: number): WindowState {
  if (w.closesAt !== null && now >= w.closesAt) return 'closed';
  if (w.opensAt !== null && now < w.opensAt) return 'upcoming';
  return 'open';
}

/**
 * The open window with money at stake that closes soonest, or undefined. `isHandled` lets the
 * caller skip windows the buyer marked as dealt with (the ledger lives in reminders.ts).
 */
export function nextClosing(
  ladder: WithWindows,
  now: number,
  isHandled?: (windowId: string) => boolean,
): DeadlineWindow | undefined {
  let best: DeadlineWindow | undefined;
  for (const w of ladder.windows) {
    if (!w.losesMoney || w.closesAt === null || windowState(w, now) !== 'open') continue;
    if (isHandled?.(w.id)) continue;
    if (best === undefined || w.closesAt < (best.closesAt as number)) best = w;
  }
  return best;
}

/** `nextClosing` over every order: what the toolbar badge counts down. */
export function mostUrgent(
  ladders: readonly WithWindows[],
  now: number,
  isHandled?: (windowId: string) => boolean,
): DeadlineWindow | undefined {
  let best: DeadlineWindow | undefined;
  for (const ladder of ladders) {
    const w = nextClosing(ladder, now, isHandled);
    if (w && (best === undefined || (w.closesAt as number) < (best.closesAt as number))) best = w;
  }
  return best;
}

export type Urgency = 'overdue' | 'urgent' | 'soon' | 'later';

export const URGENT_MS = 2 * DAY_MS;
export const SOON_MS = 7 * DAY_MS;

export function urgency(msLeft: number): Urgency {
  if (msLeft <= 0) return 'overdue';
  if (msLeft < URGENT_MS) return 'urgent';
  if (msLeft < SOON_MS) return 'soon';
  return 'later';
}
