/**
 * What a window is at a moment, and how urgent its countdown is: the display-time half of the
 * ladder. Zod-free and zone-free, so that the panel on AliExpress's pages can use it without the
 * schemas and the rules (ladder.ts re-exports all of it).
 */
import { DAY_MS } from './durations';
import type { DeadlineWindow } from './windows';

export type WindowState = 'upcoming' | 'open' | 'closed';

export function windowState(w: Pick<DeadlineWindow, 'opensAt' | 'closesAt'>, now: number): WindowState {
  if (w.closesAt !== null && now >= w.closesAt) return 'closed';
  if (w.opensAt !== null && now < w.opensAt) return 'upcoming';
  return 'open';
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
