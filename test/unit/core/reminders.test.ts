import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBadge } from '../../../src/core/countdown';
import { buildLadder, type Ladder, WINDOW_KINDS, windowState } from '../../../src/core/ladder';
import { emptyLedger, Ledger, markShown, setHandled, snooze } from '../../../src/core/ledger';
import {
  badgeWindow,
  DEFAULT_PREFS,
  dueReminders,
  nextWakeUp,
  OVERDUE_GRACE_MS,
  Prefs,
  planReminders,
} from '../../../src/core/reminders';
import { DAY_MS, HOUR_MS } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import { at, ORDER_ID, orderArb, realCompletedOrder, snap, stored, ZONES } from './helpers';

const TZ = 'America/Sao_Paulo';
const sp = (local: string): number => at(`${local}-03:00`);
const NOW = sp('2026-07-29T15:00:00');
const ctx = { now: NOW, timeZone: TZ };
const completed = (): Ladder => buildLadder(realCompletedOrder(NOW), ctx);
const W = `${ORDER_ID}:`;

describe('schemas', () => {
  it('fill defaults: leads 7/3/1, quiet 22:00-08:00, every kind on, badge on', () => {
    expect(DEFAULT_PREFS).toEqual({
      leadsDays: [7, 3, 1],
      quietHours: { start: '22:00', end: '08:00' },
      kinds: {},
      badge: true,
    });
    expect(z.parse(Ledger, {})).toEqual(emptyLedger());
    expect(z.safeParse(Prefs, { quietHours: { start: '25:00', end: '08:00' } }).success).toBe(false);
    expect(z.safeParse(Prefs, { kinds: { 'not-a-kind': true } }).success).toBe(false);
  });
});

describe('planReminders', () => {
  it('plans 7, 3 and 1 days before each money window, quiet hours deferring midnight to 08:00', () => {
    const plan = planReminders([completed()], DEFAULT_PREFS, emptyLedger(), ctx);
    expect(plan.map((r) => [r.id, r.dueAt])).toEqual([
      // The 7-day lead of the return window (Jul 28) passed before we saw the order: due now.
      [`${W}return-after-receipt:7`, NOW],
      [`${W}return-after-receipt:3`, sp('2026-08-01T08:00:00')],
      [`${W}return-after-receipt:1`, sp('2026-08-03T08:00:00')],
      [`${W}free-return:7`, sp('2026-08-05T08:00:00')],
      [`${W}free-return:3`, sp('2026-08-09T08:00:00')],
      [`${W}free-return:1`, sp('2026-08-11T08:00:00')],
      [`${W}not-as-described:7`, sp('2026-10-06T08:00:00')],
      [`${W}not-as-described:3`, sp('2026-10-10T08:00:00')],
      [`${W}not-as-described:1`, sp('2026-10-12T08:00:00')],
    ]);
    const first = plan[0];
    expect(first).toMatchObject({ windowId: `${W}return-after-receipt`, orderId: ORDER_ID, lead: 7 });
    expect(first?.closesAt).toBe(sp('2026-08-04T00:00:00'));
  });

  it('without quiet hours keeps the wall time of the close', () => {
    const prefs = { ...DEFAULT_PREFS, quietHours: null };
    const plan = planReminders([completed()], prefs, emptyLedger(), ctx);
    expect(plan.find((r) => r.id === `${W}free-return:3`)?.dueAt).toBe(sp('2026-08-09T00:00:00'));
  });

  it('quiet hours within one day defer to their end the same day', () => {
    const prefs = { ...DEFAULT_PREFS, quietHours: { start: '00:00', end: '09:30' } };
    const plan = planReminders([completed()], prefs, emptyLedger(), ctx);
    expect(plan.find((r) => r.id === `${W}free-return:3`)?.dueAt).toBe(sp('2026-08-09T09:30:00'));
  });

  it('missed leads: only the most recent passed lead is due, once', () => {
    const late = { now: sp('2026-08-02T10:00:00'), timeZone: TZ };
    const ladder = buildLadder(realCompletedOrder(NOW), late);
    const due = dueReminders([ladder], DEFAULT_PREFS, emptyLedger(), late);
    expect(due.map((r) => r.id)).toEqual([`${W}return-after-receipt:3`]);
    expect(due[0]?.dueAt).toBe(late.now);
    const after = markShown(emptyLedger(), due, late.now);
    expect(dueReminders([ladder], DEFAULT_PREFS, after, late)).toEqual([]);
    // And the superseded 7-day one never comes back.
    const plan = planReminders([ladder], DEFAULT_PREFS, after, late);
    expect(plan.some((r) => r.id === `${W}return-after-receipt:7`)).toBe(false);
    expect(plan.find((r) => r.windowId === `${W}return-after-receipt`)?.id).toBe(
      `${W}return-after-receipt:1`,
    );
  });

  it('a missed reminder found during quiet hours waits for their end', () => {
    const night = { now: sp('2026-08-02T23:30:00'), timeZone: TZ };
    const plan = planReminders(
      [buildLadder(realCompletedOrder(NOW), night)],
      DEFAULT_PREFS,
      emptyLedger(),
      night,
    );
    // The 3-day lead would wait until 08:00, when the 1-day lead is due too: one notice, not two.
    const forReturn = plan.filter((r) => r.kind === 'return-after-receipt');
    expect(forReturn.map((r) => [r.id, r.dueAt])).toEqual([
      [`${W}return-after-receipt:1`, sp('2026-08-03T08:00:00')],
    ]);
  });

  it('never plans after the close: a deferral past it is clamped to an hour before', () => {
    // Found at 23:00 with the return window closing at midnight: quiet hours would say 08:00.
    const night = { now: sp('2026-08-03T23:00:00'), timeZone: TZ };
    const plan = planReminders(
      [buildLadder(realCompletedOrder(NOW), night)],
      DEFAULT_PREFS,
      emptyLedger(),
      night,
    );
    expect(plan[0]).toMatchObject({ id: `${W}return-after-receipt:1`, dueAt: night.now });
    const snoozed = snooze(
      emptyLedger(),
      `${W}return-after-receipt`,
      sp('2026-08-10T00:00:00'),
      DEFAULT_PREFS.leadsDays,
    );
    const fromSnooze = planReminders([completed()], DEFAULT_PREFS, snoozed, ctx);
    expect(fromSnooze.find((r) => r.id === `${W}return-after-receipt:1`)?.dueAt).toBe(
      sp('2026-08-03T23:00:00'),
    );
  });

  it('snooze defers to snoozedUntil (then quiet hours apply)', () => {
    const ledger = snooze(
      emptyLedger(),
      `${W}free-return`,
      sp('2026-08-06T23:00:00'),
      DEFAULT_PREFS.leadsDays,
    );
    const plan = planReminders([completed()], DEFAULT_PREFS, ledger, ctx);
    expect(plan.find((r) => r.id === `${W}free-return:7`)?.dueAt).toBe(sp('2026-08-07T08:00:00'));
  });

  it('handled windows, switched-off kinds and closed windows get nothing', () => {
    const handled = setHandled(emptyLedger(), `${W}return-after-receipt`, true, NOW);
    expect(
      planReminders([completed()], DEFAULT_PREFS, handled, ctx).some(
        (r) => r.kind === 'return-after-receipt',
      ),
    ).toBe(false);
    const off = { ...DEFAULT_PREFS, kinds: { 'free-return': false } };
    expect(planReminders([completed()], off, emptyLedger(), ctx).some((r) => r.kind === 'free-return')).toBe(
      false,
    );
    const afterReturn = { now: sp('2026-08-04T00:00:00'), timeZone: TZ };
    const plan = planReminders(
      [buildLadder(realCompletedOrder(NOW), afterReturn)],
      DEFAULT_PREFS,
      emptyLedger(),
      afterReturn,
    );
    expect(plan.some((r) => r.kind === 'return-after-receipt')).toBe(false);
  });

  it('one set of leads per moment: protection end, dispute and coupon closing together', () => {
    const order = stored(
      snap('detail', NOW, {
        status: 'awaiting-delivery',
        placedOn: '2026-07-15',
        shippedOn: '2026-07-16',
        stated: { protectionEnd: '2026-09-04', couponDelayedBy: '2026-08-03', couponText: 'R$5,00' },
      }),
    );
    const plan = planReminders([buildLadder(order, ctx)], DEFAULT_PREFS, emptyLedger(), ctx);
    expect(plan.map((r) => [r.id, r.dueAt])).toEqual([
      [`${W}late-coupon:opens`, sp('2026-08-06T08:00:00')],
      [`${W}protection-end:7`, sp('2026-08-28T08:00:00')],
      [`${W}ask-extension:opens`, sp('2026-08-30T08:00:00')],
      [`${W}protection-end:3`, sp('2026-09-01T08:00:00')],
      [`${W}protection-end:1`, sp('2026-09-03T08:00:00')],
    ]);
    // With the protection end switched off, the dispute window takes the leads.
    const off = { ...DEFAULT_PREFS, kinds: { 'protection-end': false } };
    const plan2 = planReminders([buildLadder(order, ctx)], off, emptyLedger(), ctx);
    expect(plan2.filter((r) => r.lead !== 'opens').every((r) => r.kind === 'dispute-open')).toBe(true);
  });

  it('notices when escalation opens, and reminds before it closes, from the case date', () => {
    const order = stored(
      snap('detail', NOW, { status: 'completed', placedOn: '2026-07-15' }),
      snap('refunds', NOW, { cases: [{ state: 'open', createdAt: '2026-07-29T10:00:00' }] }),
    );
    const plan = planReminders([buildLadder(order, ctx)], DEFAULT_PREFS, emptyLedger(), ctx);
    // Escalation closes at the start of Aug 12 (day 14 of the case): like a money window it gets
    // the 7/3/1-day leads, after quiet hours; its opening is announced too.
    expect(plan.map((r) => [r.id, r.dueAt])).toEqual([
      [`${W}escalation:opens`, sp('2026-08-01T08:00:00')],
      [`${W}escalation:7`, sp('2026-08-05T08:00:00')],
      [`${W}escalation:3`, sp('2026-08-09T08:00:00')],
      [`${W}escalation:1`, sp('2026-08-11T08:00:00')],
    ]);
  });
});

describe('nextWakeUp', () => {
  it('is the next badge tick or reminder, whichever is first', () => {
    const ladders = [completed()];
    const shown = markShown(emptyLedger(), [{ id: `${W}return-after-receipt:7` }], NOW);
    // The badge shows "5d" (5 d 9 h) for the return window closing Aug 4 00:00; "4d" just after Jul 30 00:00.
    expect(nextWakeUp(ladders, DEFAULT_PREFS, shown, ctx)).toBe(sp('2026-07-30T00:00:00') + 1);
    const noBadge = { ...DEFAULT_PREFS, badge: false };
    expect(nextWakeUp(ladders, noBadge, shown, ctx)).toBe(sp('2026-08-01T08:00:00'));
  });

  it('counts a window opening (it can become the most urgent)', () => {
    const base = completed().windows[0];
    if (!base) throw new Error('fixture has windows');
    const opening: Ladder = {
      ...completed(),
      windows: [{ ...base, opensAt: NOW + 5 * HOUR_MS, closesAt: NOW + 10 * DAY_MS }],
    };
    const prefs = { ...DEFAULT_PREFS, leadsDays: [] };
    expect(nextWakeUp([opening], prefs, emptyLedger(), ctx)).toBe(NOW + 5 * HOUR_MS);
    // Once it is open, the next change is its countdown ticking from "9d" to "8d".
    const later = { ...ctx, now: NOW + 6 * HOUR_MS };
    expect(nextWakeUp([opening], prefs, emptyLedger(), later)).toBe(NOW + DAY_MS + 1);
  });

  it('is null when nothing is ahead', () => {
    expect(nextWakeUp([], DEFAULT_PREFS, emptyLedger(), ctx)).toBeNull();
    const closed = buildLadder(stored(snap('detail', NOW, { status: 'closed' })), ctx);
    expect(nextWakeUp([closed], DEFAULT_PREFS, emptyLedger(), ctx)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random orders, zones, preferences and ledgers.

const prefsArb = fc.record({
  leadsDays: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 5 }),
  quietHours: fc.option(
    fc.record({
      start: fc.constantFrom('22:00', '00:00', '21:30', '12:00', '01:00'),
      end: fc.constantFrom('08:00', '07:15', '13:00', '06:00', '23:59'),
    }),
    { nil: null },
  ),
  kinds: fc.dictionary(fc.constantFrom(...WINDOW_KINDS), fc.boolean()),
  badge: fc.boolean(),
});

const scenarioArb = fc
  .record({
    orders: fc.uniqueArray(orderArb, { minLength: 1, maxLength: 6, selector: (o) => o.orderId }),
    tz: fc.constantFrom(...ZONES),
    prefs: prefsArb,
    nowOffsetDays: fc.integer({ min: -10, max: 150 }),
    nowMs: fc.integer({ min: 0, max: DAY_MS - 1 }),
    handledPick: fc.array(fc.nat(), { maxLength: 4 }),
    snoozePick: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 * DAY_MS })), { maxLength: 4 }),
    shownPick: fc.array(fc.nat(), { maxLength: 4 }),
  })
  .map((s) => {
    const first = Object.values(s.orders[0]?.reads ?? {})[0]?.readAt ?? 0;
    const now = first + s.nowOffsetDays * DAY_MS + s.nowMs;
    const ladders = s.orders.map((o) => buildLadder(o, { now, timeZone: s.tz }));
    const windows = ladders.flatMap((l) => l.windows);
    let ledger = emptyLedger();
    for (const i of s.handledPick) {
      const w = windows[i % Math.max(1, windows.length)];
      if (w) ledger = setHandled(ledger, w.id, true, now);
    }
    const plan0 = planReminders(ladders, s.prefs, emptyLedger(), { now, timeZone: s.tz });
    for (const [i, ms] of s.snoozePick) {
      const r = plan0[i % Math.max(1, plan0.length)];
      if (r) ledger = snooze(ledger, r.windowId, now + ms, s.prefs.leadsDays);
    }
    for (const i of s.shownPick) {
      const r = plan0[i % Math.max(1, plan0.length)];
      if (r) ledger = markShown(ledger, [r], now);
    }
    return { ...s, now, ladders, ledger, windows };
  });

describe('reminder properties', () => {
  it('a reminder is never at or after its window closes, nor before now', () => {
    fc.assert(
      fc.property(scenarioArb, ({ ladders, prefs, ledger, now, tz }) => {
        for (const r of planReminders(ladders, prefs, ledger, { now, timeZone: tz })) {
          if (r.closesAt !== null) expect(r.dueAt).toBeLessThan(r.closesAt);
          expect(r.dueAt).toBeGreaterThanOrEqual(now);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nothing for closed, handled, switched-off or already shown', () => {
    fc.assert(
      fc.property(scenarioArb, ({ ladders, prefs, ledger, now, tz, windows }) => {
        const byId = new Map(windows.map((w) => [w.id, w]));
        const plan = planReminders(ladders, prefs, ledger, { now, timeZone: tz });
        expect(new Set(plan.map((r) => r.id)).size).toBe(plan.length);
        for (const r of plan) {
          const w = byId.get(r.windowId);
          expect(w).toBeDefined();
          if (!w) continue;
          expect(windowState(w, now)).not.toBe('closed');
          expect(ledger.windows[w.id]?.handledAt).toBeUndefined();
          expect(ledger.reminders[r.id]?.shownAt).toBeUndefined();
          expect(prefs.kinds[w.kind]).not.toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and does not depend on the order of the ladders', () => {
    fc.assert(
      fc.property(scenarioArb, ({ ladders, prefs, ledger, now, tz }) => {
        const c = { now, timeZone: tz };
        const a = planReminders(ladders, prefs, ledger, c);
        expect(planReminders(ladders, prefs, ledger, c)).toEqual(a);
        expect(planReminders([...ladders].reverse(), prefs, ledger, c)).toEqual(a);
        expect(nextWakeUp([...ladders].reverse(), prefs, ledger, c)).toBe(
          nextWakeUp(ladders, prefs, ledger, c),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('nextWakeUp is after now and no later than the next future reminder', () => {
    fc.assert(
      fc.property(scenarioArb, ({ ladders, prefs, ledger, now, tz }) => {
        const c = { now, timeZone: tz };
        const wake = nextWakeUp(ladders, prefs, ledger, c);
        const future = planReminders(ladders, prefs, ledger, c).filter((r) => r.dueAt > now);
        if (wake !== null) expect(wake).toBeGreaterThan(now);
        if (future.length > 0) {
          expect(wake).not.toBeNull();
          expect(wake).toBeLessThanOrEqual(Math.min(...future.map((r) => r.dueAt)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answers whatever the host time zone', () => {
    const saved = process.env.TZ;
    try {
      fc.assert(
        fc.property(scenarioArb, ({ orders, prefs, ledger, now, tz }) => {
          const run = (host: string) => {
            process.env.TZ = host;
            const ladders = orders.map((o) => buildLadder(o, { now, timeZone: tz }));
            return {
              ladders,
              plan: planReminders(ladders, prefs, ledger, { now, timeZone: tz }),
              wake: nextWakeUp(ladders, prefs, ledger, { now, timeZone: tz }),
            };
          };
          const ny = run('America/New_York');
          expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(300);
          expect(run('Pacific/Kiritimati')).toEqual(ny);
          expect(run('Asia/Tokyo')).toEqual(ny);
        }),
        { numRuns: 60 },
      );
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('ladder properties', () => {
  it('windows have stable ids, and open before they close', () => {
    fc.assert(
      fc.property(orderArb, fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 200 }), (order, tz, d) => {
        const now = order.lastSeen + d * DAY_MS;
        const a = buildLadder(order, { now, timeZone: tz });
        const b = buildLadder(order, { now: now + HOUR_MS, timeZone: tz });
        expect(a.windows.map((w) => w.id)).toEqual(b.windows.map((w) => w.id));
        for (const w of a.windows) {
          expect(w.id).toBe(`${order.orderId}:${w.kind}`);
          if (w.closesAt !== null) expect(Number.isFinite(w.closesAt)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the badge when a money window has just closed unhandled', () => {
  // The completed capture: return window closes Aug 4 00:00, free return Aug 16, not-as-described Oct 13.
  const returnCloses = sp('2026-08-04T00:00:00');
  const prefsOnly = (kinds: Record<string, boolean>): Prefs => z.parse(Prefs, { kinds });
  // Only the return window counts, so that once it closes nothing else is open.
  const onlyReturn = prefsOnly({ 'free-return': false, 'not-as-described': false });

  it('shows the overdue window ("!") for a day after it closed, then nothing', () => {
    const ladder = completed();
    const at = (t: number) => badgeWindow([ladder], onlyReturn, emptyLedger(), t);
    expect(at(returnCloses - HOUR_MS)?.kind).toBe('return-after-receipt');
    const justClosed = at(returnCloses + 3 * HOUR_MS);
    expect(justClosed?.kind).toBe('return-after-receipt');
    expect(formatBadge((justClosed?.closesAt ?? 0) - (returnCloses + 3 * HOUR_MS))).toBe('!');
    expect(at(returnCloses + OVERDUE_GRACE_MS + 1)).toBeUndefined();
  });

  it('never shows a window the buyer marked handled as overdue', () => {
    const ledger = setHandled(emptyLedger(), `${W}return-after-receipt`, true, NOW);
    expect(badgeWindow([completed()], onlyReturn, ledger, returnCloses + HOUR_MS)).toBeUndefined();
  });

  it('prefers any window still open to one that closed', () => {
    const w = badgeWindow([completed()], DEFAULT_PREFS, emptyLedger(), returnCloses + HOUR_MS);
    expect(w?.kind).toBe('free-return');
  });

  it('wakes the scheduler when the overdue "!" must leave the badge', () => {
    const t = returnCloses + HOUR_MS;
    expect(
      nextWakeUp([completed()], { ...onlyReturn, leadsDays: [] }, emptyLedger(), { now: t, timeZone: TZ }),
    ).toBe(returnCloses + OVERDUE_GRACE_MS);
  });
});
