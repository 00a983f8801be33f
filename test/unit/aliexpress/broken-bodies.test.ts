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

describe('the DOM fallback split between the page and the worker', () => {
  it('reads the same order from extracted texts as from the page itself', async () => {
    const { Window } = await import('happy-dom');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { extractListDom, readListDom, readPageText } = await import('../../../src/aliexpress');
    const html = readFileSync(
      join(import.meta.dirname, '..', '..', 'fixtures', 'aliexpress', 'list.newer.html'),
      'utf8',
    );
    const window = new Window({ url: 'https://www.aliexpress.com/p/order/index.html' });
    window.document.write(html);
    const ctx = { readAt: Date.UTC(2026, 10, 22), pageUrl: 'https://www.aliexpress.com/p/order/index.html' };
    const direct = readListDom(window.document as unknown as Parameters<typeof readListDom>[0], ctx);
    const extracted = extractListDom(window.document as unknown as Parameters<typeof extractListDom>[0]);
    // What crosses to the worker is plain data: it survives a structured clone unchanged.
    const viaWorker = readPageText(structuredClone(extracted), ctx);
    expect(direct.snapshots.length).toBeGreaterThan(0);
    expect(viaWorker.snapshots).toEqual(direct.snapshots);
    await window.happyDOM.close();
  });
});
