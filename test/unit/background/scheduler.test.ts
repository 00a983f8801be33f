/**
 * The scheduler on the in-memory browser: one alarm at the next due moment, reminders shown once and
 * recorded, missed ones gathered, quiet hours and per-kind switches, badges per tab, clicks.
 * Events are delivered the way the browser would (messages, alarms, clicks); the worker keeps
 * nothing in memory, so every step could be a fresh worker.
 */
import { describe, expect, it } from 'vitest';
import { onButtonClicked, onNotificationClicked } from '../../../src/background/clicks';
import { handleMessage } from '../../../src/background/handlers';
import { parseNotificationId } from '../../../src/background/notify';
import { ALARM_NAME, runScheduler } from '../../../src/background/scheduler';
import { HOLD_MS } from '../../../src/core/burst';
import { DAY_MS, HOUR_MS } from '../../../src/core/time';
import { memoryPlatform } from '../../../src/platform/memory';
import { parseState } from '../../../src/store/state';
import { completedSnapshot, detailUrl, POPUP, readSnapshots, SELF, settle } from './helpers';

const NOW = Date.UTC(2026, 10, 22, 12); // a Sunday, noon UTC
const A = '8000000000000001';
const B = '8000000000000002';

function setup(flavour: 'chrome' | 'firefox' = 'chrome') {
  const p = memoryPlatform({ now: NOW, flavour });
  const state = () => parseState(Object.fromEntries(p.data));
  /** A page read, then the burst settles (reminders it found are shown then). */
  const read = async (snapshots: ReturnType<typeof completedSnapshot>[], tab = 1, focus?: string) => {
    await readSnapshots(p, snapshots, { tab, ...(focus ? { focus } : {}) });
    await settle(p);
  };
  const command = (message: unknown) => handleMessage(message, POPUP, p, SELF);
  /** Moves the clock and fires the alarm if it is due, as the browser would. */
  const advance = async (ms: number) => {
    for (const name of p.advance(ms)) if (name === ALARM_NAME) await runScheduler(p);
  };
  return { p, state, read, command, advance };
}

describe('the scheduler', () => {
  it('keeps exactly one alarm, set to the next due moment, and shows a due reminder once', async () => {
    const { p, state, read } = setup();
    // Completed yesterday: the 7-day return window is open, its 7-day-lead reminder is due now.
    await read([completedSnapshot(A, NOW, 1)]);
    expect([...p.shown.keys()]).toHaveLength(1);
    const [id, note] = [...p.shown][0] as [string, { title: string; message: string; buttons?: unknown[] }];
    expect(note.title).toBe('5 days left to request a return');
    expect(note.message).toContain('Neo XENON 2.1');
    expect(note.message).toContain(A);
    expect(note.message).toContain('Request a return or refund');
    expect(note.message).toMatch(/\(last day \w+, Nov \d+\)$/);
    expect(note.buttons).toHaveLength(2);
    expect(parseNotificationId(id)).toEqual({ orderId: A, reminderIds: [`${A}:return-after-receipt:7`] });
    expect(state().ledger.reminders[`${A}:return-after-receipt:7`]?.shownAt).toBe(NOW + HOLD_MS);
    expect([...p.alarmsSet.keys()]).toEqual([ALARM_NAME]);
    // Next: the badge ticking from 5d to 4d (before the 3-day lead on Nov 25).
    const next = p.alarmsSet.get(ALARM_NAME) as number;
    expect(next).toBeGreaterThan(NOW);
    expect(next).toBeLessThanOrEqual(Date.UTC(2026, 10, 25));

    // Another run (a store change, a browser start) shows nothing new.
    p.shown.clear();
    await runScheduler(p);
    expect(p.shown.size).toBe(0);
    expect(p.alarmsSet.size).toBe(1);
  });

  it('fires at each next moment: the badge counts down and the 3-day lead comes on time', async () => {
    const { p, read, advance } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    expect(p.badges.get('global')?.text).toBe('5d');
    p.shown.clear();
    await advance(DAY_MS);
    expect(p.badges.get('global')?.text).toBe('4d');
    expect(p.shown.size).toBe(0);
    await advance(2 * DAY_MS);
    // Nov 25 12:00: the 3-day lead (due Nov 25 00:00... quiet hours until 08:00) has been shown.
    expect([...p.shown.keys()].some((k) => k.endsWith(':return-after-receipt:3'))).toBe(true);
    expect(p.badges.get('global')?.text).toBe('2d');
    expect(p.alarmsSet.size).toBe(1);
  });

  it('gathers reminders missed while the browser was closed into one notification, each marked once', async () => {
    const { p, state, read } = setup();
    await read([completedSnapshot(A, NOW, 1), completedSnapshot(B, NOW, 1, 'Other item')]);
    p.shown.clear();
    // The browser is closed for 4 days: no alarm fires. Then it starts.
    p.clock.now += 4 * DAY_MS;
    p.alarmsSet.clear();
    await runScheduler(p);
    expect(p.shown.size).toBe(1);
    const [id, note] = [...p.shown][0] as [string, { title: string; message: string }];
    expect(note.title).toBe('2 AliExpress deadlines need you');
    expect(note.message).toContain('Neo XENON 2.1');
    expect(note.message).toContain('Other item');
    // Only the most recent passed lead (3 days) of each window; the superseded ones are not shown.
    expect(parseNotificationId(id)?.reminderIds.sort()).toEqual([
      `${A}:return-after-receipt:3`,
      `${B}:return-after-receipt:3`,
    ]);
    const ledger = state().ledger.reminders;
    expect(ledger[`${A}:return-after-receipt:3`]?.shownAt).toBe(p.clock.now);
    expect(ledger[`${B}:return-after-receipt:3`]?.shownAt).toBe(p.clock.now);
    // A second start shows nothing again.
    p.shown.clear();
    await runScheduler(p);
    expect(p.shown.size).toBe(0);
  });

  it('defers a due reminder past quiet hours and sets the alarm to their end', async () => {
    const { p, command, read } = setup();
    await command({ type: 'set-prefs', prefs: { quietHours: { start: '11:00', end: '13:30' } } });
    await read([completedSnapshot(A, NOW, 1)]);
    expect(p.shown.size).toBe(0);
    expect(p.alarmsSet.get(ALARM_NAME)).toBe(NOW + 90 * 60_000);
    for (const name of p.advance(90 * 60_000)) if (name === ALARM_NAME) await runScheduler(p);
    expect(p.shown.size).toBe(1);
  });

  it('shows nothing for a kind switched off, and nothing for a window marked handled', async () => {
    const { p, command, read } = setup();
    await command({ type: 'set-prefs', prefs: { kinds: { 'return-after-receipt': false } } });
    await read([completedSnapshot(A, NOW, 1)]);
    expect(p.shown.size).toBe(0);
    await command({ type: 'set-handled', windowId: `${A}:return-after-receipt`, orderId: A, handled: true });
    await command({ type: 'set-prefs', prefs: { kinds: {} } });
    expect(p.shown.size).toBe(0);
    // The badge skips the handled window: the next one is the not-as-described claim (69 days).
    expect(p.badges.get('global')?.text).toBe('68d');
    await command({ type: 'set-handled', windowId: `${A}:return-after-receipt`, orderId: A, handled: false });
    expect(p.shown.size).toBe(1);
  });

  it('clears the alarm and the badge when nothing is open', async () => {
    const { p, read } = setup();
    await read([completedSnapshot(A, NOW, 200)]);
    expect(p.alarmsSet.size).toBe(0);
    expect(p.badges.get('global')?.text).toBe('');
  });
});

describe('notifications', () => {
  it('a click opens the order page; Snooze 1 day brings the reminder back a day later, once', async () => {
    const { p, state, read, advance } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    const id = [...p.shown.keys()][0] as string;
    await onNotificationClicked(p, id);
    expect(p.opened).toEqual([detailUrl(A)]);
    expect(p.shown.size).toBe(0);

    await read([completedSnapshot(B, NOW, 1)]);
    const idB = [...p.shown.keys()][0] as string;
    await onButtonClicked(p, idB, 1);
    expect(p.shown.size).toBe(0);
    expect(state().ledger.reminders[`${B}:return-after-receipt:7`]?.snoozedUntil).toBe(
      NOW + 2 * HOLD_MS + DAY_MS,
    );
    await advance(DAY_MS - HOUR_MS);
    expect(p.shown.size).toBe(0);
    await advance(HOUR_MS);
    expect([...p.shown.keys()]).toEqual([expect.stringContaining(`${B}:return-after-receipt:7`)]);
    p.shown.clear();
    await runScheduler(p);
    expect(p.shown.size).toBe(0);
  });

  it('has no buttons on Firefox', async () => {
    const { p, read } = setup('firefox');
    await read([completedSnapshot(A, NOW, 1)]);
    const note = [...p.shown.values()][0];
    expect(note?.buttons).toBeUndefined();
    expect(note?.title).toBe('5 days left to request a return');
  });
});

describe('the badge', () => {
  it("shows the tab's own order on a tab showing an order, the most urgent elsewhere", async () => {
    const { p } = setup();
    p.tabs.alive.add(7);
    // A: 5 days left, B: 1.5 days left (completed 5 days ago). The badge does not wait for a burst.
    await readSnapshots(p, [completedSnapshot(A, NOW, 1)], { tab: 7, focus: A });
    await readSnapshots(p, [completedSnapshot(B, NOW, 5, 'Urgent thing')], { tab: 9 });
    expect(p.badges.get(7)?.text).toBe('5d');
    expect(p.badges.get(7)?.title).toContain(A);
    expect(p.badges.get(7)?.title).toContain('The return window');
    expect(p.badges.get('global')?.text).toBe('36h');
    expect(p.badges.get('global')?.title).toContain(B);
    // Closes at the start of Nov 24: the last day shown is Nov 23.
    expect(p.badges.get('global')?.title).toMatch(/last day Mon, Nov 23,/);
    expect(p.badges.get('global')?.color).toBe('#C5221F');
    // Tab 9 is gone: its focus entry is dropped, the other tab's badge stays.
    expect(Object.keys((p.sessionData.get('focus') as object) ?? {})).toEqual(['7']);
  });

  it('counts down to the next dispute step of an open case, on its tab and globally', async () => {
    const { p, read } = setup();
    p.tabs.alive.add(7);
    // A dispute opened yesterday: the seller must answer within 5 days of the request.
    const opened = new Date(NOW - DAY_MS).toISOString().slice(0, 19);
    await read(
      [
        {
          orderId: A,
          source: 'refunds',
          readAt: NOW,
          cases: [{ caseId: '77', state: 'open', type: '1', createdAt: opened }],
          missing: [],
        },
      ],
      7,
      A,
    );
    // Before the journey, an open case had no money window: blank badge, "nothing open".
    expect(p.badges.get(7)?.text).toMatch(/^\d+d$/);
    expect(p.badges.get(7)?.title).toContain("The seller's answer");
    expect(p.badges.get('global')?.text).toBe(p.badges.get(7)?.text);
  });

  it('counts down on its own: the alarm covers the next change of a tab badge', async () => {
    const { p, read } = setup();
    p.tabs.alive.add(7);
    await read([completedSnapshot(A, NOW, 1)], 7, A);
    // After the lead reminders and day ticks, every alarm moment changes something.
    const next = p.alarmsSet.get(ALARM_NAME) as number;
    expect(next - NOW).toBeLessThanOrEqual(DAY_MS);
  });
});
