/**
 * Plan heads: what the scheduler keeps of an order it has nothing left to plan for. A head that
 * is missing, malformed or of a record that is not a summary says "read the summary", never
 * "settled": the worst a bad head can do is cost a parse.
 */
import { describe, expect, it } from 'vitest';
import { decodeHead, encodeHead, planHead, settledBy } from '../../../src/core/plan-head';

const summary = (windows: unknown[]) => ({
  orderId: '8000000000000001',
  timeZone: 'Europe/Berlin',
  view: { lastReadAt: 77 },
  windows,
});

describe('plan heads', () => {
  it('keep the latest opening or close, the zone and the window kinds, through the pack string', () => {
    const head = planHead(
      summary([
        { kind: 'protection-end', opensAt: null, closesAt: 1_000 },
        { kind: 'escalation', opensAt: 4_000, closesAt: 3_000 },
      ]),
    );
    expect(head).toEqual({
      lastAt: 4_000,
      timeZone: 'Europe/Berlin',
      kinds: ['protection-end', 'escalation'],
      readAt: 77,
    });
    expect(decodeHead(encodeHead(head))).toEqual(head);
    expect(settledBy(head as NonNullable<typeof head>, 3_999)).toBe(false);
    expect(settledBy(head as NonNullable<typeof head>, 4_000)).toBe(true);
  });

  it('never settle an order with a window that has no close', () => {
    const head = planHead(summary([{ kind: 'seller-response', opensAt: 10, closesAt: null }]));
    expect(head?.lastAt).toBeNull();
    expect(decodeHead(encodeHead(head))).toEqual(head);
    expect(settledBy(head as NonNullable<typeof head>, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('say "read it" for a record that is not a summary and for a head that is not one', () => {
    for (const bad of [
      null,
      'x',
      { timeZone: 'UTC' },
      { timeZone: 'UTC', windows: [], view: {} },
      summary([{ kind: 'protection-end', opensAt: null, closesAt: '1000' }]),
      summary([{ kind: 'protection-end', closesAt: 1_000 }]),
      summary([null]),
    ])
      expect(planHead(bad)).toBeUndefined();
    expect(encodeHead(undefined)).toBe('');
    for (const text of [
      undefined,
      '',
      'abc|UTC|x|1',
      '1|UTC|x',
      '1||x|1',
      '1|UTC|x|1|y',
      'Infinity|UTC||1',
      '1|UTC|x|',
    ])
      expect(decodeHead(text)).toBeUndefined();
  });
});
