import { runChange, type Self, storeRead } from '../../../src/background/handlers';
import { ALARM_NAME, runScheduler } from '../../../src/background/scheduler';
import { HOLD_MS } from '../../../src/core/burst';
import type { OrderSnapshot, StoredOrder } from '../../../src/core/model';
import { civilDateOf, DAY_MS } from '../../../src/core/time';
import type { MemoryPlatform } from '../../../src/platform/memory';
import type { Platform } from '../../../src/platform/types';

export const SELF: Self = { id: 'own-extension-id', origin: 'chrome-extension://own-extension-id/' };
export const POPUP = { id: SELF.id, url: `${SELF.origin}src/popup/index.html` };
export const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;
export const contentIn = (tabId: number, url: string) => ({ id: SELF.id, url, tab: { id: tabId } });

/** A detail read of an order completed `daysAgo` days before `now`: its 7-day return window is open. */
export function completedSnapshot(
  orderId: string,
  now: number,
  daysAgo: number,
  title = 'Neo XENON 2.1',
): OrderSnapshot {
  const completedOn = civilDateOf(now - daysAgo * DAY_MS, 'UTC');
  const placedOn = civilDateOf(now - (daysAgo + 20) * DAY_MS, 'UTC');
  return {
    orderId,
    source: 'detail',
    readAt: now,
    status: 'completed',
    placedOn,
    paidOn: placedOn,
    shippedOn: placedOn,
    completedOn,
    items: [{ title, quantity: 1 }],
    stated: { returnDaysAfterReceipt: 7 },
    missing: [],
  };
}

/**
 * What the worker does with a page read, for snapshots a test makes up: stored and scheduled
 * exactly as a forwarded page body is once the worker has read it (`runChange` + `storeRead`).
 */
export function readSnapshots(
  platform: Platform,
  snapshots: OrderSnapshot[],
  { tab = 1, focus }: { tab?: number; focus?: string } = {},
) {
  const url = detailUrl(focus ?? snapshots[0]?.orderId ?? '1000000');
  const health = { source: 'detail' as const, found: ['x'], missing: [], problems: [], usable: true };
  return runChange(platform, 'page read', () =>
    storeRead(
      { kind: 'order-detail', url, ...(focus ? { focusOrderId: focus } : {}) },
      { snapshots, health },
      contentIn(tab, url),
      platform,
    ),
  );
}

export const asStored = (s: OrderSnapshot): StoredOrder => ({
  orderId: s.orderId,
  firstSeen: s.readAt,
  lastSeen: s.readAt,
  reads: { [s.source]: s },
});

/**
 * Lets a burst of page reads settle: the clock moves past the hold (core/burst.ts) and the alarm
 * set for its end fires, as the browser would. Reminders found by the reads are shown then.
 */
export async function settle(platform: MemoryPlatform): Promise<void> {
  for (const name of platform.advance(HOLD_MS)) if (name === ALARM_NAME) await runScheduler(platform);
}
