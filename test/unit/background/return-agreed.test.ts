/**
 * "The seller agreed to a return": no page we read states that day, so the buyer tells us from the
 * popup. The order then shows the "ship it back" stage with its last day on every face; page reads
 * keep the buyer's word; a page cannot say it; a backup carries it; the buyer can take it back.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/handlers';
import { journey } from '../../../src/core/journey';
import { buildLadder } from '../../../src/core/ladder';
import { mergeStoredOrders } from '../../../src/core/merge';
import type { OrderSnapshot, StoredOrder } from '../../../src/core/model';
import { civilDateOf, DAY_MS } from '../../../src/core/time';
import { memoryPlatform } from '../../../src/platform/memory';
import { loadSummaries } from '../../../src/store/summaries';
import { contentIn, detailUrl, POPUP, readSnapshots, SELF } from './helpers';

const NOW = Date.UTC(2026, 10, 22, 12);
const ID = '8212313961597001';
const day = (at: number) => civilDateOf(at, 'UTC');

/** On its way, with a "not as described" case opened 2 days ago (refunds page). */
function dispute(now: number): OrderSnapshot[] {
  return [
    {
      orderId: ID,
      source: 'detail',
      readAt: now,
      status: 'awaiting-delivery',
      placedOn: day(now - 30 * DAY_MS),
      shippedOn: day(now - 25 * DAY_MS),
      items: [{ title: 'Desk lamp', quantity: 1 }],
      stated: { protectionEnd: day(now + 30 * DAY_MS) },
      missing: [],
    },
    {
      orderId: ID,
      source: 'refunds',
      readAt: now,
      cases: [{ state: 'open', createdAt: `${day(now - 2 * DAY_MS)}T10:00:00`, type: '1' }],
      missing: [],
    },
  ];
}

const send = (platform: ReturnType<typeof memoryPlatform>, m: unknown, from: unknown = POPUP) =>
  handleMessage(m, from as typeof POPUP, platform, SELF);

async function summaryOf(platform: ReturnType<typeof memoryPlatform>) {
  const [s] = await loadSummaries(platform.summaries, [ID]);
  if (s === undefined) throw new Error('no summary');
  return s;
}

describe('the buyer says the seller agreed to a return', () => {
  it('moves the order to "ship it back", with ten days counted from that day, on its summary', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, dispute(NOW));
    const before = await summaryOf(p);
    expect(journey(before, NOW).stage).not.toBe('return-agreed');
    expect(before.windows.some((w) => w.kind === 'ship-return')).toBe(false);

    expect(await send(p, { type: 'set-return-agreed', orderId: ID, on: day(NOW) })).toEqual({ ok: true });
    const after = await summaryOf(p);
    const j = journey(after, NOW);
    expect(j.stage).toBe('return-agreed');
    expect(j.step).toBe('ship-return');
    const ship = after.windows.find((w) => w.kind === 'ship-return');
    // Agreed on Nov 22: the buyer ships within 10 days, so the window closes as Dec 2 begins.
    expect(ship?.closesAt).toBe(Date.UTC(2026, 11, 2));
    expect(j.deadline?.closesAt).toBe(ship?.closesAt);
    expect(after.view.facts?.openCase).toMatchObject({ returnAgreedOn: day(NOW), returnAgreedByYou: true });
  });

  it('is kept by later page reads, and a page stating the day wins over the buyer’s', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, dispute(NOW));
    await send(p, { type: 'set-return-agreed', orderId: ID, on: day(NOW) });
    p.clock.now += DAY_MS;
    await readSnapshots(p, dispute(p.clock.now));
    expect((p.orderData.get(ID) as StoredOrder).buyer?.returnAgreedOn).toBe(day(NOW));
    expect(journey(await summaryOf(p), p.clock.now).stage).toBe('return-agreed');

    const [detail, refunds] = dispute(p.clock.now + 1) as [OrderSnapshot, OrderSnapshot];
    const stated = {
      ...refunds,
      cases: [{ ...refunds.cases?.[0], state: 'open' as const, returnAgreedOn: day(NOW - DAY_MS) }],
    };
    await readSnapshots(p, [detail, stated]);
    const facts = (await summaryOf(p)).view.facts?.openCase;
    expect(facts?.returnAgreedOn).toBe(day(NOW - DAY_MS));
    expect(facts?.returnAgreedByYou).toBeUndefined();
  });

  it('cannot be said by a page, nor about an order we do not have; the buyer can take it back', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, dispute(NOW));
    const say = { type: 'set-return-agreed', orderId: ID, on: day(NOW) };
    expect(await send(p, say, contentIn(3, detailUrl(ID)))).toEqual({ error: 'sender refused' });
    expect(await send(p, { ...say, on: '2026-13-40' })).toEqual({ error: 'malformed message' });
    expect(await send(p, { ...say, orderId: '8212313961597999' })).toEqual({ error: 'no such order' });
    expect((p.orderData.get(ID) as StoredOrder).buyer).toBeUndefined();

    await send(p, say);
    expect(await send(p, { ...say, on: null })).toEqual({ ok: true });
    expect((p.orderData.get(ID) as StoredOrder).buyer).toBeUndefined();
    expect(journey(await summaryOf(p), NOW).stage).not.toBe('return-agreed');
  });

  it('travels in a backup, and the newer word wins when two copies meet', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, dispute(NOW));
    await send(p, { type: 'set-return-agreed', orderId: ID, on: day(NOW) });
    const backup = await send(p, { type: 'export-backup' });
    const fresh = memoryPlatform({ now: NOW + DAY_MS });
    expect(await send(fresh, { type: 'import-backup', backup })).toMatchObject({ ordersAdded: 1 });
    expect(journey(await summaryOf(fresh), NOW + DAY_MS).stage).toBe('return-agreed');

    // A word dated far ahead would beat every later one: the file is refused, nothing changes.
    const items = (backup as { items: Record<string, unknown> }).items;
    const ahead = {
      ...(items[`order:${ID}`] as StoredOrder),
      buyer: { returnAgreedOn: day(NOW), at: NOW + 400 * DAY_MS },
    };
    const other = memoryPlatform({ now: NOW + DAY_MS });
    const refused = await send(other, {
      type: 'import-backup',
      backup: { ...(backup as object), items: { ...items, [`order:${ID}`]: ahead } },
    });
    expect(refused).toMatchObject({ ordersAdded: 0 });
    expect(JSON.stringify(refused)).toContain('dated later than tomorrow');
    expect(other.orderData.size).toBe(0);

    const order = p.orderData.get(ID) as StoredOrder;
    const older = { ...order, buyer: { returnAgreedOn: day(NOW - 3 * DAY_MS), at: NOW - 3 * DAY_MS } };
    expect(mergeStoredOrders(order, older).buyer?.returnAgreedOn).toBe(day(NOW));
    expect(mergeStoredOrders(older, order).buyer?.returnAgreedOn).toBe(day(NOW));
    const { buyer: _b, ...without } = order;
    expect(mergeStoredOrders(without, order).buyer?.returnAgreedOn).toBe(day(NOW));
    // The rules build the same window from either copy's word.
    const ladder = buildLadder(mergeStoredOrders(without, order), { now: NOW, timeZone: 'UTC' });
    expect(ladder.windows.some((w) => w.kind === 'ship-return')).toBe(true);
  });
});
