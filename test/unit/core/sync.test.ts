/**
 * Opt-in sync, simulated: two or three browsers, each with its own data and its own replica of
 * storage.sync, edit at random (handled marks, reminders shown and snoozed, checklist ticks and
 * reasons, notes, preferences, order reads), sync at random, and their writes reach the others late
 * and in any order (the sync service keeps the last write of a key), some of them refused (quota or
 * write limits). Once every write has arrived and every browser has synced again:
 * - they agree on everything that syncs (converge);
 * - every field holds the buyer's last change to it, made on whichever browser (nothing lost);
 * - no replica ever held more than storage.sync's quota, per item or in all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS } from '../../../src/core/reminders';
import { RULES } from '../../../src/core/rules';
import {
  emptyDoc,
  itemBytes,
  type LocalData,
  observe,
  packDoc,
  roundOrder,
  SYNC_MAX_ITEMS,
  SYNC_PREFIX,
  SYNC_QUOTA_BYTES,
  SYNC_QUOTA_BYTES_PER_ITEM,
  type SyncDoc,
  type SyncOrder,
  syncStep,
  unpackItems,
} from '../../../src/core/sync';

const T0 = Date.UTC(2026, 10, 1, 12);
const RULE = RULES[0]?.id as string;
const DAY = 86_400_000;
const ORDERS = ['8100000000000001', '8100000000000002', '8100000000000003', '8100000000000004'];
const KINDS = ['protection-end', 'dispute-open', 'return-after-receipt'] as const;
const REASONS = ['not-received', 'damaged'] as const;
const ITEMS_OF = ['photo', 'video', 'chat'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type Local = Mutable<LocalData> & {
  ledger: {
    reminders: Record<string, { shownAt?: number; snoozedUntil?: number }>;
    windows: Record<string, { handledAt?: number }>;
  };
  checklists: Record<
    string,
    { reason: string; ticks: Record<string, boolean>; createdAt: number; updatedAt: number }
  >;
  notes: Record<string, { text: string; updatedAt: number }>;
  orders: Record<string, SyncOrder>;
};

interface Browser {
  local: Local;
  prev: SyncDoc;
  replica: Map<string, unknown>;
}

type Edit =
  | { type: 'handled'; order: number; kind: number; on: boolean }
  | { type: 'shown'; order: number; kind: number; lead: number }
  | { type: 'snooze'; order: number; kind: number; lead: number; days: number }
  | { type: 'tick'; order: number; reason: number; item: number; on: boolean }
  | { type: 'note'; order: number; text: string | null }
  | { type: 'prefs'; leads: number[] }
  | {
      type: 'read';
      order: number;
      stage: number;
      windows: { kind: number; days: number; stated: boolean }[];
    };

type Action =
  | { do: 'edit'; browser: number; edit: Edit }
  | { do: 'sync'; browser: number; fail: boolean }
  | { do: 'deliver'; pick: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ type: fc.constant('handled' as const), order: fc.nat(3), kind: fc.nat(2), on: fc.boolean() }),
  fc.record({
    type: fc.constant('shown' as const),
    order: fc.nat(3),
    kind: fc.nat(2),
    lead: fc.constantFrom(1, 3, 7),
  }),
  fc.record({
    type: fc.constant('snooze' as const),
    order: fc.nat(3),
    kind: fc.nat(2),
    lead: fc.constantFrom(1, 3, 7),
    days: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    type: fc.constant('tick' as const),
    order: fc.nat(3),
    reason: fc.nat(1),
    item: fc.nat(2),
    on: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('note' as const),
    order: fc.nat(3),
    text: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: null }),
  }),
  fc.record({
    type: fc.constant('prefs' as const),
    leads: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('read' as const),
    order: fc.nat(3),
    stage: fc.constantFrom(2, 3, 4),
    windows: fc.array(
      fc.record({ kind: fc.nat(2), days: fc.integer({ min: 20, max: 60 }), stated: fc.boolean() }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  }),
);

const newBrowser = (): Browser => ({
  local: {
    prefs: structuredClone(DEFAULT_PREFS),
    ledger: { reminders: {}, windows: {} },
    checklists: {},
    notes: {},
    orders: {},
  },
  prev: emptyDoc(),
  replica: new Map(),
});

const windowId = (e: { order: number; kind: number }) => `${ORDERS[e.order]}:${KINDS[e.kind]}`;

/**
 * Applies an edit as the worker's commands and scheduler would; returns the field it changed and
 * its value, or undefined when it changed nothing (clearing a mark that is not there).
 */
function apply(b: Browser, e: Edit, now: number): [string, unknown] | undefined {
  const l = b.local;
  switch (e.type) {
    case 'handled': {
      const id = windowId(e);
      if ((l.ledger.windows[id] !== undefined) === e.on) return undefined;
      if (e.on) l.ledger.windows[id] = { handledAt: l.ledger.windows[id]?.handledAt ?? now };
      else delete l.ledger.windows[id];
      return [`h:${id}`, e.on];
    }
    case 'shown': {
      const id = `${windowId(e)}:${e.lead}`;
      l.ledger.reminders[id] = { ...l.ledger.reminders[id], shownAt: now };
      return [`r:${id}`, l.ledger.reminders[id]];
    }
    case 'snooze': {
      const id = `${windowId(e)}:${e.lead}`;
      l.ledger.reminders[id] = { snoozedUntil: now + e.days * DAY };
      return [`r:${id}`, l.ledger.reminders[id]];
    }
    case 'tick': {
      const orderId = ORDERS[e.order] as string;
      const reason = REASONS[e.reason] as string;
      const item = ITEMS_OF[e.item] as string;
      const c = l.checklists[orderId];
      if (!e.on && c?.reason === reason && !c.ticks[item]) return undefined;
      if (!e.on && c?.reason !== reason) return undefined;
      if (!c || c.reason !== reason)
        l.checklists[orderId] = { reason, ticks: {}, createdAt: now, updatedAt: now };
      const cl = l.checklists[orderId] as Local['checklists'][string];
      if (e.on) cl.ticks[item] = true;
      else delete cl.ticks[item];
      cl.updatedAt = now;
      return [`c:${orderId}`, undefined];
    }
    case 'note': {
      const orderId = ORDERS[e.order] as string;
      if (e.text === (l.notes[orderId]?.text ?? null)) return undefined;
      if (e.text === null) delete l.notes[orderId];
      else l.notes[orderId] = { text: e.text, updatedAt: now };
      return [`n:${orderId}`, e.text];
    }
    case 'prefs':
      if (JSON.stringify(e.leads) === JSON.stringify((l.prefs as { leadsDays: number[] }).leadsDays))
        return undefined;
      l.prefs = { ...DEFAULT_PREFS, leadsDays: e.leads };
      return ['prefs', l.prefs];
    case 'read': {
      const orderId = ORDERS[e.order] as string;
      const byKind = new Map(e.windows.map((w) => [w.kind, w]));
      l.orders[orderId] = {
        title: `Order ${orderId.slice(-1)} read at ${now}`,
        stage: (['in-transit', 'delivered', 'completed'] as const)[e.stage - 2] ?? 'in-transit',
        at: now,
        windows: [...byKind.values()]
          .sort((a, b) => a.kind - b.kind)
          .map((w) => ({
            kind: KINDS[w.kind] as (typeof KINDS)[number],
            opensAt: null,
            closesAt: T0 + w.days * DAY,
            stated: w.stated,
            src: w.stated ? 'detail' : RULE,
            basis: w.stated ? ('protectionEnd' as const) : ('shippedOn' as const),
          })),
      };
      return [`o:${orderId}`, undefined];
    }
  }
}

/** What sync must agree on: each browser's own data as the faces see it, and the index. */
function view(b: Browser) {
  const ticks = Object.fromEntries(
    Object.entries(b.local.checklists).map(([id, c]) => [
      id,
      {
        reason: c.reason,
        ticks: Object.keys(c.ticks)
          .filter((k) => c.ticks[k])
          .sort(),
      },
    ]),
  );
  const sortKeys = <V>(r: Record<string, V>) =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  // Marks sync for the orders in the index (an order with nothing open needs none elsewhere).
  const indexed = (id: string) => b.prev.orders[id.slice(0, id.indexOf(':'))] !== undefined;
  return {
    prefs: b.local.prefs,
    handled: Object.keys(b.local.ledger.windows).filter(indexed).sort(),
    reminders: sortKeys(
      Object.fromEntries(
        Object.entries(b.local.ledger.reminders)
          .filter(([id]) => indexed(id))
          .map(([id, r]) => [id, { shownAt: r.shownAt, snoozedUntil: r.snoozedUntil }]),
      ),
    ),
    checklists: sortKeys(ticks),
    notes: sortKeys(Object.fromEntries(Object.entries(b.local.notes).map(([id, n]) => [id, n.text]))),
    orders: sortKeys(b.prev.orders),
  };
}

function usage(items: Map<string, unknown>) {
  let total = 0;
  for (const [k, v] of items) {
    const bytes = itemBytes(k, v);
    expect(bytes).toBeLessThanOrEqual(SYNC_QUOTA_BYTES_PER_ITEM);
    total += bytes;
  }
  expect(total).toBeLessThanOrEqual(SYNC_QUOTA_BYTES);
  expect(items.size).toBeLessThanOrEqual(SYNC_MAX_ITEMS);
}

describe('sync between simulated browsers', () => {
  it('converges, keeps every last change, and never exceeds the quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(
          fc.oneof(
            {
              weight: 5,
              arbitrary: fc.record({ do: fc.constant('edit' as const), browser: fc.nat(2), edit }),
            },
            {
              weight: 3,
              arbitrary: fc.record({
                do: fc.constant('sync' as const),
                browser: fc.nat(2),
                fail: fc.boolean(),
              }),
            },
            { weight: 3, arbitrary: fc.record({ do: fc.constant('deliver' as const), pick: fc.nat() }) },
          ),
          { maxLength: 60 },
        ) as fc.Arbitrary<Action[]>,
        (count, actions) => {
          const browsers = Array.from({ length: count }, newBrowser);
          const server = new Map<string, unknown>();
          /** Writes on their way: to the service, then from it to every other browser. */
          const inFlight: { to: number | 'server'; key: string; value: unknown }[] = [];
          let now = T0;
          /** The buyer's last change to each field, whichever browser made it. */
          const last = new Map<string, { browser: number; value: unknown }>();
          const orderReads = new Map<string, SyncOrder[]>();

          const deliver = (i: number) => {
            const [m] = inFlight.splice(i, 1);
            if (!m) return;
            if (m.to === 'server') {
              if (m.value === undefined) server.delete(m.key);
              else server.set(m.key, m.value);
              for (let j = 0; j < browsers.length; j++) inFlight.push({ to: j, key: m.key, value: m.value });
            } else {
              const r = (browsers[m.to] as Browser).replica;
              if (m.value === undefined) r.delete(m.key);
              else r.set(m.key, m.value);
              usage(r);
            }
          };

          const sync = (i: number, fail: boolean) => {
            const b = browsers[i] as Browser;
            now += 1_000;
            const step = syncStep({
              prev: b.prev,
              local: b.local,
              remote: Object.fromEntries(b.replica),
              now,
              graceMs: DAY,
            });
            // The browser's own data takes what the merged doc says.
            if (step.local.prefs !== undefined) b.local.prefs = step.local.prefs as Local['prefs'];
            if (step.local.ledger) b.local.ledger = structuredClone(step.local.ledger) as Local['ledger'];
            for (const [id, c] of Object.entries(step.local.checklists)) {
              if (c === null) delete b.local.checklists[id];
              else b.local.checklists[id] = structuredClone(c);
            }
            for (const [id, n] of Object.entries(step.local.notes)) {
              if (n === null) delete b.local.notes[id];
              else b.local.notes[id] = n;
            }
            b.prev = step.doc;
            if (fail) return; // refused (quota or write limit): storage.sync unchanged; retried next time
            const next = new Map(b.replica);
            for (const [k, v] of Object.entries(step.set)) next.set(k, v);
            for (const k of step.remove) next.delete(k);
            usage(next);
            b.replica = next;
            for (const [k, v] of Object.entries(step.set)) inFlight.push({ to: 'server', key: k, value: v });
            for (const k of step.remove) inFlight.push({ to: 'server', key: k, value: undefined });
          };

          for (const a of actions) {
            if (a.do === 'edit') {
              const i = a.browser % count;
              const b = browsers[i] as Browser;
              now += 1_000;
              const changed = apply(b, a.edit, now);
              if (!changed) continue;
              const [field, value] = changed;
              // The worker stamps each change as it makes it.
              b.prev = observe(b.prev, b.local, now);
              if (a.edit.type === 'read') {
                const id = ORDERS[a.edit.order] as string;
                orderReads.set(id, [
                  ...(orderReads.get(id) ?? []),
                  roundOrder(b.local.orders[id] as SyncOrder),
                ]);
              } else
                last.set(field, {
                  browser: i,
                  value: field.startsWith('c:') ? structuredClone(b.local.checklists[field.slice(2)]) : value,
                });
            } else if (a.do === 'sync') sync(a.browser % count, a.fail);
            else if (inFlight.length > 0) deliver(a.pick % inFlight.length);
          }
          // Quiet: every write arrives, every browser syncs, until nothing more is written.
          for (let round = 0; round < 20; round++) {
            while (inFlight.length > 0) deliver(0);
            for (let i = 0; i < count; i++) sync(i, false);
            if (inFlight.length === 0) break;
          }
          expect(inFlight).toEqual([]);

          const views = browsers.map(view);
          for (const v of views.slice(1)) expect(v).toEqual(views[0]);
          const v = views[0] as ReturnType<typeof view>;
          for (const [field, { value }] of last) {
            const [kind, id] = [field.slice(0, field.indexOf(':')), field.slice(field.indexOf(':') + 1)];
            if (field === 'prefs') expect(v.prefs).toEqual(value);
            else if ((kind === 'h' || kind === 'r') && !v.orders[id.slice(0, id.indexOf(':'))]) continue;
            else if (kind === 'h') expect(v.handled.includes(id)).toBe(value);
            else if (kind === 'r') {
              const r = value as { shownAt?: number; snoozedUntil?: number };
              expect(v.reminders[id]).toEqual({ shownAt: r.shownAt, snoozedUntil: r.snoozedUntil });
            } else if (kind === 'n') expect(v.notes[id]).toBe(value ?? undefined);
            else if (kind === 'c') {
              const c = value as { reason: string; ticks: Record<string, boolean> };
              expect(v.checklists[id]?.reason).toBe(c.reason);
              // Every item ticked in the last change is still ticked (ticks merge item by item).
              for (const [item, on] of Object.entries(c.ticks))
                if (on) expect(v.checklists[id]?.ticks).toContain(item);
            }
          }
          for (const [id, reads] of orderReads) {
            const o = v.orders[id] as SyncOrder;
            // The latest read (to the minute, as the index keeps it; a tie goes the same way everywhere).
            const key = (r: SyncOrder) => JSON.stringify([r.title, r.stage]);
            const latest = reads.reduce((a, b) =>
              b.at > a.at || (b.at === a.at && key(b) > key(a)) ? b : a,
            );
            expect(o.title).toBe(latest.title);
            // Each window: a stated date beats an estimate, then the earliest close, over every read.
            for (const w of o.windows) {
              const seen = reads.flatMap((r) => r.windows.filter((x) => x.kind === w.kind));
              const stated = seen.filter((x) => x.stated);
              const pool = stated.length > 0 ? stated : seen;
              expect(w.stated).toBe(stated.length > 0);
              expect(w.closesAt).toBe(Math.min(...pool.map((x) => x.closesAt as number)));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('what storage.sync holds', () => {
  const open = (i: number): [string, SyncOrder] => [
    String(8_100_000_000_000_000 + i * 7919),
    {
      title: 'Kabellose Ohrhörer mit Ladeetui, Bluetooth 5.3, mit einem langen Titel',
      stage: 'in-transit',
      at: T0 - i * 60_000,
      windows: [
        {
          kind: 'protection-end',
          opensAt: null,
          closesAt: T0 + ((i % 60) + 1) * DAY,
          stated: true,
          src: 'detail',
          basis: 'protectionEnd',
        },
        {
          kind: 'dispute-open',
          opensAt: T0 - 5 * DAY,
          closesAt: T0 + ((i % 60) + 1) * DAY,
          stated: false,
          src: RULE,
          basis: 'shippedOn',
        },
        {
          kind: 'late-coupon',
          opensAt: T0 + 3 * DAY,
          closesAt: T0 + 20 * DAY,
          stated: true,
          src: 'tracking',
          basis: 'couponDelayedBy',
        },
      ],
    },
  ];

  it('fits 500 open orders with their marks in the quota with room to spare', () => {
    const orders = Object.fromEntries(Array.from({ length: 500 }, (_, i) => open(i)));
    const handled = Object.fromEntries(
      Object.keys(orders)
        .slice(0, 100)
        .map((id) => [`${id}:protection-end`, { v: true, at: T0 }]),
    );
    const packed = packDoc({ ...emptyDoc(), orders, handled, prefs: { v: DEFAULT_PREFS, at: T0 } });
    expect(packed.left).toEqual([]);
    const bytes = Object.entries(packed.items).map(([k, v]) => itemBytes(k, v));
    expect(Math.max(...bytes)).toBeLessThan(SYNC_QUOTA_BYTES_PER_ITEM);
    const total = bytes.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(0.8 * SYNC_QUOTA_BYTES);
    // What the other browser reads back is the same index.
    const back = unpackItems(packed.items);
    expect(back.bad).toEqual([]);
    expect(back.doc.orders).toEqual(
      Object.fromEntries(Object.entries(orders).map(([id, o]) => [id, roundOrder(o)])),
    );
    expect(Object.keys(back.doc.handled)).toHaveLength(100);
  });

  it('leaves out what does not fit, most urgent orders kept, and says what', () => {
    const orders = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => open(i)));
    const packed = packDoc({ ...emptyDoc(), orders });
    const total = Object.entries(packed.items).reduce((n, [k, v]) => n + itemBytes(k, v), 0);
    expect(total).toBeLessThanOrEqual(SYNC_QUOTA_BYTES);
    expect(packed.left.length).toBeGreaterThan(0);
    const kept = unpackItems(packed.items).doc.orders;
    const closeOf = (o: SyncOrder) => Math.min(...o.windows.map((w) => w.closesAt as number));
    const worstKept = Math.max(...Object.values(kept).map(closeOf));
    const bestLeft = Math.min(
      ...packed.left.map((l) => closeOf(orders[l.slice('order:'.length)] as SyncOrder)),
    );
    expect(bestLeft).toBeGreaterThanOrEqual(worstKept);
  });

  it('ignores and reports corrupt or foreign items and entries, applying none of them', () => {
    const good = packDoc({ ...emptyDoc(), orders: Object.fromEntries([open(1)]) }).items;
    const read = unpackItems({
      ...good,
      'someone-else': { anything: true },
      [`${SYNC_PREFIX}m`]: { v: 2 },
      [`${SYNC_PREFIX}u0`]: { h: { '8100000000000001:protection-end': [1, 'yesterday'] }, x: {} },
      [`${SYNC_PREFIX}o3`]: { '8100000000000009': 'not|an|order', 'not-an-id': 'x|1|a|' },
      [`${SYNC_PREFIX}zz`]: 1,
    });
    expect(read.bad.sort()).toEqual(
      [
        `${SYNC_PREFIX}m`,
        `${SYNC_PREFIX}u0.h:8100000000000001:protection-end`,
        `${SYNC_PREFIX}u0.x`,
        `${SYNC_PREFIX}o3:8100000000000009`,
        `${SYNC_PREFIX}o3:not-an-id`,
        `${SYNC_PREFIX}zz`,
      ].sort(),
    );
    expect(read.doc.handled).toEqual({});
    expect(read.doc.prefs).toBeUndefined();
    expect(Object.keys(read.doc.orders)).not.toContain('8100000000000009');
  });
});
