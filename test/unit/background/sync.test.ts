/**
 * Opt-in sync in the worker, on two in-memory browsers whose storage.sync the test carries from
 * one to the other as the browsers' sync service would: off, nothing is written to storage.sync;
 * on, an order read on one browser is listed, badged and reminded on the other, a handled mark
 * made on one stops the other's reminders, and a reminder shown on one is not shown on the other;
 * off again, our items leave storage.sync and this browser's own data stays.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/handlers';
import { runScheduler as reschedule } from '../../../src/background/scheduler';
import { syncedSummaries } from '../../../src/background/sync';
import { SYNC_PREFIX } from '../../../src/core/sync';
import { HOUR_MS } from '../../../src/core/time';
import { type MemoryPlatform, memoryPlatform } from '../../../src/platform/memory';
import { parseState } from '../../../src/store/state';
import { completedSnapshot, POPUP, readSnapshots, SELF, settle } from './helpers';

const NOW = Date.UTC(2026, 10, 22, 12);
const A = '8000000000000001';

/** What the sync service does: the other browser's storage.sync becomes this one's. */
function carry(from: MemoryPlatform, to: MemoryPlatform) {
  to.syncData.clear();
  for (const [k, v] of from.syncData) to.syncData.set(k, structuredClone(v));
}
const command = (p: MemoryPlatform, message: unknown) => handleMessage(message, POPUP, p, SELF);
const ledger = (p: MemoryPlatform) => parseState(Object.fromEntries(p.data)).ledger;

describe('sync in the worker', () => {
  it('writes nothing to storage.sync while off', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, [completedSnapshot(A, NOW, 1)]);
    await settle(p);
    await command(p, {
      type: 'set-handled',
      windowId: `${A}:return-after-receipt`,
      orderId: A,
      handled: true,
    });
    expect(p.syncWrites).toEqual([]);
    expect(p.syncData.size).toBe(0);
  });

  it('shares an order, its handled mark and its shown reminders with the other browser, both ways', async () => {
    const desk = memoryPlatform({ now: NOW });
    const laptop = memoryPlatform({ now: NOW });
    await command(desk, { type: 'set-sync', on: true });
    await command(laptop, { type: 'set-sync', on: true });

    // Read on the desktop: its return window is open, its first reminder is due and shown there.
    await readSnapshots(desk, [completedSnapshot(A, NOW, 1)]);
    await settle(desk);
    expect(desk.shown.size).toBe(1);
    expect([...desk.syncData.keys()].every((k) => k.startsWith(SYNC_PREFIX))).toBe(true);

    // The laptop never read the order: it lists it, badges it, and does not show the same reminder.
    carry(desk, laptop);
    laptop.clock.now = desk.clock.now;
    await reschedule(laptop);
    expect(syncedSummaries(Object.fromEntries(laptop.data)).map((s) => s.orderId)).toEqual([A]);
    expect(laptop.badges.get('global')?.text).not.toBe('');
    expect(laptop.badges.get('global')?.title).toContain(A);
    expect(laptop.shown.size).toBe(0);

    // Marked handled on the laptop: the desktop stops counting that window down.
    const counting = desk.badges.get('global')?.text;
    await command(laptop, {
      type: 'set-handled',
      windowId: `${A}:return-after-receipt`,
      orderId: A,
      handled: true,
    });
    carry(laptop, desk);
    desk.clock.now += HOUR_MS;
    await reschedule(desk);
    expect(ledger(desk).windows[`${A}:return-after-receipt`]?.handledAt).toBeDefined();
    expect(desk.badges.get('global')?.text).not.toBe(counting);

    // Off on the desktop: our items leave storage.sync; its own data stays.
    const before = ledger(desk);
    await command(desk, { type: 'set-sync', on: false });
    expect([...desk.syncData.keys()].filter((k) => k.startsWith(SYNC_PREFIX))).toEqual([]);
    expect(ledger(desk)).toEqual(before);
    const writes = desk.syncWrites.length;
    await command(desk, {
      type: 'set-handled',
      windowId: `${A}:return-after-receipt`,
      orderId: A,
      handled: false,
    });
    expect(desk.syncWrites.length).toBe(writes);
  });

  it('ignores and reports a corrupt or foreign item, and applies nothing of it', async () => {
    const p = memoryPlatform({ now: NOW });
    await command(p, { type: 'set-sync', on: true });
    p.syncData.set(`${SYNC_PREFIX}u0`, { h: { [`${A}:return-after-receipt`]: ['yes', 'no'] } });
    p.syncData.set('another-extension', { anything: 1 });
    await reschedule(p);
    const sync = Object.fromEntries(p.data).sync as { report?: { bad: string[] } };
    expect(sync.report?.bad).toContain(`${SYNC_PREFIX}u0.h:${A}:return-after-receipt`);
    expect(ledger(p).windows).toEqual({});
    expect(p.syncData.get('another-extension')).toEqual({ anything: 1 });
  });
});
