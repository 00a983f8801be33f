/**
 * The worker reads what the page forwards: the raw API body, or the texts extracted from a rendered
 * page. The page's main thread does none of the reading.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/handlers';
import { memoryPlatform } from '../../../src/platform/memory';
import { realText } from '../aliexpress/fixtures';

const OWN_ID = 'own-extension-id';
const SELF = { id: OWN_ID, origin: `chrome-extension://${OWN_ID}/` };
const URL_ = 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322';
const tab = { id: OWN_ID, url: URL_, tab: { id: 7 } };
const realDetail = realText('order-detail.completed-br.json');

describe('forwarded page bodies', () => {
  it('reads the real detail capture in the worker, stores the order and answers that the page was usable', async () => {
    const platform = memoryPlatform();
    const body = {
      type: 'page-body',
      kind: 'order-detail',
      url: URL_,
      api: 'mtop.aliexpress.trade.buyer.order.detail',
      body: realDetail,
    };
    const reply = await handleMessage(body, tab, platform, SELF);
    expect(reply).toMatchObject({ stored: 1, usable: true });
    const stored = platform.orderData.get('8212313961591322') as {
      reads: { detail: { stated: { protectionEnd: string } } };
    };
    expect(stored.reads.detail.stated.protectionEnd).toBe('2026-09-04');
    expect(platform.data.get('health')).toBeDefined();
  });

  it('stores no order from a body that is not an order response, and answers why', async () => {
    const platform = memoryPlatform();
    const body = {
      type: 'page-body',
      kind: 'order-detail',
      url: URL_,
      api: 'detail',
      body: '<html>captcha</html>',
    };
    const reply = (await handleMessage(body, tab, platform, SELF)) as {
      stored: number;
      usable: boolean;
      problems: string[];
    };
    expect(reply.stored).toBe(0);
    expect(reply.usable).toBe(false);
    expect(reply.problems.join(' ')).not.toBe('');
    expect(platform.orderData.size).toBe(0);
    expect(platform.summaryData.size).toBe(0);
  });

  it('interprets extracted page texts, and refuses an extract that breaks its caps', async () => {
    const platform = memoryPlatform();
    const page = {
      kind: 'list',
      counts: { '.order-item': 1 },
      cards: [
        {
          status: 'Awaiting delivery',
          headerInfo: ['Order date: Oct 2, 2026', 'Order ID: 3048963030691559'],
          store: 'IS Official Store',
          total: 'Total: €48.88',
          itemTitles: ['Buck converter'],
          itemQuantities: ['x1'],
        },
      ],
      hasMore: false,
    };
    const ok = await handleMessage(
      { type: 'page-dom', kind: 'order-list', url: URL_, page },
      tab,
      platform,
      SELF,
    );
    expect(ok).toMatchObject({ stored: 1, usable: true });
    const stored = platform.orderData.get('3048963030691559') as {
      reads: { 'dom-list': { placedOn: string; status: string } };
    };
    expect(stored.reads['dom-list']).toMatchObject({ placedOn: '2026-10-02', status: 'awaiting-delivery' });

    const huge = { ...page, cards: [{ ...page.cards[0], store: 'x'.repeat(5000) }] };
    const refused = await handleMessage(
      { type: 'page-dom', kind: 'order-list', url: URL_, page: huge },
      tab,
      memoryPlatform(),
      SELF,
    );
    expect(refused).toMatchObject({ error: expect.any(String) });
  });
});
