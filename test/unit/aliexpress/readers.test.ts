import { describe, expect, it } from 'vitest';
import { API, parseBody, readApiBody } from '../../../src/aliexpress';
import { ParserHealth } from '../../../src/aliexpress/health';
import { readDetail } from '../../../src/aliexpress/read-detail';
import { readList } from '../../../src/aliexpress/read-list';
import { readRefunds } from '../../../src/aliexpress/read-refunds';
import { readTracking } from '../../../src/aliexpress/read-tracking';
import { OrderSnapshot } from '../../../src/core/model';
import { ownJson, ownText, READ_AT, realDetailBody, realText } from './fixtures';

const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;

describe('status normalisation (list, en)', () => {
  const { snapshots, health } = readList(ownJson('list.statuses.en.json'), { readAt: READ_AT });

  it('maps every status text, then buttons, and leaves unknown text empty', () => {
    expect(snapshots.map((s) => [s.statusText, s.status])).toEqual([
      ['Awaiting payment', 'awaiting-payment'],
      ['To pay', 'awaiting-payment'],
      ['Processing', 'processing'],
      ['Awaiting shipment', 'awaiting-shipment'],
      ['Awaiting delivery', 'awaiting-delivery'],
      ['Completed', 'completed'],
      ['Closed', 'closed'],
      ['Canceled', 'closed'],
      ['Expired', 'closed'],
      ['Dispute in progress', 'dispute-open'],
      ['Dispute finished', 'dispute-finished'],
      ['Xyz', undefined],
      ['On its way', 'awaiting-delivery'], // unknown text, CONFIRM_GOODS button decides
    ]);
  });

  it('reports unknown texts and lists the missing status', () => {
    expect(health.problems).toEqual([
      'unknown status text "Xyz" (lang en)',
      'unknown status text "On its way" (lang en)',
    ]);
    expect(snapshots[11]?.missing).toEqual(['status']);
    expect(health.missing).toEqual(['status']);
  });

  it('reads paging from pc_om_list_body', () => {
    expect(readList(ownJson('list.statuses.en.json'), { readAt: READ_AT }).page).toEqual({
      hasMore: true,
      pageIndex: 1,
    });
  });
});

describe('50-order list (benchmark fixture)', () => {
  it('reads 50 valid snapshots', () => {
    const { snapshots, health } = readList(ownJson('order-list.50.json'), { readAt: READ_AT });
    expect(snapshots).toHaveLength(50);
    expect(new Set(snapshots.map((s) => s.orderId)).size).toBe(50);
    expect(health.problems).toEqual([]);
    expect(snapshots.every((s) => s.status && s.placedOn?.startsWith('2025-'))).toBe(true);
  });
});

describe('detail: renamed and broken shapes', () => {
  it('a renamed services component: protection end missing and listed, the rest still usable', () => {
    const { snapshots, health } = readDetail(ownJson('detail.renamed-services.json'), {
      readAt: READ_AT,
      pageUrl: detailUrl('8212313961591322'),
    });
    expect(health.usable).toBe(true);
    expect(health.missing).toEqual(['detail_order_services', 'stated.protectionEnd']);
    const [snapshot] = snapshots;
    expect(snapshot?.missing).toEqual(['stated.protectionEnd']);
    expect(snapshot?.stated).toEqual({
      returnDaysAfterReceipt: 7,
      disputeDaysAfterOrder: 90,
      estimatedDelivery: '2026-08-03',
    });
    expect(snapshot?.status).toBe('completed');
    expect(snapshot?.placedOn).toBe('2026-07-15');
  });

  it('an order id above 2^53 comes from the page URL, never from the rounded number', () => {
    const body = parseBody(ownText('detail.unsafe-id.json'));
    const withUrl = readDetail(body, { readAt: READ_AT, pageUrl: detailUrl('9212313961591322123') });
    expect(withUrl.snapshots[0]?.orderId).toBe('9212313961591322123');
    expect(withUrl.snapshots[0]?.status).toBe('awaiting-delivery');
    // Awaiting delivery: no completion date expected, so none listed as missing.
    expect(withUrl.snapshots[0]?.missing).toEqual([]);

    const withoutUrl = readDetail(body, { readAt: READ_AT });
    expect(withoutUrl.snapshots).toEqual([]);
    expect(withoutUrl.health.usable).toBe(false);
    expect(withoutUrl.health.problems).toEqual(['no order id in the body nor the page URL: no snapshot']);
  });

  it('a body for another order than the page URL says so', () => {
    const { health } = readDetail(realDetailBody(), { readAt: READ_AT, pageUrl: detailUrl('1234567890123') });
    expect(health.problems).toEqual([
      "body order 8212313961591322 differs from the page URL's 1234567890123",
    ]);
  });

  it('an mtop failure (captcha) is reported', () => {
    const { health } = readDetail(
      { api: API.detail, ret: ['FAIL_SYS_USER_VALIDATE::哎哟喂,被挤爆啦,请稍后重试'], data: {} },
      { readAt: READ_AT, pageUrl: detailUrl('8212313961591322') },
    );
    expect(health.problems[0]).toMatch(/^api answered "FAIL_SYS_USER_VALIDATE/);
    expect(health.missing).toContain('detail_order_status_block');
  });

  it('unknown detail status text in German is reported with its language', () => {
    const body = ownJson('detail.de.json') as {
      data: { data: Record<string, { tag: string; fields: { title?: string } }> };
    };
    for (const component of Object.values(body.data.data)) {
      if (component.tag === 'detail_order_status_block') component.fields.title = 'Irgendwas Neues';
    }
    const { snapshots, health } = readDetail(body, {
      readAt: READ_AT,
      pageUrl: detailUrl('8212313961591322'),
    });
    expect(health.problems).toEqual(['unknown status text "Irgendwas Neues" (lang de)']);
    expect(snapshots[0]?.status).toBeUndefined();
    expect(snapshots[0]?.statusText).toBe('Irgendwas Neues');
  });
});

describe('tracking', () => {
  it('a delivered parcel: events, signed code, delivery time, protection end', () => {
    const { snapshots, health } = readTracking(ownJson('tracking.delivered.json'), {
      readAt: READ_AT,
      pageUrl:
        'https://www.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=8212313961591322',
    });
    expect(health.problems).toEqual([]);
    const [snapshot] = snapshots;
    expect(snapshot?.orderId).toBe('8212313961591322');
    expect(snapshot?.source).toBe('tracking');
    expect(snapshot?.stated).toEqual({ protectionEnd: '2026-09-03' });
    expect(snapshot?.tracking).toMatchObject({
      mailNo: 'LP00712345678901',
      carrier: 'Cainiao Standard',
      delivered: true,
      deliveredAt: Date.UTC(2026, 6, 31, 14, 20),
    });
    expect(snapshot?.tracking?.events).toHaveLength(7);
    expect(snapshot?.tracking?.events[0]).toEqual({
      at: Date.UTC(2026, 6, 31, 14, 20),
      timeText: 'Fri | Jul. 31 14:20',
      text: 'Delivered, signed by the recipient',
      code: 'AE_GTMS_SIGNED',
      stage: 'delivered',
    });
    expect(snapshot?.missing).toEqual([]);
  });

  it('in transit: not delivered, order id from the URL, coupon and eta read', () => {
    const { snapshots } = readTracking(ownJson('tracking.in-transit.json'), {
      readAt: READ_AT,
      pageUrl: 'https://track.aliexpress.com/logisticsdetail.htm?tradeId=3048963030691559',
    });
    const [snapshot] = snapshots;
    expect(snapshot?.orderId).toBe('3048963030691559');
    expect(snapshot?.tracking?.delivered).toBe(false);
    expect(snapshot?.tracking?.deliveredAt).toBeUndefined();
    expect(snapshot?.tracking?.events.map((e) => e.code)).toEqual([
      'AE_LH_DEPART',
      'AE_GWMS_OUTBOUND',
      'AE_ORDER_PAID',
      'AE_ORDER_PLACED',
    ]);
    expect(snapshot?.stated).toEqual({
      protectionEnd: '2026-09-04',
      couponDelayedBy: '2026-08-03',
      couponText: 'R$5,00',
      estimatedDelivery: '2026-08-03',
    });
  });

  it('no order id anywhere: no snapshot, a problem', () => {
    const { snapshots, health } = readTracking(ownJson('tracking.in-transit.json'), { readAt: READ_AT });
    expect(snapshots).toEqual([]);
    expect(health.problems).toEqual(['no order id in the page URL nor the body: no snapshot']);
  });

  it('an epoch in the future or before 2010 is not a time', () => {
    const body = {
      data: {
        module: {
          tradeOrderId: '8212313961591322',
          trackingDetailLineList: [
            {
              detailList: [
                { time: READ_AT + 10 * 86_400_000, timeText: 'x', trackingPrimaryCode: 'AE_GTMS_SIGNED' },
                { time: 12345, trackingPrimaryCode: 'AE_ORDER_PLACED' },
                { time: Math.floor(Date.UTC(2026, 6, 15) / 1000), trackingPrimaryCode: 'AE_ORDER_PAID' },
              ],
            },
          ],
        },
      },
    };
    const events = readTracking(body, { readAt: READ_AT }).snapshots[0]?.tracking?.events;
    expect(events?.map((e) => e.at)).toEqual([undefined, undefined, Date.UTC(2026, 6, 15)]);
    expect(readTracking(body, { readAt: READ_AT }).snapshots[0]?.missing).toEqual([
      'tracking.mailNo',
      'tracking.carrier',
    ]);
  });
});

describe('refunds', () => {
  const { snapshots, health } = readRefunds(ownJson('refunds.json'), { readAt: READ_AT });

  it('one snapshot per trade order, open and finished cases', () => {
    expect(health.problems).toEqual([]);
    expect(snapshots).toEqual([
      {
        orderId: '3048963030691559',
        source: 'refunds',
        readAt: READ_AT,
        cases: [
          {
            caseId: '5034567890121559',
            orderLineId: '3048963030701559',
            createdAt: '2026-08-20T09:15:02',
            state: 'open',
            type: 'ONLY_REFUND',
          },
        ],
        missing: [],
      },
      {
        orderId: '3044264490251559',
        source: 'refunds',
        readAt: READ_AT,
        cases: [
          {
            caseId: '5034567890131559',
            orderLineId: '3044264490271559',
            createdAt: '2026-08-21T18:00:00',
            state: 'open',
            type: 'RETURN_AND_REFUND',
          },
        ],
        missing: [],
      },
      {
        orderId: '100426841571559',
        source: 'refunds',
        readAt: READ_AT,
        cases: [
          {
            caseId: '2012345678901559',
            orderLineId: '100426841571559',
            createdAt: '2022-03-23T21:19:58',
            state: 'finished',
            type: 'ONLY_REFUND',
          },
        ],
        missing: [],
      },
    ]);
  });

  it('an unknown reverseStatus counts as open, with a note', () => {
    const result = readRefunds(
      { data: { list: [{ tradeOrderId: '3048963030691559', reverseStatus: 7, reverseType: 1 }] } },
      { readAt: READ_AT },
    );
    expect(result.snapshots[0]?.cases).toEqual([{ state: 'open', type: '1' }]);
    expect(result.health.problems).toEqual([
      'unknown reverseStatus "7" on order 3048963030691559: counted as open',
    ]);
  });
});

describe('parseBody and readApiBody', () => {
  it('reads JSON, JSONP and refuses the rest without throwing', () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody(' mtopjsonp3({"a":[1]}) ')).toEqual({ a: [1] });
    expect(parseBody('mtopjsonp12({"a":1});')).toEqual({ a: 1 });
    expect(parseBody('mtopjsonp3({"a":1')).toBeUndefined();
    expect(parseBody('alert(1)')).toBeUndefined();
    expect(parseBody('')).toBeUndefined();
    expect(parseBody('<html>')).toBeUndefined();
  });

  it('dispatches by kind, by full API name, or by the body api field', () => {
    const ctx = { readAt: READ_AT, pageUrl: detailUrl('8212313961591322') };
    const jsonp = `mtopjsonp3(${realText('order-detail.completed-br.json')})`;
    expect(readApiBody('detail', parseBody(jsonp), ctx).snapshots[0]?.orderId).toBe('8212313961591322');
    expect(readApiBody(API.detail.toUpperCase(), jsonp, ctx).snapshots[0]?.orderId).toBe('8212313961591322');
    expect(readApiBody('?', realDetailBody(), ctx).health.source).toBe('detail');
    const unknown = readApiBody('mtop.other', { data: {} }, ctx);
    expect(unknown.health).toEqual({
      source: 'unknown',
      found: [],
      missing: [],
      problems: ['not an order API: "mtop.other"'],
      usable: false,
      drift: [],
    });
  });

  it('health passes its own schema (the background stores it)', () => {
    const { health } = readApiBody('list', ownJson('list.statuses.en.json'), { readAt: READ_AT });
    expect(ParserHealth.safeParse(health).success).toBe(true);
  });

  it('a read without a valid readAt reads nothing rather than inventing a time', () => {
    const result = readApiBody('detail', realDetailBody(), { readAt: Number.NaN });
    expect(result.snapshots).toEqual([]);
    expect(result.health.problems).toEqual(['no valid readAt in the read context']);
  });

  it('long and hostile strings are capped and kept as text', () => {
    const body = ownJson('list.en.json') as {
      data: { data: Record<string, { fields: Record<string, unknown> }> };
    };
    const [first] = Object.values(body.data.data);
    if (!first) throw new Error('fixture has no order');
    first.fields.storeName = `<img src=x onerror=alert(1)>${'x'.repeat(5000)}`;
    first.fields.storePageUrl = 'javascript:alert(1)';
    const [snapshot] = readList(body, { readAt: READ_AT }).snapshots;
    expect(snapshot?.storeName?.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect(snapshot?.storeName).toHaveLength(300);
    expect(snapshot?.storeUrl).toBeUndefined();
    expect(OrderSnapshot.safeParse(snapshot).success).toBe(true);
  });
});
