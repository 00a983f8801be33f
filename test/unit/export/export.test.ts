import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json' with { type: 'json' };
import {
  BACKUP_FORMAT,
  backupFile,
  calendarWindows,
  csvField,
  deadlinesIcs,
  foldLine,
  ordersCsv,
  parseBackupText,
} from '../../../src/core/export';
import { translatorFrom } from '../../../src/core/i18n';
import { buildLadder } from '../../../src/core/ladder';
import { lastDayOf } from '../../../src/core/last-day';
import type { StoredOrder } from '../../../src/core/model';
import { generateOrders } from '../ui/generate';

const t = translatorFrom(
  Object.fromEntries(
    Object.entries(en as Record<string, { message: string }>).map(([k, v]) => [k, v.message]),
  ),
);
const now = Date.UTC(2026, 8, 1, 12);
const tz = 'Europe/Warsaw';
const ladders = (orders: StoredOrder[]) => orders.map((o) => buildLadder(o, { now, timeZone: tz }));

describe('backup file', () => {
  it('round-trips through text', () => {
    const items = { 'order:123456789': { any: 'thing' }, prefs: { badge: false } };
    const text = JSON.stringify(backupFile(items, now));
    const parsed = parseBackupText(text);
    expect(parsed).toEqual({
      ok: true,
      backup: { format: BACKUP_FORMAT, version: 1, exportedAt: now, items },
    });
  });

  it.each([
    ['not json', 'not-json'],
    ['{"hello":1}', 'not-a-backup'],
    ['[]', 'not-a-backup'],
    [JSON.stringify({ format: BACKUP_FORMAT, version: 99, exportedAt: 1, items: {} }), 'newer-version'],
  ])('refuses %s', (text, reason) => {
    expect(parseBackupText(text)).toEqual({ ok: false, reason });
  });
});

describe('CSV', () => {
  it('quotes, doubles quotes, and defuses formulas from page text', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
  });

  it('writes one row per window with a header', () => {
    const ls = ladders(generateOrders(20, now, 3, tz));
    const csv = ordersCsv(ls, { now });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'order_id,item,store,status,placed_on,window,action,opens_at,closes_at,state,confidence,loses_money,handled,stage,next_step,is_next_deadline,last_day',
    );
    const expected = ls.reduce((n, l) => n + Math.max(1, l.windows.length), 0);
    expect(lines).toHaveLength(expected + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{6,24},/);
  });
});

describe('iCalendar', () => {
  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'Zażółć gęślą jaźń 🎁 '.repeat(8)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n'))
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replaceAll('\r\n ', '')).toBe(line);
  });

  it('parses with ical.js and holds each deadline still ahead, on its last day', () => {
    const orders = generateOrders(60, now, 7, tz);
    // An untrusted title with every character RFC 5545 escapes.
    const first = orders[0] as StoredOrder;
    const read = first.reads.detail;
    if (read?.items?.[0]) read.items[0].title = 'Cable; 2m, "braided"\\ <b>x</b>\nnew line';
    const ls = ladders(orders);
    const text = deadlinesIcs(ls, {
      now,
      t,
      timeZone: tz,
      orderUrl: (id) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`,
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);

    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const expected = calendarWindows(ls, { now });
    expect(expected.length).toBeGreaterThan(10);
    expect(events).toHaveLength(expected.length);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    for (const w of expected) {
      const event = byUid.get(`${w.id}@protection-clock.invalid`);
      expect(event, w.id).toBeDefined();
      // An all-day event on the last day to act (a close at 00:00 on Dec 4: on Dec 3).
      expect(event?.startDate.isDate).toBe(true);
      expect(event?.startDate.toString()).toBe(lastDayOf(w.closesAt as number, tz).date);
      expect(event?.summary).toContain(w.orderId);
    }
    const withTitle = events.find((e) => e.uid.startsWith(`${first.orderId}:`));
    if (withTitle) expect(withTitle.description).toContain('Cable; 2m, "braided"\\ b x /b new line');
  });

  it('leaves out closed and handled windows', () => {
    const ls = ladders(generateOrders(40, now, 9, tz));
    const all = calendarWindows(ls, { now });
    const handled = new Set(all.slice(0, 3).map((w) => w.id));
    const some = calendarWindows(ls, { now, isHandled: (id) => handled.has(id) });
    expect(some).toHaveLength(all.length - 3);
    for (const w of all) expect(w.closesAt as number).toBeGreaterThan(now);
  });
});
