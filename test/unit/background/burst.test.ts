/**
 * Notifications a buyer welcomes: the reminders a burst of page reads finds (a first browse, a
 * browser start) come as ONE notification once the reads settle, and a read that closes a window
 * within the burst (tracking says delivered) cancels its reminder before it is ever shown.
 * Driven the way the browser would: page reads, the one alarm, a clock that moves.
 */
import { describe, expect, it } from 'vitest';
import { parseNotificationId } from '../../../src/background/notify';
import { ALARM_NAME, runScheduler } from '../../../src/background/scheduler';
import { HOLD_MS, heldUntil, holds, MAX_HOLD_MS, noteRead } from '../../../src/core/burst';
import type { OrderSnapshot } from '../../../src/core/model';
import { civilDateOf, DAY_MS } from '../../../src/core/time';
import { memoryPlatform } from '../../../src/platform/memory';
import { completedSnapshot, readSnapshots } from './helpers';

const NOW = Date.UTC(2026, 10, 22, 12); // noon UTC, outside the default quiet hours
const ids = Array.from({ length: 8 }, (_, i) => String(8_100_000_000_000_001 + i));

function setup() {
  const p = memoryPlatform({ now: NOW });
  const fire = async () => {
    const due = p.alarmsSet.get(ALARM_NAME);
    if (due !== undefined && due <= p.clock.now) await runScheduler(p);
  };
  /** Moves the clock by `ms`, firing the one alarm on the way as the browser would. */
  const wait = async (ms: number) => {
    const end = p.clock.now + ms;
    for (;;) {
      const due = p.alarmsSet.get(ALARM_NAME);
      if (due === undefined || due > end) break;
      p.clock.now = Math.max(p.clock.now, due);
      await fire();
      if (p.alarmsSet.get(ALARM_NAME) === due) break;
    }
    p.clock.now = end;
  };
  return { p, wait };
}

/** Awaiting delivery, protection ends in `days` days (stated), shipped 40 days ago. */
function inTransit(orderId: string, now: number, days: number): OrderSnapshot {
  return {
    orderId,
    source: 'detail',
    readAt: now,
    status: 'awaiting-delivery',
    placedOn: civilDateOf(now - 45 * DAY_MS, 'UTC'),
    paidOn: civilDateOf(now - 45 * DAY_MS, 'UTC'),
    shippedOn: civilDateOf(now - 40 * DAY_MS, 'UTC'),
    items: [{ title: `Parcel ${orderId.slice(-1)}`, quantity: 1 }],
    stated: { protectionEnd: civilDateOf(now + days * DAY_MS, 'UTC') },
    missing: [],
  };
}

function deliveredTracking(orderId: string, now: number): OrderSnapshot {
  return {
    orderId,
    source: 'tracking',
    readAt: now,
    tracking: {
      mailNo: 'LP00123456789',
      carrier: 'Cainiao',
      delivered: true,
      deliveredAt: now - 2 * DAY_MS,
      events: [{ at: now - 2 * DAY_MS, code: 'AE_GTMS_SIGNED', text: 'Delivered' }],
    },
    missing: [],
  };
}

describe('a burst of page reads', () => {
  it('shows nothing while reads come in, then ONE notification listing every reminder found', async () => {
    const { p, wait } = setup();
    // A first browse: eight order pages, two seconds apart; each finds a due reminder.
    for (const [i, id] of ids.entries()) {
      await readSnapshots(p, [completedSnapshot(id, p.clock.now, 1, `Item number ${i + 1}`)]);
      expect(p.shown.size, `after read ${i + 1}`).toBe(0);
      await wait(2_000);
    }
    // The one alarm waits for the reads to settle.
    expect(p.alarmsSet.get(ALARM_NAME)).toBe(NOW + 7 * 2_000 + HOLD_MS);
    await wait(HOLD_MS);
    expect(p.shown.size).toBe(1);
    const [id, note] = [...p.shown][0] as [string, { title: string; message: string }];
    expect(note.title).toBe('8 AliExpress deadlines need you');
    expect(note.message.split('\n').slice(0, 6)).toEqual(
      Array.from({ length: 6 }, (_, i) => expect.stringContaining(`Item number ${i + 1}`)),
    );
    expect(note.message).toContain('5 days left to request a return');
    // Each line names its last day, as the popup does: completed yesterday, 7 days to ask for a
    // return from the day of completion, so the last day is 5 days from now.
    expect(note.message.split('\n')[0]).toMatch(/\(last day Fri, Nov 27\)$/);
    expect(note.message.endsWith('…')).toBe(true);
    expect(parseNotificationId(id)?.reminderIds).toHaveLength(8);
    // Nothing more comes of that burst.
    p.shown.clear();
    await wait(DAY_MS / 2);
    expect(p.shown.size).toBe(0);
  });

  it('a tracking read in the same burst that says delivered cancels the "ask for more time" reminder', async () => {
    const { p, wait } = setup();
    const [a, b] = ids as [string, string];
    // Protection ends in 3 days: the ask-extension window is open (its notice is due now).
    await readSnapshots(p, [inTransit(a, p.clock.now, 3)]);
    await readSnapshots(p, [inTransit(b, p.clock.now, 3)]);
    await wait(1_500);
    await readSnapshots(p, [deliveredTracking(a, p.clock.now)]);
    expect(p.shown.size).toBe(0);
    await wait(HOLD_MS);
    expect(p.shown.size).toBe(1);
    const [id] = [...p.shown][0] as [string, unknown];
    const reminders = parseNotificationId(id)?.reminderIds ?? [];
    // B, still on its way, is asked about; A, delivered, is not.
    expect(reminders).toContain(`${b}:ask-extension:opens`);
    expect(reminders.some((r) => r.startsWith(`${a}:ask-extension`))).toBe(false);
    // And never later either.
    p.shown.clear();
    await wait(2 * DAY_MS);
    expect([...p.shown.keys()].join()).not.toContain(`${a}:ask-extension`);
  });

  it('a reminder alone after a single read still comes, a few seconds later, with its own title', async () => {
    const { p, wait } = setup();
    await readSnapshots(p, [completedSnapshot(ids[0] as string, p.clock.now, 1)]);
    expect(p.shown.size).toBe(0);
    await wait(HOLD_MS - 1);
    expect(p.shown.size).toBe(0);
    await wait(1);
    expect([...p.shown.values()].map((n) => n.title)).toEqual(['5 days left to request a return']);
  });

  it('a browse that never pauses still gets its notification within a minute, and one per minute at most', async () => {
    const { p, wait } = setup();
    for (let i = 0; i < 60; i++) {
      await readSnapshots(p, [completedSnapshot(String(8_200_000_000_000_000 + i), p.clock.now, 1)]);
      await wait(3_000);
    }
    // 180 s of reads every 3 s: the first notification at the cap, then at most one per cap.
    expect(p.shown.size).toBeGreaterThanOrEqual(2);
    expect(p.shown.size).toBeLessThanOrEqual(180_000 / MAX_HOLD_MS);
    await wait(HOLD_MS);
    expect(p.shown.size).toBeLessThanOrEqual(180_000 / MAX_HOLD_MS + 1);
    const shownIds = [...p.shown.keys()].flatMap((k) => parseNotificationId(k)?.reminderIds ?? []);
    expect(new Set(shownIds).size).toBe(60);
  });

  it('never holds a reminder past its window: one closing within the hold is shown at once', () => {
    expect(holds([{ closesAt: NOW + 60 * DAY_MS }], NOW + HOLD_MS)).toBe(true);
    expect(holds([{ closesAt: NOW + 60 * DAY_MS }, { closesAt: NOW + 1_000 }], NOW + HOLD_MS)).toBe(false);
    const burst = noteRead(undefined, NOW);
    expect(heldUntil(burst, NOW)).toBe(NOW + HOLD_MS);
    expect(heldUntil(noteRead(burst, NOW + 5_000), NOW + 5_000)).toBe(NOW + 5_000 + HOLD_MS);
    expect(heldUntil(burst, NOW + HOLD_MS)).toBeNull();
    let long = burst;
    for (let t = 0; t <= 2 * MAX_HOLD_MS; t += 1_000) long = noteRead(long, NOW + t);
    expect(heldUntil(long, NOW + MAX_HOLD_MS)).toBeNull();
  });
});
