/**
 * The AliExpress pages the popup and the panel link to: each is a page our readers recognise as
 * its own kind (the URL shapes in ../shared/notes/aliexpress-pages.md), for the very order, and one
 * the worker's open-url command accepts. A link that drifts from the pages we read fails here.
 */
import { describe, expect, it } from 'vitest';
import { orderIdFromUrl, pageKind } from '../../../src/aliexpress/pages';
import { isAliExpressUrl } from '../../../src/messages';
import { ordersListUrl, orderUrl, refundsUrl, trackingUrl } from '../../../src/ui/links';

const ID = '8212313961591322';

describe('links to AliExpress', () => {
  it('lead to the page of their kind, for the order, on an https AliExpress host', () => {
    const cases = [
      [orderUrl(ID), 'order-detail'],
      [trackingUrl(ID), 'tracking'],
      [refundsUrl(ID), 'refunds'],
    ] as const;
    for (const [url, kind] of cases) {
      expect(pageKind(url), url).toBe(kind);
      expect(orderIdFromUrl(url), url).toBe(ID);
      expect(isAliExpressUrl(url), url).toBe(true);
    }
    expect(pageKind(ordersListUrl())).toBe('order-list');
    expect(isAliExpressUrl(ordersListUrl())).toBe(true);
  });

  it('carry an odd order id as data, never as part of the address', () => {
    const odd = '1&x=<b>#';
    for (const make of [orderUrl, trackingUrl, refundsUrl]) {
      const url = new URL(make(odd));
      expect(url.hash).toBe('');
      expect([...url.searchParams.values()]).toContain(odd);
    }
  });
});
