import { describe, expect, it } from 'vitest';
import { OrderSnapshot } from '../../../src/core/model';
import { z } from '../../../src/core/z';

describe('OrderSnapshot schema', () => {
  it('accepts a minimal snapshot and rejects an impossible date', () => {
    const ok = { orderId: '8212313961591322', source: 'detail', readAt: 1, missing: [] };
    expect(z.safeParse(OrderSnapshot, ok).success).toBe(true);
    const bad = { ...ok, placedOn: '2026-13-01' };
    expect(z.safeParse(OrderSnapshot, bad).success).toBe(false);
  });
});
