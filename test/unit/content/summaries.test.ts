import { describe, expect, it } from 'vitest';
import { changedSummaryIds, summariesVia, WorkerUnreachable } from '../../../src/content/summaries';
import type { Message } from '../../../src/messages';
import { ORDER_ID, realCompletedOrder } from '../core/helpers';
import { summaryOf } from './helpers';

const NOW = Date.parse('2026-07-30T12:00:00Z');

describe('summaries from the worker', () => {
  it('asks with get-summaries, in batches the worker accepts, and keys the answer by order', async () => {
    const sent: Message[] = [];
    const summary = summaryOf(realCompletedOrder(NOW), NOW);
    const get = summariesVia(async (m) => {
      sent.push(m);
      return { summaries: m.type === 'get-summaries' && m.orderIds.includes(ORDER_ID) ? [summary] : [] };
    });
    const ids = [ORDER_ID, ...Array.from({ length: 600 }, (_, i) => String(8_100_000_000_000_000 + i))];
    const found = await get(ids);
    expect([...found.keys()]).toEqual([ORDER_ID]);
    expect(found.get(ORDER_ID)).toBe(summary);
    expect(sent.map((m) => (m.type === 'get-summaries' ? m.orderIds.length : -1))).toEqual([500, 101]);
  });

  it('rejects when the worker did not answer (asleep mid-request) or refused', async () => {
    await expect(summariesVia(async () => undefined)([ORDER_ID])).rejects.toBeInstanceOf(WorkerUnreachable);
    await expect(summariesVia(async () => ({ error: 'sender refused' }))([ORDER_ID])).rejects.toBeInstanceOf(
      WorkerUnreachable,
    );
  });

  it("names the orders whose summary a storage change touched, from the worker's changes signal only", () => {
    const signal = (newValue: unknown) => ({ changes: { newValue } });
    expect(changedSummaryIds(signal({ rev: 2, at: 1, orderIds: [ORDER_ID] }))).toEqual([ORDER_ID]);
    expect(
      changedSummaryIds({
        [`sum:${ORDER_ID}`]: {},
        [`order:${ORDER_ID}`]: {},
        'checklist:1234567': {},
        'ui:overlayCollapsed': {},
        health: {},
      }),
    ).toEqual([]);
    // Every order: a rebuild, too many to list, a deletion (the key itself removed), or unreadable.
    expect(changedSummaryIds(signal({ rev: 3, at: 1, orderIds: [], all: true }))).toBe('all');
    expect(changedSummaryIds({ changes: { oldValue: { rev: 3 } } })).toBe('all');
    expect(changedSummaryIds(signal('garbage'))).toBe('all');
  });
});
