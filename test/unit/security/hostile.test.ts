/**
 * Issue #12: a hostile page or a bad file changes nothing the buyer owns, and cannot stall the
 * extension. Each attack the issue found is replayed here through the worker's own message
 * handler (the code production runs), as the page would send it through our content script.
 */
import { describe, expect, it } from 'vitest';
import { API } from '../../../src/aliexpress/pages';
import { handleMessage } from '../../../src/background/handlers';
import { backupFile } from '../../../src/core/export';
import { StoredOrder } from '../../../src/core/model';
import { toStored } from '../../../src/core/summary';
import { z } from '../../../src/core/z';
import { memoryPlatform } from '../../../src/platform/memory';
import { MAX_ORDERS, SCHEMA_VERSION } from '../../../src/store/items';
import { sweepOrders } from '../../../src/store/orders';
import { EVICT_AFTER_MS } from '../../../src/store/page-reads';
import { attentionCounts, parseState } from '../../../src/store/state';
import { generateHistory, summariesOf } from '../../history/history';
import { realText } from '../aliexpress/fixtures';
import { realCompletedOrder } from '../core/helpers';
import { generateOrders } from '../ui/generate';

const OWN_ID = 'own-extension-id';
const SELF = { id: OWN_ID, origin: `chrome-extension://${OWN_ID}/` };
const A = '8212313961591322';
const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;
const fromPage = (id = A) => ({ id: OWN_ID, url: detailUrl(id), tab: { id: 3 } });
const popup = { id: OWN_ID, url: `${SELF.origin}src/popup/index.html` };

describe('attack 2: the page wipes the evidence checklist through our panel', () => {
  it('a content script may start a checklist, never replace one; the popup still may', async () => {
    const platform = memoryPlatform();
    const start = (reason: string) => ({ type: 'checklist-start', orderId: A, reason });
    expect(await handleMessage(start('damaged'), fromPage(), platform, SELF)).toEqual({ ok: true });
    await handleMessage(
      { type: 'checklist-tick', orderId: A, itemId: 'photo-item', ticked: true },
      popup,
      platform,
      SELF,
    );
    const before = structuredClone(platform.data.get(`checklist:${A}`));
    expect(before).toMatchObject({ reason: 'damaged', ticks: { 'photo-item': true } });

    // What the page's script made the panel send.
    expect(await handleMessage(start('counterfeit'), fromPage(), platform, SELF)).toEqual({
      error: 'a checklist is already started for this order',
    });
    expect(platform.data.get(`checklist:${A}`)).toEqual(before);
    // The same reason again is harmless and keeps the ticks.
    expect(await handleMessage(start('damaged'), fromPage(), platform, SELF)).toEqual({ ok: true });
    expect(platform.data.get(`checklist:${A}`)).toEqual(before);

    // The buyer, in the popup, may switch reasons (which starts afresh).
    expect(await handleMessage(start('counterfeit'), popup, platform, SELF)).toEqual({ ok: true });
    expect(platform.data.get(`checklist:${A}`)).toMatchObject({ reason: 'counterfeit', ticks: {} });
  });
});

/**
 * A forged list body as the attacker made it: the fewest fields that make an order, about
 * 110 bytes each (40,000 orders in 4.4 MB).
 */
function forgedList(count: number, firstId: number): string {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const orderId = String(firstId + i);
    data[i] = { tag: 'pc_om_list_order', fields: { orderId, orderLines: [{ itemTitle: 'x' }] } };
  }
  return JSON.stringify({ api: API.list, data: { data } });
}
const LIST_URL = 'https://www.aliexpress.com/p/order/index.html';
const listRead = (body: string) => ({
  type: 'page-body',
  kind: 'order-list',
  url: LIST_URL,
  api: 'list',
  body,
});
const fromList = { id: OWN_ID, url: LIST_URL, tab: { id: 7 } };

describe('attack 1: forged list bodies fill the store', () => {
  it('one body of 40,000 orders (4.4 MB) stores none, and the list page’s health says why', async () => {
    const platform = memoryPlatform();
    const body = forgedList(40_000, 8_300_000_000_000_000);
    expect(body.length).toBeGreaterThan(4_000_000);
    expect(body.length).toBeLessThan(5_000_000);
    const reply = await handleMessage(listRead(body), fromList, platform, SELF);
    expect(reply).toMatchObject({ stored: 0, usable: false });
    expect(platform.orderData.size).toBe(0);
    const health = platform.data.get('health') as Record<string, { health?: { problems: string[] } }>;
    expect(health['order-list']?.health?.problems.join(' ')).toContain('40000 orders in one response');
  });

  it('twenty bodies of 2,000 orders store none; a real page’s 50 are stored', async () => {
    const platform = memoryPlatform();
    for (let i = 0; i < 20; i++)
      await handleMessage(
        listRead(forgedList(2_000, 8_300_000_000_000_000 + i * 2_000)),
        fromList,
        platform,
        SELF,
      );
    expect(platform.orderData.size).toBe(0);
    await handleMessage(listRead(forgedList(50, 8_400_000_000_000_000)), fromList, platform, SELF);
    expect(platform.orderData.size).toBe(50);
    // One over the cap is refused whole, not cut to the cap.
    await handleMessage(listRead(forgedList(101, 8_500_000_000_000_000)), fromList, platform, SELF);
    expect(platform.orderData.size).toBe(50);
  });
});

describe('attack 4: the detail page of order A writes order B', () => {
  const B = '8212313961599999';
  const scam = 'ACCOUNT LOCKED - call +1 555 0100 now';

  it('a body about another order than the page’s own is dropped and reported; the page’s own is kept', async () => {
    const platform = memoryPlatform();
    const real = realText('order-detail.completed-br.json');
    const aboutB = real.replaceAll(A, B).replace(/"itemTitle":\s*"[^"]*"/, `"itemTitle": "${scam}"`);
    expect(aboutB).toContain(scam);
    const read = (body: string) => ({
      type: 'page-body',
      kind: 'order-detail',
      url: detailUrl(A),
      api: 'detail',
      body,
    });
    const reply = await handleMessage(read(aboutB), fromPage(A), platform, SELF);
    expect(reply).toMatchObject({ stored: 0, usable: false });
    expect(platform.orderData.has(B)).toBe(false);
    expect(platform.summaryData.has(B)).toBe(false);
    expect(platform.shown.size).toBe(0);
    const health = platform.data.get('health') as Record<string, { health?: { problems: string[] } }>;
    expect(health['order-detail']?.health?.problems.join(' ')).toContain(
      `dropped what this page said about order ${B}: it is the page of order ${A}`,
    );

    // The same page's own body is read as before.
    expect(await handleMessage(read(real), fromPage(A), platform, SELF)).toMatchObject({ stored: 1 });
    expect(platform.orderData.has(A)).toBe(true);
  });
});

describe('URLs and times a page gives', () => {
  it('a store or image URL is kept only when its host is AliExpress’s', async () => {
    const platform = memoryPlatform();
    const body = realText('order-detail.completed-br.json')
      .replace('//www.aliexpress.com/store/1105843321', 'https://aliexpress.com.evil.example/store')
      .replace(/https:\/\/ae-pic-a1\.aliexpress-media\.com\/kf\/[^"]+/, 'https://evil.example/pixel.gif');
    await handleMessage(
      { type: 'page-body', kind: 'order-detail', url: detailUrl(A), api: 'detail', body },
      fromPage(A),
      platform,
      SELF,
    );
    const read = z.parse(StoredOrder, platform.orderData.get(A)).reads.detail;
    expect(read?.storeUrl).toBeUndefined();
    expect(read?.items?.[0]?.imageUrl).toBeUndefined();
    expect(read?.items?.[0]?.title).toBeTruthy();
    // The schema refuses them too, whoever writes.
    const good = realCompletedOrder(Date.UTC(2026, 6, 1));
    const withUrl = (url: string) => ({
      ...good,
      reads: { detail: { ...good.reads.detail, storeUrl: url } },
    });
    expect(z.safeParse(StoredOrder, withUrl('https://www.aliexpress.com/store/1')).success).toBe(true);
    expect(z.safeParse(StoredOrder, withUrl('https://evil.example/')).success).toBe(false);
    expect(z.safeParse(StoredOrder, withUrl('javascript:alert(1)')).success).toBe(false);
  });

  it('no stored time may sit past the year 2100 (issue #12, attack 6: lastSeen 1e308)', () => {
    const good = realCompletedOrder(Date.UTC(2026, 6, 1));
    expect(z.safeParse(StoredOrder, good).success).toBe(true);
    expect(z.safeParse(StoredOrder, { ...good, lastSeen: 1e308 }).success).toBe(false);
    expect(z.safeParse(StoredOrder, { ...good, firstSeen: -1 }).success).toBe(false);
    const read = good.reads.detail;
    expect(
      z.safeParse(StoredOrder, { ...good, reads: { detail: { ...read, readAt: Date.UTC(2096, 0, 1) } } })
        .success,
    ).toBe(true);
    expect(
      z.safeParse(StoredOrder, { ...good, reads: { detail: { ...read, readAt: 8.64e15 } } }).success,
    ).toBe(false);
  });
});

describe('attack 1: a flood of empty bodies stalls the worker', () => {
  const empty = { type: 'page-body', kind: 'order-list', url: LIST_URL, api: 'list', body: '{}' };

  it('an empty body that changes nothing writes nothing and runs no scheduler', async () => {
    const platform = memoryPlatform();
    await handleMessage(listRead(forgedList(50, 8_400_000_000_000_000)), fromList, platform, SELF);
    await handleMessage(empty, fromList, platform, SELF);
    let schedulerRuns = 0;
    // Every scheduler run starts by reading the live records of the summaries.
    const readLive = platform.summaries.readLive.bind(platform.summaries);
    platform.summaries.readLive = (...args) => {
      schedulerRuns += 1;
      return readLive(...args);
    };
    const before = JSON.stringify([...platform.data]);
    const writes = platform.writes;
    for (let i = 0; i < 50; i++) await handleMessage(empty, fromList, platform, SELF);
    expect(platform.writes).toBe(writes);
    expect(JSON.stringify([...platform.data])).toBe(before);
    expect(schedulerRuns).toBe(0);
    // A body that does change something still writes and reschedules.
    await handleMessage(listRead(forgedList(1, 8_400_000_000_000_100)), fromList, platform, SELF);
    expect(schedulerRuns).toBe(1);
  });

  it('300 bodies fired at once from one tab: two are read, the rest answered “superseded”', async () => {
    const platform = memoryPlatform();
    const replies = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        handleMessage(listRead(forgedList(1, 8_400_000_000_000_000 + i)), fromList, platform, SELF),
      ),
    );
    const superseded = replies.filter((r) => (r as { error?: string }).error?.startsWith('superseded'));
    expect(superseded).toHaveLength(298);
    expect(platform.orderData.size).toBe(2);
    // The newest body is the one read after the first.
    expect(platform.orderData.has(String(8_400_000_000_000_000 + 299))).toBe(true);
    // Another tab is not held up by this one.
    const other = { ...fromList, tab: { id: 8 } };
    expect(
      await handleMessage(listRead(forgedList(1, 8_500_000_000_000_000)), other, platform, SELF),
    ).toMatchObject({
      stored: 1,
    });
  });
});

describe('attack 3: an import that fails halfway said “nothing changed” when orders were added', () => {
  const NOW = Date.UTC(2026, 10, 22, 12);
  const popupSender = popup;
  /** Every byte of both stores, to compare before and after. */
  const bytes = (p: ReturnType<typeof memoryPlatform>) =>
    JSON.stringify({
      local: [...p.data].sort(),
      orders: [...p.orderData].sort(),
      summaries: [...p.summaryData].sort(),
    });
  const seeded = async () => {
    const platform = memoryPlatform({ now: NOW });
    await handleMessage(listRead(forgedList(2, 8_400_000_000_000_000)), fromList, platform, SELF);
    await handleMessage(
      { type: 'set-note', orderId: '8400000000000000', text: 'mine' },
      popupSender,
      platform,
      SELF,
    );
    return platform;
  };
  const fiftyOrders = () => {
    const items: Record<string, unknown> = { meta: { schemaVersion: SCHEMA_VERSION } };
    for (const order of generateOrders(50, NOW, 3, 'UTC')) items[`order:${order.orderId}`] = order;
    return items;
  };

  it('50 good orders and a 260,000-entry ledger (~11 MB): refused before anything is written', async () => {
    const platform = await seeded();
    const before = bytes(platform);
    const reminders: Record<string, { shownAt: number }> = {};
    for (let i = 0; i < 260_000; i++)
      reminders[`${8_212_313_961_000_000 + i}:protection-end:3`] = { shownAt: NOW };
    const file = backupFile({ ...fiftyOrders(), ledger: { reminders, windows: {} } }, NOW);
    expect(JSON.stringify(file).length).toBeGreaterThan(10_000_000);
    const reply = (await handleMessage(
      { type: 'import-backup', backup: file },
      popupSender,
      platform,
      SELF,
    )) as {
      ok: boolean;
      changed: boolean;
      errors: string[];
    };
    expect(reply.ok).toBe(false);
    expect(reply.changed).toBe(false);
    expect(reply.errors.join(' ')).toContain('at most 50000 reminders');
    expect(bytes(platform)).toBe(before);
  }, 60_000);

  it('a write that fails after the checks is undone: both stores byte-identical, and the reply says so', async () => {
    for (const failing of ['local', 'orders', 'summaries'] as const) {
      const platform = await seeded();
      const before = bytes(platform);
      // Fails once, as the write that breaks the quota does; the undo's writes then go through.
      let failed = false;
      const fail = () => {
        failed = true;
        throw new Error('QUOTA_BYTES quota exceeded');
      };
      if (failing === 'local') {
        const set = platform.storage.set.bind(platform.storage);
        platform.storage.set = async (items) =>
          !failed && 'note:8200000000000001' in items ? fail() : set(items);
      } else if (failing === 'orders') {
        const put = platform.orders.put.bind(platform.orders);
        // Half the records are written, then the transaction fails (the worst case for an undo).
        platform.orders.put = async (records) => {
          await put(records.slice(0, 25));
          fail();
        };
      } else {
        const set = platform.storage.set.bind(platform.storage);
        platform.storage.set = async (items) => (!failed && 'changes' in items ? fail() : set(items));
      }
      const items = fiftyOrders();
      items['note:8200000000000001'] = {
        orderId: '8200000000000001',
        text: 'from the file',
        updatedAt: NOW - 1,
      };
      const reply = (await handleMessage(
        { type: 'import-backup', backup: backupFile(items, NOW) },
        popupSender,
        platform,
        SELF,
      )) as { ok: boolean; changed: boolean; errors: string[]; undone?: boolean };
      expect(reply, failing).toMatchObject({ ok: false, changed: false, ordersAdded: 0 });
      expect(reply.undone, failing).toBeUndefined();
      expect(reply.errors.join(' '), failing).toContain('writing it failed (QUOTA_BYTES quota exceeded)');
      expect(bytes(platform), failing).toBe(before);
    }
  });

  it('the same file, written without a failure, goes in whole', async () => {
    const platform = await seeded();
    const reply = await handleMessage(
      { type: 'import-backup', backup: backupFile(fiftyOrders(), NOW) },
      popupSender,
      platform,
      SELF,
    );
    expect(reply).toMatchObject({ ok: true, changed: true, ordersAdded: 50 });
    expect(platform.orderData.size).toBe(52);
  });
});

describe('attack 6: times from the future freeze an order', () => {
  const NOW = Date.UTC(2026, 10, 22, 12);
  it('a backup exported with the clock at 2096, or a note dated 8.64e15, is refused whole', async () => {
    for (const shift of [
      (o: StoredOrder) => ({ ...o, lastSeen: Date.UTC(2096, 0, 1) }),
      (o: StoredOrder) => {
        const detail = o.reads.detail;
        return detail
          ? { ...o, reads: { ...o.reads, detail: { ...detail, readAt: NOW + 2 * 86_400_000 } } }
          : o;
      },
    ]) {
      const platform = memoryPlatform({ now: NOW });
      const items: Record<string, unknown> = {};
      for (const order of generateOrders(5, NOW, 4, 'UTC')) items[`order:${order.orderId}`] = shift(order);
      const reply = await handleMessage(
        { type: 'import-backup', backup: backupFile(items, NOW) },
        popup,
        platform,
        SELF,
      );
      expect(reply).toMatchObject({ ok: false, changed: false });
      expect((reply as { errors: string[] }).errors.join(' ')).toMatch(/dated later than tomorrow|too big/);
      expect(platform.orderData.size).toBe(0);
    }
    const platform = memoryPlatform({ now: NOW });
    const note = { orderId: '8200000000000001', text: 'x', updatedAt: 8.64e15 };
    const reply = await handleMessage(
      { type: 'import-backup', backup: backupFile({ 'note:8200000000000001': note }, NOW) },
      popup,
      platform,
      SELF,
    );
    expect(reply).toMatchObject({ ok: false, changed: false });
    expect(platform.data.has('note:8200000000000001')).toBe(false);
  });

  it('a real read after a refused future import is stored (the order is not frozen)', async () => {
    const platform = memoryPlatform({ now: NOW });
    const order = generateOrders(1, NOW, 5, 'UTC')[0] as StoredOrder;
    await handleMessage(
      {
        type: 'import-backup',
        backup: backupFile({ [`order:${order.orderId}`]: { ...order, lastSeen: Date.UTC(2096, 0, 1) } }, NOW),
      },
      popup,
      platform,
      SELF,
    );
    await handleMessage(listRead(forgedList(1, Number(order.orderId))), fromList, platform, SELF);
    const stored = z.parse(StoredOrder, platform.orderData.get(order.orderId));
    expect(stored.lastSeen).toBe(NOW);
  });
});

describe('attack 7: quarantine gaps', () => {
  it('an unreadable note is copied aside whole before a new note overwrites it', async () => {
    const platform = memoryPlatform();
    const corrupt = { orderId: A, text: '', updatedAt: 'yesterday' };
    platform.data.set(`note:${A}`, corrupt);
    await handleMessage({ type: 'set-note', orderId: A, text: 'new words' }, popup, platform, SELF);
    expect(platform.data.get(`note:${A}`)).toMatchObject({ text: 'new words' });
    const quarantine = platform.data.get('quarantine') as { key: string; raw: unknown }[];
    expect(quarantine).toContainEqual(expect.objectContaining({ key: `note:${A}`, raw: corrupt }));
  });

  it('the same for a checklist replaced or cleared, the ledger and the prefs', async () => {
    const platform = memoryPlatform();
    platform.data.set(`checklist:${A}`, { reason: 'boredom' });
    platform.data.set('ledger', { reminders: 'all of them' });
    platform.data.set('prefs', { leadsDays: 'soon' });
    await handleMessage({ type: 'checklist-start', orderId: A, reason: 'damaged' }, popup, platform, SELF);
    await handleMessage(
      { type: 'set-handled', windowId: `${A}:protection-end`, orderId: A, handled: true },
      popup,
      platform,
      SELF,
    );
    await handleMessage({ type: 'set-prefs', prefs: { badge: false } }, popup, platform, SELF);
    const keys = (platform.data.get('quarantine') as { key: string }[]).map((q) => q.key);
    expect(keys).toEqual(expect.arrayContaining([`checklist:${A}`, 'ledger', 'prefs']));
  });

  it('the popup counts orders as orders and other records apart; each record once', () => {
    const state = parseState({
      quarantine: [
        { key: `order:${A}`, raw: {}, reason: 'bad', at: 1 },
        { key: `order:${A}`, raw: { again: 1 }, reason: 'bad', at: 2 },
        { key: `sum:${A}`, raw: {}, reason: 'bad', at: 1 },
        { key: `checklist:${A}`, raw: {}, reason: 'bad', at: 1 },
      ],
      prefs: { leadsDays: 'soon' },
      ledger: { reminders: 'all' },
    });
    // Before: "4 stored orders could not be read" (prefs, ledger, a checklist and a summary counted).
    expect(attentionCounts(state)).toEqual({ orders: 1, other: 3 });
  });

  it('the quarantine keeps at most 100 records, the newest, and the buyer can dismiss them', async () => {
    const platform = memoryPlatform();
    for (let i = 0; i < 150; i++) platform.data.set(`note:${8_212_313_961_000_000 + i}`, { broken: i });
    for (let i = 0; i < 150; i++)
      await handleMessage(
        { type: 'set-note', orderId: String(8_212_313_961_000_000 + i), text: 'x' },
        popup,
        platform,
        SELF,
      );
    const quarantine = platform.data.get('quarantine') as {
      key: string;
      at: number;
      raw: { broken: number };
    }[];
    expect(quarantine).toHaveLength(100);
    expect(quarantine[0]?.raw.broken).toBe(50);
    const dismissed = quarantine.slice(0, 40).map((q) => ({ key: q.key, at: q.at }));
    expect(
      await handleMessage({ type: 'dismiss-quarantined', entries: dismissed }, popup, platform, SELF),
    ).toEqual({
      ok: true,
    });
    expect(platform.data.get('quarantine')).toHaveLength(60);
    // A page cannot dismiss anything.
    expect(
      await handleMessage({ type: 'dismiss-quarantined', entries: dismissed }, fromPage(), platform, SELF),
    ).toEqual({ error: 'sender refused' });
  });

  it('a corrupt order in IndexedDB is set aside at the next browser start, not when it is next read', async () => {
    const platform = memoryPlatform();
    await handleMessage(listRead(forgedList(3, 8_400_000_000_000_000)), fromList, platform, SELF);
    platform.orderData.set('8400000000000001', { orderId: '8400000000000001', reads: 'gone' });
    expect(await sweepOrders(platform)).toBe(1);
    expect(platform.orderData.has('8400000000000001')).toBe(false);
    expect((platform.data.get('quarantine') as { key: string }[]).map((q) => q.key)).toContain(
      'order:8400000000000001',
    );
  });
});

describe('attack 1: orders in total', () => {
  it('past 20,000 orders, the oldest closed long ago make room; none with a window open goes; the buyer is told', async () => {
    const now = Date.UTC(2026, 10, 22, 12);
    const platform = memoryPlatform({ now });
    const history = generateHistory({ orders: MAX_ORDERS, now, timeZone: 'UTC' }).orders;
    await platform.orders.put(history);
    await platform.summaries.put(summariesOf(history, now, 'UTC').map(toStored));
    const settled = (await platform.summaries.readPlanning(now - EVICT_AFTER_MS, new Set())).settled;
    const closedLongAgo = new Set(settled.map((s) => s.orderId));
    expect(closedLongAgo.size).toBeGreaterThan(100);

    await handleMessage(listRead(forgedList(100, 8_900_000_000_000_000)), fromList, platform, SELF);
    expect(await platform.orders.count()).toBe(MAX_ORDERS);
    expect(platform.orderData.has('8900000000000099')).toBe(true);
    const gone = history.filter((o) => !platform.orderData.has(o.orderId)).map((o) => o.orderId);
    expect(gone).toHaveLength(100);
    for (const id of gone) expect(closedLongAgo.has(id), id).toBe(true);
    // The oldest closes went first.
    const lastAt = new Map(settled.map((s) => [s.orderId, s.head.lastAt ?? 0]));
    const newestGone = Math.max(...gone.map((id) => lastAt.get(id) ?? 0));
    const oldestKept = Math.min(
      ...[...closedLongAgo].filter((id) => platform.orderData.has(id)).map((id) => lastAt.get(id) ?? 0),
    );
    expect(newestGone).toBeLessThanOrEqual(oldestKept);
    const health = platform.data.get('health') as Record<
      string,
      { full?: { evicted: number; refused: number } }
    >;
    expect(health['order-list']?.full).toMatchObject({ evicted: 100, refused: 0 });
  }, 120_000);
});
