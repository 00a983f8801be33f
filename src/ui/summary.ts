/**
 * What the faces compute from an order's summary at display time. Summaries are plain data the
 * worker precomputed (src/core/summary.ts); only what moves with the clock is worked out here.
 */
import type { DeadlineWindow } from '../core/ladder';
import type { OrderSummary } from '../core/summary';
import { nextClosing } from '../core/window-state';

/** The open money window of an order that closes soonest (core's `nextClosing` on a summary). */
export const nextClosingOf = (
  summary: Pick<OrderSummary, 'windows'>,
  now: number,
  isHandled?: (windowId: string) => boolean,
): DeadlineWindow | undefined => nextClosing(summary, now, isHandled);
