import { describe, expect, it } from 'vitest';
import { API, apiFromUrl, orderIdFromUrl, type PageKind, pageKind } from '../../../src/aliexpress/pages';

/** Real-shaped URLs for each kind (notes: "Page kinds and URLs"). Each must match its kind and no other. */
const URLS: Record<PageKind, string[]> = {
  'order-list': [
    'https://www.aliexpress.com/p/order/index.html',
    'https://www.aliexpress.com/p/order/index.html?spm=a2g0o.home.0.0',
    'https://es.aliexpress.com/p/order/index.html',
    'https://pt.aliexpress.com/p/order/index.html',
    'https://ko.aliexpress.com/p/order/index.html',
    'https://ja.aliexpress.com/p/order/index.html',
    'https://m.aliexpress.com/p/order/index.html',
    'https://www.aliexpress.us/p/order/index.html',
    'https://trade.aliexpress.com/orderList.htm',
    'https://trade.aliexpress.com/orderList.htm?spm=a2g0s.9042311.0.0',
  ],
  'order-detail': [
    'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322',
    'https://fr.aliexpress.com/p/order/detail.html?orderId=3048963030691559&spm=x',
    'https://m.aliexpress.com/p/order/detail.html?orderId=3048963030691559',
    'https://www.aliexpress.us/p/order/detail.html?orderId=3048963030691559',
    'https://trade.aliexpress.com/order_detail.htm?orderId=100426841571559',
  ],
  tracking: [
    'https://www.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=8212313961591322',
    'https://de.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322',
    'https://track.aliexpress.com/logisticsdetail.htm?tradeId=8212313961591322',
  ],
  refunds: [
    'https://www.aliexpress.com/p/reverse-pages/start.html',
    'https://www.aliexpress.com/p/reverse-pages/start.html?orderId=8212313961591322',
    'https://m.aliexpress.com/p/refund-dispute/list.html',
    'https://trade.aliexpress.com/issue/fastissue/createIssueStep1.htm?orderId=8212313961591322',
    'https://trade.aliexpress.com/issue/fastissue/Detail.htm?tradeOrderLineId=1&reverseOrderLineId=2',
  ],
};

const NOT_OURS = [
  'https://aliexpress.ru/order-list',
  'https://aliexpress.ru/order-list/8212313961591322',
  'https://www.aliexpress.com.evil.com/p/order/index.html',
  'https://evilaliexpress.com/p/order/index.html',
  'https://www.aliexpress.com/item/1005005219149777.html',
  'https://www.aliexpress.com/',
  'https://www.aliexpress.com/p/order/index.html.evil',
  'https://www.aliexpress.com/evil/p/order/index.html',
  'https://example.com/?u=https://www.aliexpress.com/p/order/index.html',
  'javascript:alert(1)//www.aliexpress.com/p/order/index.html',
  'ftp://www.aliexpress.com/p/order/index.html',
  'https://www.aliexpress.com/orderList.htm',
  'https://www.aliexpress.com/logisticsdetail.htm?tradeId=1',
  'not a url',
  '',
];

describe('pageKind', () => {
  for (const [kind, urls] of Object.entries(URLS)) {
    it.each(urls)(`${kind}: %s`, (url) => {
      expect(pageKind(url)).toBe(kind);
    });
  }

  it.each(NOT_OURS)('null for %s', (url) => {
    expect(pageKind(url)).toBeNull();
  });
});

describe('orderIdFromUrl', () => {
  it.each([
    ['https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322', '8212313961591322'],
    [
      'https://www.aliexpress.com/p/tracking/index.html?_addShare=no&tradeOrderId=3048963030691559',
      '3048963030691559',
    ],
    ['https://track.aliexpress.com/logisticsdetail.htm?tradeId=100426841571559', '100426841571559'],
    ['https://www.aliexpress.com/p/order/detail.html?orderId=12ab', undefined],
    ['https://www.aliexpress.com/p/order/detail.html?orderId=', undefined],
    ['https://www.aliexpress.com/p/order/index.html', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, id) => {
    expect(orderIdFromUrl(url)).toBe(id);
  });
});

describe('apiFromUrl', () => {
  it.each([
    [`https://acs.aliexpress.com/h5/${API.list}/1.0/?jsv=2.5.1&appKey=12574478&t=1&sign=x`, 'list'],
    [`//acs.aliexpress.com/h5/${API.list}/1.0/?appKey=12574478`, 'list'],
    [`https://acs.aliexpress.com/h5/${API.detail.toUpperCase()}/1.0/?appKey=12574478`, 'detail'],
    [`https://acs.aliexpress.com/h5/${API.tracking}/1.0/?type=jsonp&callback=mtopjsonp3`, 'tracking'],
    [`https://acs.aliexpress.com/h5/${API.refunds}/1.0/`, 'refunds'],
    ['//recom-acs.aliexpress.com/h5/mtop.relationrecommend.aliexpressrecommend.recommend/1.0/', null],
    [`https://acs.aliexpress.com.evil.com/h5/${API.list}/1.0/`, null],
    [`https://acs.aliexpress.com/h5/${API.list}x/1.0/`, null],
    [`https://example.com/?u=https://acs.aliexpress.com/h5/${API.list}/1.0/`, null],
  ])('%s → %s', (url, kind) => {
    expect(apiFromUrl(url)).toBe(kind);
  });
});
