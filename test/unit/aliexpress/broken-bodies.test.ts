import { describe, expect, it } from 'vitest';
import { readApiBody } from '../../../src/aliexpress';

describe('a body that is not an order response', () => {
  const ctx = {
    readAt: Date.UTC(2026, 10, 22),
    pageUrl: 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961590000',
  };
  it.each([
    ['data.data is a string', { api: 'mtop.aliexpress.trade.buyer.order.detail', data: { data: 'broken' } }],
    [
      'components with unknown tags only',
      { data: { data: { x_1: { tag: 'something_else', fields: { title: 'Completed' } } } } },
    ],
    ['an mtop error', { ret: ['FAIL_SYS_USER_VALIDATE::captcha'], data: {} }],
  ])('gives no order for a detail page when %s, and says why', (_, body) => {
    const result = readApiBody('detail', body, ctx);
    expect(result.snapshots).toEqual([]);
    expect(result.health.usable).toBe(false);
    expect(result.health.problems.length).toBeGreaterThan(0);
  });
});
