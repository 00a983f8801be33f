/**
 * A page read sets its tab's badge from the order it read before the scheduler's whole run (which
 * at 10,000 orders costs far more than one order): the buyer on the order page sees it sooner. The
 * run then sets the same badge; over random histories, re-read orders, clocks, preferences, handled
 * marks and zones the early badge is exactly the one the run leaves on that tab.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/core/ledger';
import type { OrderSnapshot } from '../../../src/core/model';
import type { Prefs } from '../../../src/core/reminders';
import { toStored } from '../../../src/core/summary';
import { DAY_MS, HOUR_MS } from '../../../src/core/time';
import { type MemoryPlatform, memoryPlatform } from '../../../src/platform/memory';
import { learnDelivered } from '../../../src/store/forecast-history';
import { SCHEMA_VERSION } from '../../../src/store/items';
import { generateHistory, summariesOf } from '../../history/history';
import { completedSnapshot, readSnapshots } from './helpers';

const BASE = Date.UTC(2026, 5, 10, 9, 30);
const TAB = 7;

type Badge = { text: string; color: string; title: string };

/** The tab's badge as it stood when the run began reading the store (undefined: not set yet). */
function badgeAtRunStart(p: MemoryPlatform): { early: Badge | undefined | null } {
  const seen: { early: Badge | undefined | null } = { early: null };
  const readLive = p.summaries.readLive;
  p.summaries.readLive = async (before, include) => {
    if (seen.early === null) seen.early = p.badges.get(TAB) && { ...(p.badges.get(TAB) as Badge) };
    return readLive(before, include);
  };
  return seen;
}

describe('a page read badges its tab before the scheduler run', () => {
  it('names the order on its tab before the run reads the store', async () => {
    const p = memoryPlatform({ now: BASE });
    p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
    const seen = badgeAtRunStart(p);
    await readSnapshots(p, [completedSnapshot('8100000000000001', BASE, 2)], {
      tab: TAB,
      focus: '8100000000000001',
    });
    expect(seen.early?.title).toContain('8100000000000001');
    expect(seen.early?.text).not.toBe('');
    expect(p.badges.get(TAB)).toEqual(seen.early);
  });

  it('sets no early badge for an order the read did not find, nor for a read from no tab', async () => {
    const p = memoryPlatform({ now: BASE });
    p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
    const seen = badgeAtRunStart(p);
    await readSnapshots(p, [completedSnapshot('8100000000000001', BASE, 2)], {
      tab: TAB,
      focus: '8100000000000002',
    });
    expect(seen.early).toBeUndefined();
  });

  it('is the badge the run leaves on the tab, over random stores, reads, clocks and preferences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          orders: fc.integer({ min: 40, max: 120 }),
          pick: fc.nat(),
          live: fc.boolean(),
          learnt: fc.boolean(),
          zone: fc.constantFrom('UTC', 'Europe/Warsaw', 'America/Sao_Paulo'),
          later: fc.integer({ min: 0, max: 20 * 24 }),
          handled: fc.array(fc.nat(), { maxLength: 3 }),
          prefs: fc.record({
            kinds: fc.dictionary(
              fc.constantFrom('protection-end', 'dispute-open', 'return-after-receipt', 'late-coupon'),
              fc.boolean(),
              { maxKeys: 2 },
            ),
            badge: fc.boolean(),
          }),
        }),
        async (w) => {
          const { orders } = generateHistory({ orders: w.orders, now: BASE, seed: w.seed, timeZone: w.zone });
          const p = memoryPlatform({ now: BASE, timeZone: w.zone });
          for (const o of orders) p.orderData.set(o.orderId, o);
          const summaries = summariesOf(orders, BASE, w.zone);
          for (const s of summaries) p.summaryData.set(s.orderId, toStored(s));
          p.clock.now = BASE + w.later * HOUR_MS;
          // Mostly an order with a window still ahead (a long history is mostly over).
          const ahead = summaries.filter((s) =>
            s.windows.some((x) => x.closesAt === null || x.closesAt > p.clock.now),
          );
          const among = w.live && ahead.length > 0 ? ahead : summaries;
          const summary = among[w.pick % among.length];
          const order = orders.find((o) => o.orderId === summary?.orderId);
          if (!order || !summary) return;
          const windows = summary.windows;
          const ledger: Ledger = { reminders: {}, windows: {} };
          for (const pick of w.handled) {
            const win = windows[pick % Math.max(1, windows.length)];
            if (win) ledger.windows[win.id] = { handledAt: BASE };
          }
          p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
          p.data.set('prefs', w.prefs as Partial<Prefs>);
          p.data.set('ledger', ledger);
          // The buyer's own delivery times, learnt from the history's delivered parcels.
          const learnt = w.learnt ? learnDelivered(undefined, orders) : undefined;
          if (learnt) p.data.set('forecastHistory', learnt);
          // The order's page read again now: every read it had, as of now.
          const reads = Object.values(order.reads).map(
            (r) => ({ ...r, readAt: p.clock.now }) as OrderSnapshot,
          );
          const seen = badgeAtRunStart(p);
          await readSnapshots(p, reads, { tab: TAB, focus: order.orderId });
          expect(seen.early).toBeDefined();
          expect(p.badges.get(TAB)).toEqual(seen.early);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('a read days later still matches the run (stale dates, closed windows)', async () => {
    const p = memoryPlatform({ now: BASE });
    p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
    await readSnapshots(p, [completedSnapshot('8100000000000001', BASE, 2)], { tab: 1 });
    p.clock.now = BASE + 9 * DAY_MS;
    const seen = badgeAtRunStart(p);
    await readSnapshots(p, [completedSnapshot('8100000000000001', BASE, 2)], {
      tab: TAB,
      focus: '8100000000000001',
    });
    expect(seen.early).toBeDefined();
    expect(p.badges.get(TAB)).toEqual(seen.early);
  });
});
