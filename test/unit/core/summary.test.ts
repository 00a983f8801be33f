import { describe, expect, it } from 'vitest';
import { parseBody, readApiBody } from '../../../src/aliexpress';
import { buildLadder, type DeadlineWindow } from '../../../src/core/ladder';
import { mergeSnapshot } from '../../../src/core/merge';
import type { StoredOrder } from '../../../src/core/model';
import { RULE_IDS } from '../../../src/core/rule-ids';
import { RULES } from '../../../src/core/rules';
import { freshen, OrderSummary, type SummaryWindow, summarize, toStored } from '../../../src/core/summary';
import { DAY_MS } from '../../../src/core/time';
import { z } from '../../../src/core/z';
import { realText } from '../aliexpress/fixtures';

const real = realText('order-detail.completed-br.json');
const zone = 'America/Sao_Paulo';

function orderReadAt(readAt: number, body = real): StoredOrder {
  const [snapshot] = readApiBody('detail', parseBody(body), { readAt }).snapshots;
  if (!snapshot) throw new Error('the real capture read to nothing');
  return mergeSnapshot(undefined, snapshot);
}

// Both ways: a summary window is a ladder window, and a ladder window fits the summary schema.
const toLadder = (w: SummaryWindow): DeadlineWindow => w;
const toSummary = (w: DeadlineWindow): SummaryWindow => w;

describe('order summaries', () => {
  const readAt = Date.UTC(2026, 6, 29, 12);
  const now = Date.UTC(2026, 6, 30, 12);
  const ladder = buildLadder(orderReadAt(readAt), { now, timeZone: zone });
  const summary = summarize(ladder, { now, timeZone: zone });

  it('keeps every window of the ladder, exactly, and the facts the faces show', () => {
    expect(summary.windows).toEqual(ladder.windows);
    expect(summary.windows.map(toLadder).map(toSummary)).toEqual(ladder.windows);
    expect(summary.view.orderId).toBe('8212313961591322');
    expect(summary.view.status?.value).toBe('completed');
    expect(summary.view.storeName).toEqual({ value: 'Vega Store', source: 'detail', readAt });
    expect(summary.view.stated.protectionEnd?.value).toBe('2026-09-04');
    expect(summary.view.items?.value[0]?.title).toContain('Neo XENON 2.1');
  });

  it('is plain data: it survives JSON and passes its schema', () => {
    const copy = JSON.parse(JSON.stringify(summary));
    expect(copy).toEqual(summary);
    expect(z.safeParse(OrderSummary, copy).success).toBe(true);
    expect(
      z.safeParse(OrderSummary, { ...copy, windows: [{ ...copy.windows[0], kind: 'made-up' }] }).success,
    ).toBe(false);
  });

  it('goes stale with time on an order still on its way, never on a completed one', () => {
    // The completed capture never goes stale: its dates no longer change.
    expect(freshen(summary, now + 30 * DAY_MS)).toBe(summary);
    // The same order while still awaiting delivery (status text changed), read once.
    const awaiting = real
      .replace('"title": "Completed"', '"title": "Awaiting delivery"')
      .replace('"orderEndTime": "Jul 28, 2026",', '');
    const open = buildLadder(orderReadAt(readAt, awaiting), { now, timeZone: zone });
    const openSummary = summarize(open, { now, timeZone: zone });
    expect(openSummary.windows.some((w) => w.confidence === 'stated')).toBe(true);
    const later = freshen(openSummary, readAt + 8 * DAY_MS);
    expect(later.view.stale).toBe(true);
    expect(later.windows.filter((w) => w.seenAt !== null).every((w) => w.confidence === 'stale')).toBe(true);
    // The same as a ladder built at that moment says.
    const rebuilt = buildLadder(orderReadAt(readAt, awaiting), { now: readAt + 8 * DAY_MS, timeZone: zone });
    expect(later.windows.map((w) => w.confidence)).toEqual(rebuilt.windows.map((w) => w.confidence));
    expect(freshen(openSummary, readAt + DAY_MS)).toBe(openSummary);
  });
});

// Type-level: summaries and full ladders are both what the faces and the planner take.
const _summaryIsLadderLike: import('../../../src/core/summary').LadderLike = {} as OrderSummary;
const _ladderIsLadderLike: import('../../../src/core/summary').LadderLike =
  {} as import('../../../src/core/ladder').Ladder;
void _summaryIsLadderLike;
void _ladderIsLadderLike;

describe('summaries as stored', () => {
  const now = Date.UTC(2026, 6, 30, 12);
  const ladder = buildLadder(orderReadAt(Date.UTC(2026, 6, 29, 12)), { now, timeZone: zone });
  const summary = summarize(ladder, { now, timeZone: zone });

  it('leave out what parsing puts back, and parse back to the same summary', () => {
    const stored = toStored(summary);
    expect(stored.windows.every((w) => !('id' in w) && !('orderId' in w))).toBe(true);
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(summary).length * 0.9);
    const parsed = z.safeParse(OrderSummary, JSON.parse(JSON.stringify(stored)));
    expect(parsed.success && parsed.data).toEqual(summary);
    expect(parsed.success && parsed.data.windows).toEqual(ladder.windows);
  });

  it("parse without touching the record they were given (the ids go on zod's own copy)", () => {
    const stored = JSON.parse(JSON.stringify(toStored(summary)));
    const before = JSON.stringify(stored);
    const parsed = z.parse(OrderSummary, stored);
    expect(JSON.stringify(stored)).toBe(before);
    expect(parsed.windows.length).toBeGreaterThan(0);
    expect(parsed.windows.every((w) => w.id === `${summary.orderId}:${w.kind}`)).toBe(true);
  });

  it('name any rule of the table and no other (the schema lists the ids apart from the table)', () => {
    const stored = JSON.parse(JSON.stringify(toStored(summary)));
    const window = stored.windows[0];
    for (const rule of RULES) {
      window.source = { type: 'rule', ruleId: rule.id };
      expect(z.safeParse(OrderSummary, stored).success).toBe(true);
    }
    expect([...RULE_IDS].sort()).toEqual(RULES.map((r) => r.id).sort());
    window.source = { type: 'rule', ruleId: 'no-such-rule' };
    expect(z.safeParse(OrderSummary, stored).success).toBe(false);
  });

  it('keep at most three item titles of at most 150 characters', () => {
    const [snapshot] = readApiBody('detail', parseBody(real), { readAt: now }).snapshots;
    if (!snapshot) throw new Error('the real capture read to nothing');
    const nine = { ...snapshot, items: Array.from({ length: 9 }, (_, i) => ({ title: `${i}`.repeat(400) })) };
    const s = summarize(buildLadder(mergeSnapshot(undefined, nine), { now, timeZone: zone }), {
      now,
      timeZone: zone,
    });
    expect(s.view.items?.value.length).toBe(3);
    expect(s.view.items?.value.every((i) => i.title.length === 150)).toBe(true);
    expect(z.safeParse(OrderSummary, toStored(s)).success).toBe(true);
  });
});
