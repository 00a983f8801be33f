/**
 * The scheduler skips orders that are over (every window closed more than the badge's grace ago,
 * and opened before): it reads only their plan heads, never their summaries. That must change
 * nothing the buyer can see. Over random generated histories, clocks, preferences, ledgers and
 * tabs, the same runs on a store with plan heads and on one without (which reads every summary,
 * as the scheduler did before) show the same notifications, set the same alarm and badges, and
 * leave the same ledger.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALARM_NAME, runScheduler } from '../../../src/background/scheduler';
import type { Ledger } from '../../../src/core/ledger';
import type { StoredOrder } from '../../../src/core/model';
import { OVERDUE_GRACE_MS, type Prefs } from '../../../src/core/reminders';
import { type OrderSummary, toStored } from '../../../src/core/summary';
import { DAY_MS, HOUR_MS } from '../../../src/core/time';
import { type MemoryPlatform, memoryPlatform } from '../../../src/platform/memory';
import { SCHEMA_VERSION } from '../../../src/store/items';
import { generateHistory, summariesOf } from '../../history/history';

const BASE = Date.UTC(2026, 5, 10, 9, 30);
const ZONES = ['UTC', 'Europe/Warsaw', 'America/Sao_Paulo'] as const;

interface World {
  seed: number;
  orders: number;
  zone: (typeof ZONES)[number];
  /** The browser's zone: another one makes the first run rebuild every summary. */
  browserZone: (typeof ZONES)[number];
  prefs: Prefs;
  /** Picks into the history's windows (or an order's window it does not have) for the ledger. */
  marks: { pick: number; what: 'handled' | 'shown' | 'snoozed' | 'gone'; lead: number; at: number }[];
  /** Picks into the history's orders for the tabs that show one. */
  tabs: number[];
  /** The first clock: days after the history was built, or right at a window's grace end. */
  start: { days: number } | { pick: number; delta: -1 | 0 | 1 };
  /** Each later run: follow the alarm, or jump ahead by hours. */
  steps: ({ alarm: true } | { hours: number })[];
}

const world: fc.Arbitrary<World> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  orders: fc.integer({ min: 20, max: 100 }),
  zone: fc.constantFrom(...ZONES),
  browserZone: fc.constantFrom(...ZONES),
  prefs: fc.record({
    leadsDays: fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 4 }),
    quietHours: fc.option(
      fc.record({
        start: fc.constantFrom('22:00', '00:00', '13:30'),
        end: fc.constantFrom('08:00', '06:15', '14:00'),
      }),
      { nil: null },
    ),
    kinds: fc.dictionary(
      fc.constantFrom('protection-end', 'dispute-open', 'return-after-receipt', 'late-coupon', 'escalation'),
      fc.boolean(),
      { maxKeys: 2 },
    ),
    badge: fc.boolean(),
  }) as fc.Arbitrary<Prefs>,
  marks: fc.array(
    fc.record({
      pick: fc.nat(),
      what: fc.constantFrom('handled', 'shown', 'snoozed', 'gone'),
      lead: fc.constantFrom(1, 3, 7),
      at: fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }),
    }),
    { maxLength: 12 },
  ),
  tabs: fc.array(fc.nat(), { maxLength: 3 }),
  start: fc.oneof(
    fc.record({ days: fc.integer({ min: -3, max: 150 }) }),
    fc.record({ pick: fc.nat(), delta: fc.constantFrom(-1 as const, 0 as const, 1 as const) }),
  ),
  steps: fc.array(
    fc.oneof(fc.constant({ alarm: true as const }), fc.record({ hours: fc.integer({ min: 1, max: 400 }) })),
    {
      minLength: 1,
      maxLength: 4,
    },
  ),
});

type Made = { orders: StoredOrder[]; summaries: OrderSummary[] };
function make(w: World): Made {
  const { orders } = generateHistory({ orders: w.orders, now: BASE, seed: w.seed, timeZone: w.zone });
  return { orders, summaries: summariesOf(orders, BASE, w.zone) };
}

function build(w: World, { orders, summaries }: Made, planHeads: boolean): MemoryPlatform {
  const windows = summaries.flatMap((s) => s.windows);
  const p = memoryPlatform({ now: BASE, timeZone: w.browserZone, planHeads });
  for (const o of orders) p.orderData.set(o.orderId, o);
  for (const s of summaries) p.summaryData.set(s.orderId, toStored(s));

  const ledger: Ledger = { reminders: {}, windows: {} };
  for (const m of w.marks) {
    const win = windows[m.pick % windows.length];
    if (!win) continue;
    const at = BASE + m.at;
    if (m.what === 'handled') ledger.windows[win.id] = { handledAt: at };
    else if (m.what === 'shown') ledger.reminders[`${win.id}:${m.lead}`] = { shownAt: at };
    else if (m.what === 'snoozed') ledger.reminders[`${win.id}:${m.lead}`] = { snoozedUntil: at + DAY_MS };
    // A window the order does not have (any more): pruned, whether the order is planned or not.
    else ledger.windows[`${win.orderId}:ship-return`] = { handledAt: at };
  }
  p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
  p.data.set('prefs', w.prefs);
  p.data.set('ledger', ledger);
  const focus = Object.fromEntries(
    w.tabs.map((pick, i) => [String(10 + i), orders[pick % orders.length]?.orderId as string]),
  );
  p.sessionData.set('focus', focus);

  if ('days' in w.start) p.clock.now = BASE + w.start.days * DAY_MS;
  else {
    const closing = windows.filter((x) => x.closesAt !== null);
    const win = closing[w.start.pick % Math.max(1, closing.length)];
    p.clock.now = win?.closesAt != null ? win.closesAt + OVERDUE_GRACE_MS + w.start.delta : BASE;
  }
  return p;
}

/** Everything a run leaves that the buyer can see or that the next run reads. */
async function runAll(p: MemoryPlatform, steps: World['steps']) {
  const seen: unknown[] = [];
  const runOnce = async () => {
    const result = await runScheduler(p);
    seen.push({
      result,
      notifications: [...p.shown],
      alarm: p.alarmsSet.get(ALARM_NAME) ?? null,
      badges: [...p.badges].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ledger: p.data.get('ledger'),
      session: p.sessionData.get('focus'),
    });
  };
  await runOnce();
  for (const step of steps) {
    if ('alarm' in step) {
      const at = p.alarmsSet.get(ALARM_NAME);
      p.clock.now = at ?? p.clock.now + DAY_MS;
    } else p.clock.now += step.hours * HOUR_MS;
    await runOnce();
  }
  return seen;
}

describe('the scheduler skips orders that are over, and nothing the buyer sees changes', () => {
  it('shows the same notifications, sets the same alarm and badges, leaves the same ledger', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const made = make(w);
        const skipping = build(w, made, true);
        const reading = build(w, made, false);
        const a = await runAll(skipping, w.steps);
        const b = await runAll(reading, w.steps);
        expect(a).toEqual(b);
      }),
      { numRuns: 50 },
    );
  }, 120_000);

  it('reads no summary of an order that is over, and counts it all the same', async () => {
    const { orders } = generateHistory({ orders: 400, now: BASE, seed: 3 });
    const p = memoryPlatform({ now: BASE });
    for (const s of summariesOf(orders, BASE)) p.summaryData.set(s.orderId, toStored(s));
    p.data.set('meta', { schemaVersion: SCHEMA_VERSION });
    let read = 0;
    const readLive = p.summaries.readLive;
    p.summaries.readLive = async (before, include) => {
      const out = await readLive(before, include);
      read += out.records.length;
      return out;
    };
    const result = await runScheduler(p);
    expect(result.orders).toBe(400);
    // The live orders of a 400-order history: a few dozen at most.
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(40);
  });
});
