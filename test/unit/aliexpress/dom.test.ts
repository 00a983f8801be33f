import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../src/aliexpress';
import { type DomDocument, detectWall, readDetailDom, readListDom } from '../../../src/aliexpress/dom';
import { SELECTORS } from '../../../src/aliexpress/selectors';
import { ownText, READ_AT } from './fixtures';

function page(name: string, url: string): DomDocument {
  const window = new Window({ url });
  window.document.write(ownText(name));
  return window.document as unknown as DomDocument;
}

const LIST_URL = 'https://www.aliexpress.com/p/order/index.html';
const DETAIL_URL = 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322';

describe('selectors match the fixture pages (counts per selector)', () => {
  const count = (doc: DomDocument, selector: string) => doc.querySelectorAll(selector).length;

  it('list, newer cards', () => {
    const doc = page('list.newer.html', LIST_URL);
    const L = SELECTORS.list;
    expect(
      [
        L.card,
        L.status,
        L.headerInfo,
        L.store,
        L.total,
        L.itemTitle,
        L.itemQuantity,
        L.detailLink,
        L.more,
      ].map((s) => count(doc, s)),
    ).toEqual([3, 3, 5, 3, 2, 2, 2, 2, 1]);
  });

  it('list, older cards', () => {
    const doc = page('list.older.html', LIST_URL);
    const L = SELECTORS.list;
    expect([L.card, L.status, L.headerInfo, L.store, L.total, L.more].map((s) => count(doc, s))).toEqual([
      2, 2, 4, 2, 2, 0,
    ]);
  });

  it('detail', () => {
    const doc = page('detail.html', DETAIL_URL);
    const D = SELECTORS.detail;
    expect([D.infoRow, D.priceItem, D.item, D.itemTitle, D.status].map((s) => count(doc, s))).toEqual([
      6, 3, 1, 1, 1,
    ]);
  });

  it('captcha', () => {
    const doc = page('captcha.html', LIST_URL);
    expect(SELECTORS.wall.captcha.map((s) => count(doc, s))).toEqual([1, 1]);
  });
});

describe('readListDom', () => {
  it('newer cards: "Date:" / "Ref. Number:"', () => {
    const { snapshots, health } = readListDom(page('list.newer.html', LIST_URL), {
      readAt: READ_AT,
      pageUrl: LIST_URL,
    });
    expect(snapshots).toEqual([
      {
        orderId: '3048963030691559',
        source: 'dom-list',
        readAt: READ_AT,
        lang: 'en',
        status: 'completed',
        statusText: 'Completed',
        placedOn: '2025-01-24',
        storeName: 'IS Official Store',
        items: [
          {
            title:
              'Step Down Power Supply Module 1000W 50A DC 25V-90V to DC 2.5V-50V Buck Converter Wide Voltage Stabilizer',
            quantity: 1,
          },
        ],
        totalText: '€48.88',
        missing: [],
      },
      {
        orderId: '8212313961591322',
        source: 'dom-list',
        readAt: READ_AT,
        lang: 'en',
        status: 'awaiting-delivery',
        statusText: 'Awaiting delivery',
        placedOn: '2026-07-15',
        storeName: 'Vega Store',
        items: [{ title: 'HDMI 2.1 Cable 8K', quantity: 2 }],
        totalText: 'R$132,74',
        missing: [],
      },
      {
        // no "Ref. Number" row: the id comes from the Details link
        orderId: '100426841571559',
        source: 'dom-list',
        readAt: READ_AT,
        lang: 'en',
        statusText: 'Something new',
        placedOn: '2019-04-08',
        storeName: 'Shop3023019 Store',
        missing: ['status', 'items', 'totalText'],
      },
    ]);
    expect(health.problems).toEqual(['unknown status text "Something new" (lang en)']);
    expect(health.found).toContain('has more orders (load more button)');
  });

  it('older cards, Spanish labels', () => {
    const { snapshots } = readListDom(page('list.older.html', LIST_URL), { readAt: READ_AT });
    expect(snapshots.map((s) => [s.orderId, s.lang, s.status, s.placedOn, s.totalText, s.items])).toEqual([
      [
        '3048963030691559',
        'es',
        'awaiting-delivery',
        '2025-01-14',
        '12,34 €',
        [{ title: 'Cable USB-C', quantity: 3 }],
      ],
      ['3044264490251559', 'es', 'closed', '2023-11-24', '4,76 €', undefined],
    ]);
  });
});

describe('readDetailDom', () => {
  it('reads the info rows, price, items and the stated windows from leaf texts', () => {
    const { snapshots, health } = readDetailDom(page('detail.html', DETAIL_URL), {
      readAt: READ_AT,
      pageUrl: DETAIL_URL,
    });
    expect(health.problems).toEqual([]);
    expect(snapshots).toEqual([
      {
        orderId: '8212313961591322',
        source: 'dom-detail',
        readAt: READ_AT,
        lang: 'en',
        status: 'completed',
        statusText: 'Completed',
        placedOn: '2026-07-15',
        paidOn: '2026-07-15',
        shippedOn: '2026-07-16',
        completedOn: '2026-07-28',
        items: [{ title: 'Neo XENON 2.1 HDMI cable' }],
        totalText: 'R$132,74',
        stated: {
          protectionEnd: '2026-09-04',
          couponDelayedBy: '2026-08-03',
          couponText: 'R$5,00',
          returnDaysAfterReceipt: 7,
          disputeDaysAfterOrder: 90,
          freeReturnDaysAfterDelivery: 15,
          estimatedDelivery: '2026-08-03',
        },
        missing: [],
      },
    ]);
  });
});

describe('walls', () => {
  it('captcha page', () => {
    const doc = page('captcha.html', LIST_URL);
    expect(detectWall(doc, LIST_URL)).toBe('captcha');
    const result = readPage(doc, LIST_URL, { readAt: READ_AT });
    expect(result.snapshots).toEqual([]);
    expect(result.health.problems).toEqual(['captcha wall instead of the page']);
  });

  it('login redirect, and ordinary pages are no wall', () => {
    const doc = page('list.newer.html', LIST_URL);
    expect(detectWall(doc, 'https://login.aliexpress.com/?return_url=https%3A%2F%2Fwww.aliexpress.com')).toBe(
      'login',
    );
    expect(detectWall(doc, LIST_URL)).toBeNull();
  });

  it('readPage dispatches by URL', () => {
    expect(readPage(page('list.newer.html', LIST_URL), LIST_URL, { readAt: READ_AT }).snapshots).toHaveLength(
      3,
    );
    expect(readPage(page('detail.html', DETAIL_URL), DETAIL_URL, { readAt: READ_AT }).health.source).toBe(
      'dom-detail',
    );
    expect(
      readPage(page('detail.html', DETAIL_URL), 'https://www.aliexpress.com/', { readAt: READ_AT }).health,
    ).toMatchObject({
      source: 'unknown',
      usable: false,
    });
  });
});
