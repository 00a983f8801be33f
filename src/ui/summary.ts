/**
 * What the faces compute from an order's summary at display time. Summaries are plain data the
 * worker precomputed (src/core/summary.ts); only what moves with the clock is worked out here.
 */
import { type DeadlineWindow, type Ladder, nextClosing } from '../core/ladder';
import type { OrderSummary } from '../core/summary';

/** core's `nextClosing` reads only a ladder's windows; its parameter is typed as a full ladder. */
export const nextClosingOf = (
  summary: Pick<OrderSummary, 'windows'>,
  now: number,
  isHandled?: (windowId: string) => boolean,
): DeadlineWindow | undefined => nextClosing(summary as unknown as Ladder, now, isHandled);
