/**
 * The worker learns the buyer's stage times from tracking reads that say delivered, once per order,
 * and keeps them in storage.local for every face's forecast.
 */
import { describe, expect, it } from 'vitest';
import { usualTable } from '../../../src/core/forecast';
import type { OrderSnapshot, StoredOrder, TrackingEvent } from '../../../src/core/model';
import { DAY_MS } from '../../../src/core/time';
import { memoryPlatform } from '../../../src/platform/memory';
import { ITEMS } from '../../../src/store/items';
import { rebuildSummaries } from '../../../src/store/orders';
import { parseState } from '../../../src/store/state';
import { readSnapshots } from '../background/helpers';

const NOW = Date.UTC(2026, 10, 22, 12);

function deliveredRead(orderId: string, customsDays: number, delivered = true): OrderSnapshot {
  const events: TrackingEvent[] = [
    { at: NOW - 20 * DAY_MS, stage: 'line-haul', code: 'AE_LH_DEPART' },
    { at: NOW - 15 * DAY_MS, stage: 'customs', code: 'AE_CC_IM_START' },
    { at: NOW - (15 - customsDays) * DAY_MS, stage: 'last-mile', code: 'AE_LAST_MILE_OUT' },
  ];
  if (delivered) events.push({ at: NOW - DAY_MS, stage: 'delivered', code: 'AE_GTMS_SIGNED' });
  return {
    orderId,
    source: 'tracking',
    readAt: NOW,
    missing: [],
    tracking: { carrier: 'YunExpress', mailNo: 'YT1', events: events.reverse(), delivered },
  };
}

describe('forecast history in the store', () => {
  it('learns from delivered tracking reads, once per order, and not from parcels on their way', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, [
      deliveredRead('8000000000000001', 4),
      deliveredRead('8000000000000002', 6, false),
    ]);
    // The same order read again is not learnt twice.
    await readSnapshots(p, [deliveredRead('8000000000000001', 4)]);
    const history = parseState(Object.fromEntries(p.data)).forecastHistory;
    expect(history.learnt).toEqual(['8000000000000001']);
    expect(history.carriers.yunexpress?.customs).toEqual([4]);
  });

  it("after a handful of deliveries, the carrier's own customs time is the usual one", async () => {
    const p = memoryPlatform({ now: NOW });
    for (let i = 0; i < 5; i++) await readSnapshots(p, [deliveredRead(`800000000000001${i}`, 9)]);
    const history = parseState(Object.fromEntries(p.data)).forecastHistory;
    expect(usualTable(history).of('YunExpress').stages.customs).toMatchObject({
      median: 9,
      basis: 'carrier',
    });
  });

  it('a broken stored history is replaced by what is learnt next, never thrown on', async () => {
    const p = memoryPlatform({ now: NOW });
    p.data.set(ITEMS.forecastHistory.key, { carriers: 'nonsense' });
    await readSnapshots(p, [deliveredRead('8000000000000001', 4)]);
    expect(parseState(Object.fromEntries(p.data)).forecastHistory.learnt).toEqual(['8000000000000001']);
  });

  it('a rebuild of every summary (an update) learns from orders delivered before the forecast existed', async () => {
    const p = memoryPlatform({ now: NOW });
    const read = deliveredRead('8000000000000021', 5);
    const order: StoredOrder = {
      orderId: read.orderId,
      firstSeen: NOW,
      lastSeen: NOW,
      reads: { tracking: read },
    };
    await p.orders.put([order]);
    await rebuildSummaries(p);
    const history = parseState(Object.fromEntries(p.data)).forecastHistory;
    expect(history.learnt).toEqual(['8000000000000021']);
    expect(history.carriers.yunexpress?.customs).toEqual([5]);
  });
});
