/**
 * A full store (MAX_ORDERS orders, none closed long enough to make room) keeps no new order from a
 * page read, nor a summary of one, and says so in the page's health; an order it already has is
 * still updated by the same read.
 */
import { describe, expect, it } from 'vitest';
import { toStored } from '../../../src/core/summary';
import { DAY_MS } from '../../../src/core/time';
import { memoryPlatform } from '../../../src/platform/memory';
import { MAX_ORDERS, SCHEMA_VERSION } from '../../../src/store/items';
import { summaryOf } from '../../../src/store/orders';
import { asStored, completedSnapshot, readSnapshots } from '../background/helpers';

const NOW = Date.UTC(2026, 10, 22, 12);

describe('a page read on a full store', () => {
  it('keeps no new order and no summary of one, updates the known one, and tells the buyer', async () => {
    const p = memoryPlatform({ now: NOW });
    p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
    const known = completedSnapshot('8100000000000001', NOW - DAY_MS, 2);
    const order = asStored(known);
    p.orderData.set(order.orderId, order);
    const summary = summaryOf(order, { now: NOW - DAY_MS, timeZone: 'UTC' });
    if (!summary) throw new Error('no summary');
    p.summaryData.set(order.orderId, toStored(summary));
    // The rest of the store: orders the count sees (no summary, so none can make room).
    for (let i = 1; i < MAX_ORDERS; i++) p.orderData.set(String(8_200_000_000_000_000 + i), { filler: i });

    const fresh = ['8300000000000001', '8300000000000002'];
    await readSnapshots(p, [
      completedSnapshot(order.orderId, NOW, 3, 'Re-read title'),
      ...fresh.map((id) => completedSnapshot(id, NOW, 2)),
    ]);

    expect(p.orderData.size).toBe(MAX_ORDERS);
    for (const id of fresh) {
      expect(p.orderData.has(id)).toBe(false);
      expect(p.summaryData.has(id)).toBe(false);
    }
    const kept = p.orderData.get(order.orderId) as { reads: { detail: { items: { title: string }[] } } };
    expect(kept.reads.detail.items[0]?.title).toBe('Re-read title');
    const health = p.data.get('health') as Record<string, { full?: { evicted: number; refused: number } }>;
    expect(health['order-detail']?.full).toMatchObject({ evicted: 0, refused: 2 });
  });

  it('a tab showing a new order the full store did not keep ends with no countdown for it', async () => {
    const p = memoryPlatform({ now: NOW });
    p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
    for (let i = 0; i < MAX_ORDERS; i++) p.orderData.set(String(8_200_000_000_000_000 + i), { filler: i });
    const id = '8300000000000001';
    await readSnapshots(p, [completedSnapshot(id, NOW, 2)], { tab: 4, focus: id });
    expect(p.orderData.has(id)).toBe(false);
    expect(p.badges.get(4)?.text).toBe('');
  });
});
