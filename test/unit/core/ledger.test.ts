import { describe, expect, it } from 'vitest';
import { buildLadder, type Ladder } from '../../../src/core/ladder';
import {
  emptyLedger,
  handledIn,
  markShown,
  mergeLedgers,
  prune,
  setHandled,
  snooze,
} from '../../../src/core/ledger';
import { DEFAULT_PREFS, planReminders } from '../../../src/core/reminders';
import { DAY_MS } from '../../../src/core/time';
import { at, ORDER_ID, realCompletedOrder } from './helpers';

const TZ = 'America/Sao_Paulo';
const NOW = at('2026-07-29T15:00:00-03:00');
const ctx = { now: NOW, timeZone: TZ };
const completed = (): Ladder => buildLadder(realCompletedOrder(NOW), ctx);
const W = `${ORDER_ID}:`;

describe('prune: the rule is "drop our shown marks a held order no longer has; the buyer\'s marks stay"', () => {
  it('drops shown marks of windows an order no longer has, keeps handled marks and orders missing from the run', () => {
    let ledger = markShown(
      emptyLedger(),
      [{ id: `${W}free-return:7` }, { id: `${W}protection-end:3` }, { id: '1234567:protection-end:3' }],
      NOW,
    );
    ledger = setHandled(ledger, '1234567:protection-end', true, NOW);
    ledger = setHandled(ledger, `${W}not-as-described`, true, NOW);
    ledger = setHandled(ledger, `${W}dispute-open`, true, NOW);
    const held = new Map([[ORDER_ID, completed()]]);
    expect(prune(ledger, held)).toEqual({
      // The completed order no longer has a protection end or a dispute window: our shown mark
      // goes; the buyer's handled mark stays (a page read decides the windows, and may lie).
      reminders: {
        [`${W}free-return:7`]: { shownAt: NOW },
        // Order 1234567 is not in this run (set aside, say): its marks are the buyer's, kept.
        '1234567:protection-end:3': { shownAt: NOW },
      },
      windows: {
        '1234567:protection-end': { handledAt: NOW },
        [`${W}not-as-described`]: { handledAt: NOW },
        [`${W}dispute-open`]: { handledAt: NOW },
      },
    });
  });

  it('an order set aside and back gets its handled mark back', () => {
    const ledger = setHandled(emptyLedger(), `${W}return-after-receipt`, true, NOW);
    const whileAside = prune(ledger, new Map());
    const back = prune(whileAside, new Map([[ORDER_ID, completed()]]));
    expect(handledIn(back)(`${W}return-after-receipt`)).toBe(true);
  });
});

describe('the ledger changes the worker makes', () => {
  it('handled keeps the first time it was marked; unmarking removes it', () => {
    const once = setHandled(emptyLedger(), `${W}free-return`, true, NOW);
    const twice = setHandled(once, `${W}free-return`, true, NOW + DAY_MS);
    expect(twice.windows[`${W}free-return`]).toEqual({ handledAt: NOW });
    expect(handledIn(setHandled(twice, `${W}free-return`, false, NOW))(`${W}free-return`)).toBe(false);
  });

  it('a snooze brings back a reminder already shown, no earlier than the snooze end', () => {
    const plan = planReminders([completed()], DEFAULT_PREFS, emptyLedger(), ctx);
    const first = plan[0];
    if (first === undefined) throw new Error('the completed order plans reminders');
    const shownCtx = { now: first.dueAt, timeZone: TZ };
    const shown = markShown(emptyLedger(), [first], first.dueAt);
    expect(planReminders([completed()], DEFAULT_PREFS, shown, shownCtx).some((r) => r.id === first.id)).toBe(
      false,
    );
    const until = first.dueAt + DAY_MS / 2;
    const snoozed = snooze(shown, first.windowId, until, DEFAULT_PREFS.leadsDays);
    const again = planReminders([completed()], DEFAULT_PREFS, snoozed, shownCtx).filter(
      (r) => r.windowId === first.windowId,
    );
    expect(again[0]?.id).toBe(first.id);
    expect(again[0]?.dueAt).toBeGreaterThanOrEqual(until);
  });

  it('backup merge keeps shown and handled marks from either side, the later snooze', () => {
    const a = snooze(
      setHandled(emptyLedger(), `${W}free-return`, true, NOW),
      `${W}free-return`,
      NOW + 1,
      [7],
    );
    const b = markShown(
      snooze(emptyLedger(), `${W}free-return`, NOW + 5, [7]),
      [{ id: `${W}free-return:7` }],
      NOW,
    );
    const merged = mergeLedgers(a, b);
    expect(merged.reminders[`${W}free-return:7`]).toEqual({ shownAt: NOW, snoozedUntil: NOW + 5 });
    expect(merged.windows[`${W}free-return`]).toEqual({ handledAt: NOW });
  });
});
