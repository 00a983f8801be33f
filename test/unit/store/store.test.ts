/**
 * The store through the worker's message handlers on the in-memory browser: merge rules, user data
 * never overwritten by a page read, records failing their schema set aside while the rest works,
 * commands, backup export/import.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/handlers';
import { mergeSnapshot, mergeStoredOrders } from '../../../src/core/merge';
import { type OrderSnapshot, StoredOrder } from '../../../src/core/model';
import { DAY_MS } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import { memoryPlatform } from '../../../src/platform/memory';
import { loadState, needsAttention, parseState } from '../../../src/store/state';
import { completedSnapshot, POPUP, readSnapshots, SELF, settle } from '../background/helpers';

const NOW = Date.UTC(2026, 10, 22, 12);
const A = '8000000000000001';
const B = '8000000000000002';

function setup() {
  const p = memoryPlatform({ now: NOW });
  /** A page read, then its burst settles (the reminders it found are shown). */
  const read = async (snapshots: OrderSnapshot[]) => {
    const reply = await readSnapshots(p, snapshots);
    await settle(p);
    return reply;
  };
  const command = (message: unknown) => handleMessage(message, POPUP, p, SELF);
  const state = () => {
    const s = parseState(Object.fromEntries(p.data));
    // Full orders live in the orders store (IndexedDB in the browser), most recently seen first.
    const orders = [...p.orderData.values()]
      .map((o) => z.parse(StoredOrder, o))
      .sort((a, b) => b.lastSeen - a.lastSeen);
    return { ...s, orders };
  };
  return { p, read, command, state };
}

const snap = (
  source: OrderSnapshot['source'],
  readAt: number,
  fields: Partial<OrderSnapshot>,
): OrderSnapshot => ({
  orderId: A,
  source,
  readAt,
  missing: [],
  ...fields,
});

describe('merging reads', () => {
  it('a list read never erases dates a detail read found, and each field says when and where it was read', () => {
    let order = mergeSnapshot(
      undefined,
      snap('detail', 100, { placedOn: '2026-07-15', stated: { protectionEnd: '2026-09-04' } }),
    );
    order = mergeSnapshot(order, snap('list', 200, { status: 'awaiting-delivery', placedOn: '2026-07-15' }));
    expect(order.reads.detail?.stated?.protectionEnd).toBe('2026-09-04');
    expect(order.fieldReadAt?.detail?.['stated.protectionEnd']).toBe(100);
    expect(order.fieldReadAt?.list?.status).toBe(200);
  });

  it('a later read of the same page updates what it saw and keeps what it did not', () => {
    let order = mergeSnapshot(
      undefined,
      snap('detail', 100, { shippedOn: '2026-07-16', stated: { protectionEnd: '2026-09-04' } }),
    );
    order = mergeSnapshot(
      order,
      snap('detail', 300, { status: 'completed', stated: { returnDaysAfterReceipt: 7 } }),
    );
    expect(order.reads.detail).toMatchObject({
      shippedOn: '2026-07-16',
      status: 'completed',
      stated: { protectionEnd: '2026-09-04', returnDaysAfterReceipt: 7 },
    });
    expect(order.fieldReadAt?.detail).toMatchObject({
      shippedOn: 100,
      status: 300,
      'stated.protectionEnd': 100,
    });
  });

  it('an older read delivered late does not overwrite a newer one', () => {
    const newer = mergeSnapshot(undefined, snap('detail', 300, { status: 'completed' }));
    expect(mergeSnapshot(newer, snap('detail', 100, { status: 'awaiting-delivery' }))).toEqual(newer);
  });

  it('two stored copies of an order merge field by field, the later statement winning', () => {
    const mine = mergeSnapshot(
      undefined,
      snap('detail', 100, { status: 'awaiting-delivery', shippedOn: '2026-07-16' }),
    );
    const theirs = mergeSnapshot(undefined, snap('detail', 200, { status: 'completed' }));
    const merged = mergeStoredOrders(mine, theirs);
    expect(merged.reads.detail).toMatchObject({ status: 'completed', shippedOn: '2026-07-16', readAt: 200 });
    expect(merged.fieldReadAt?.detail).toEqual({ status: 200, shippedOn: 100 });
    expect(mergeStoredOrders(theirs, mine)).toEqual(merged);
  });

  it('a page read never overwrites user data: checklists, notes, handled marks, snoozes', async () => {
    const { read, command, state } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    await command({ type: 'checklist-start', orderId: A, reason: 'damaged' });
    await command({ type: 'checklist-tick', orderId: A, itemId: 'photo-damage', ticked: true });
    await command({ type: 'set-note', orderId: A, text: 'seller promised a refund' });
    await command({ type: 'set-handled', windowId: `${A}:not-as-described`, orderId: A, handled: true });
    await command({ type: 'snooze', windowId: `${A}:return-after-receipt`, orderId: A, until: NOW + DAY_MS });
    const before = state();
    await read([completedSnapshot(A, NOW + 1000, 1, 'Renamed title')]);
    const after = state();
    expect(after.checklists).toEqual(before.checklists);
    expect(after.notes).toEqual(before.notes);
    expect(after.ledger.windows).toEqual(before.ledger.windows);
    expect(after.ledger.reminders[`${A}:return-after-receipt:7`]?.snoozedUntil).toBe(NOW + DAY_MS);
    expect(after.orders[0]?.reads.detail?.items?.[0]?.title).toBe('Renamed title');
  });
});

describe('records that fail their schema', () => {
  it('are set aside (kept whole, flagged) while every other order keeps giving reminders', async () => {
    const { p, read, state } = setup();
    p.data.set(`order:${B}`, { orderId: B, reads: 'corrupted by a bug' });
    p.data.set('prefs', { leadsDays: 'seven' });
    // Views see the broken record before the worker has set it aside.
    const seen = await loadState(p.storage);
    expect(seen.broken.map((b) => b.key).sort()).toEqual([`order:${B}`, 'prefs']);
    expect(needsAttention(seen)).toHaveLength(2);

    // The first message migrates this (version-1) store: the broken order goes to quarantine.
    await read([completedSnapshot(A, NOW, 1)]);
    expect(p.shown.size).toBe(1);
    const s = state();
    expect(s.orders.map((o) => o.orderId)).toEqual([A]);
    expect(s.broken).toEqual([]);
    expect(s.quarantine.map((q) => q.key).sort()).toEqual([`order:${B}`, 'prefs']);
    expect(s.quarantine.find((q) => q.key === `order:${B}`)?.raw).toEqual({
      orderId: B,
      reads: 'corrupted by a bug',
    });
    expect(s.quarantine[0]?.reason).toMatch(/reads/);
    expect(needsAttention(s)).toHaveLength(2);
    // A new read of the set-aside order starts a good record; the quarantined copy stays.
    await read([completedSnapshot(B, NOW, 1)]);
    expect(state().orders).toHaveLength(2);
    expect(state().quarantine).toHaveLength(2);
  });

  it('a record under the wrong key is set aside too', async () => {
    const { p, read, state } = setup();
    p.data.set(`order:${B}`, { orderId: A, firstSeen: 1, lastSeen: 1, reads: {} });
    await read([completedSnapshot(A, NOW, 1)]);
    expect(state().quarantine.map((q) => q.key)).toEqual([`order:${B}`]);
  });
});

describe('commands', () => {
  it('checklists: start, tick, untick, a new reason starts afresh, clear', async () => {
    const { command, state } = setup();
    expect(await command({ type: 'checklist-tick', orderId: A, itemId: 'x', ticked: true })).toEqual({
      error: 'no checklist started for this order',
    });
    await command({ type: 'checklist-start', orderId: A, reason: 'damaged' });
    await command({ type: 'checklist-tick', orderId: A, itemId: 'photo-box', ticked: true });
    await command({ type: 'checklist-tick', orderId: A, itemId: 'photo-item', ticked: true });
    await command({ type: 'checklist-tick', orderId: A, itemId: 'photo-item', ticked: false });
    expect(state().checklists[A]).toMatchObject({
      reason: 'damaged',
      ticks: { 'photo-box': true },
      createdAt: NOW,
    });
    await command({ type: 'checklist-start', orderId: A, reason: 'damaged' });
    expect(state().checklists[A]?.ticks).toEqual({ 'photo-box': true });
    await command({ type: 'checklist-start', orderId: A, reason: 'wrong-item' });
    expect(state().checklists[A]).toMatchObject({ reason: 'wrong-item', ticks: {} });
    await command({ type: 'checklist-clear', orderId: A });
    expect(state().checklists).toEqual({});
  });

  it('notes: set, replace, remove with empty text', async () => {
    const { p, read, command } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    await command({ type: 'set-note', orderId: A, text: '  first  ' });
    expect((await loadState(p.storage)).notes[A]?.text).toBe('first');
    await command({ type: 'set-note', orderId: A, text: '' });
    expect((await loadState(p.storage)).notes[A]).toBeUndefined();
  });

  it('set-prefs changes only the given fields and refuses invalid ones', async () => {
    const { command, state } = setup();
    await command({ type: 'set-prefs', prefs: { badge: false } });
    expect(state().prefs).toMatchObject({ badge: false, leadsDays: [7, 3, 1] });
    expect(await command({ type: 'set-prefs', prefs: { leadsDays: [999] } })).toEqual({
      error: 'malformed message',
    });
    expect(state().prefs.leadsDays).toEqual([7, 3, 1]);
  });

  it('open-url opens only https AliExpress pages', async () => {
    const { p, command } = setup();
    await command({ type: 'open-url', url: 'https://www.aliexpress.com/p/order/index.html' });
    for (const url of [
      'http://www.aliexpress.com/',
      'https://aliexpress.com.evil.example/',
      'javascript:alert(1)',
    ]) {
      expect(await command({ type: 'open-url', url })).toEqual({ error: 'malformed message' });
    }
    expect(p.opened).toEqual(['https://www.aliexpress.com/p/order/index.html']);
  });

  it('delete-all needs confirm: true, then empties the store, the alarm and the badge data', async () => {
    const { p, read, command } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    expect(await command({ type: 'delete-all' })).toEqual({ error: 'malformed message' });
    expect(p.orderData.has(A)).toBe(true);
    expect(p.summaryData.has(A)).toBe(true);
    await command({ type: 'delete-all', confirm: true });
    // Only the version, and the signal that tells every face all its orders went.
    expect([...p.data.keys()].sort()).toEqual(['changes', 'meta']);
    expect(p.data.get('changes')).toMatchObject({ orderIds: [], all: true });
    expect(p.orderData.size).toBe(0);
    expect(p.summaryData.size).toBe(0);
    expect(p.alarmsSet.size).toBe(0);
    expect(p.shown.size).toBe(0);
  });
});

describe('backup', () => {
  it('exports everything the buyer would miss and imports it into an empty browser', async () => {
    const { read, command } = setup();
    await read([completedSnapshot(A, NOW, 1), completedSnapshot(B, NOW, 3)]);
    await command({ type: 'checklist-start', orderId: A, reason: 'damaged' });
    await command({ type: 'set-note', orderId: B, text: 'note' });
    await command({ type: 'set-prefs', prefs: { leadsDays: [5, 2] } });
    const backup = (await command({ type: 'export-backup' })) as { items: Record<string, unknown> };
    expect(Object.keys(backup.items).sort()).toEqual(
      [`checklist:${A}`, 'ledger', 'meta', `note:${B}`, `order:${A}`, `order:${B}`, 'prefs'].sort(),
    );

    const other = setup();
    const summary = await other.command({
      type: 'import-backup',
      backup: JSON.parse(JSON.stringify(backup)),
    });
    expect(summary).toMatchObject({
      ok: true,
      ordersAdded: 2,
      ordersUpdated: 0,
      checklists: 1,
      notes: 1,
      prefs: true,
      errors: [],
    });
    const s = other.state();
    expect(s.orders).toHaveLength(2);
    // Their summaries go to the summaries store, and the signal names them.
    expect([...other.p.summaryData.keys()].sort()).toEqual([A, B].sort());
    expect(other.p.data.get('changes')).toMatchObject({ orderIds: [A, B] });
    expect(s.prefs.leadsDays).toEqual([5, 2]);
    // Reminders already shown in the old browser are not shown again.
    expect(other.p.shown.size).toBe(0);
    // A second import changes nothing.
    expect(await other.command({ type: 'import-backup', backup })).toMatchObject({
      ordersAdded: 0,
      ordersUnchanged: 2,
      prefs: false,
    });
  });

  it('merges into existing orders without losing what either side knows', async () => {
    const { read, command, state } = setup();
    await read([snap('detail', NOW, { shippedOn: '2026-07-16' })]);
    const backup = {
      format: 'protection-clock-backup',
      version: 1,
      exportedAt: NOW,
      items: {
        meta: { schemaVersion: 2 },
        [`order:${A}`]: mergeSnapshot(undefined, snap('list', NOW - 10, { totalText: 'US $3' })),
      },
    };
    expect(await command({ type: 'import-backup', backup })).toMatchObject({ ordersUpdated: 1 });
    expect(state().orders[0]?.reads).toMatchObject({
      detail: { shippedOn: '2026-07-16' },
      list: { totalText: 'US $3' },
    });
  });

  it('imports a file of the older (v1) shape through the same migrations', async () => {
    const { command, state } = setup();
    const order = {
      orderId: A,
      firstSeen: 1,
      lastSeen: 1,
      reads: { list: snap('list', 1, { totalText: 'US $3' }) },
    };
    const backup = {
      format: 'protection-clock-backup',
      version: 1,
      exportedAt: 1,
      items: { [`order:${A}`]: order },
    };
    expect(await command({ type: 'import-backup', backup })).toMatchObject({ ok: true, ordersAdded: 1 });
    expect(state().orders[0]?.fieldReadAt?.list?.totalText).toBe(1);
  });

  it('a bad file changes nothing and says why', async () => {
    const { p, read, command } = setup();
    await read([completedSnapshot(A, NOW, 1)]);
    const before = structuredClone(Object.fromEntries(p.data));
    const ordersBefore = structuredClone(Object.fromEntries(p.orderData));
    const good = (await command({ type: 'export-backup' })) as { items: Record<string, unknown> };
    const bad = [
      'not json at all',
      { format: 'something-else', version: 1, exportedAt: 1, items: {} },
      { ...good, version: 99 },
      { ...good, items: { ...good.items, [`order:${B}`]: { orderId: B, reads: 'x' } } },
      { ...good, items: { ...good.items, 'evil-key': 1 } },
      { ...good, items: { ...good.items, meta: { schemaVersion: 99 } } },
    ];
    for (const backup of bad) {
      const summary = (await command({ type: 'import-backup', backup })) as { ok: boolean; errors: string[] };
      expect(summary.ok).toBe(false);
      expect(summary.errors.length).toBeGreaterThan(0);
    }
    expect(Object.fromEntries(p.data)).toEqual(before);
    expect(Object.fromEntries(p.orderData)).toEqual(ordersBefore);
  });
});
