import { describe, expect, it } from 'vitest';
import { readDetail } from '../../../src/aliexpress/read-detail';
import { readList } from '../../../src/aliexpress/read-list';
import { READ_AT, realDetailBody, realListCapture } from './fixtures';

describe('real order list capture (tobixen)', () => {
  const capture = realListCapture();
  // The capture's body is a JSON string inside {url,status,body}: the reader takes the envelope as is.
  const result = readList(capture, {
    readAt: READ_AT,
    pageUrl: 'https://www.aliexpress.com/p/order/index.html',
  });

  it('reads all three orders with every field', () => {
    expect(result.snapshots).toEqual([
      {
        orderId: '3048963030691559',
        source: 'list',
        readAt: READ_AT,
        lang: 'en',
        status: 'completed',
        statusText: 'Completed',
        placedOn: '2025-01-24',
        storeName: 'IS Official Store',
        storeUrl: 'https://www.aliexpress.com/store/4641086',
        items: [
          {
            title:
              'Step Down Power Supply Module 1000W 50A DC 25V-90V to DC 2.5V-50V Buck Converter Wide Voltage Stabilizer',
            quantity: 1,
            productId: '1005005219149777',
            orderLineId: '3048963030701559',
            imageUrl: 'https://ae01.alicdn.com/kf/S2564fd64afb74ba683bc3b6eacda3b4c5.jpg_220x220.jpg',
            priceText: '€26.52',
          },
        ],
        totalText: '€48.88',
        buttons: ['REPURCHASE', 'DELETE'],
        missing: [],
      },
      {
        orderId: '3044264490251559',
        source: 'list',
        readAt: READ_AT,
        lang: 'en',
        status: 'completed',
        statusText: 'Completed',
        placedOn: '2024-11-10',
        storeName: 'Sunny Business',
        storeUrl: 'https://www.aliexpress.com/store/2024048',
        items: [
          {
            title: '10pcs x 6P DPDT Solder Pin 2 Position slide switch',
            quantity: 1,
            productId: '32692408497',
            orderLineId: '3044264490261559',
            imageUrl: 'https://ae01.alicdn.com/kf/H969cc0fad1f242dc8e83134b7aaa76885.jpg_220x220.jpg',
            priceText: '€2.42',
          },
          {
            title: '50PCs 6.3mm 4.8mm 2.8mm 2.2mm Crimp Terminal Female Spade Connector',
            quantity: 1,
            productId: '32692432421',
            orderLineId: '3044264490271559',
            imageUrl: 'https://ae01.alicdn.com/kf/HTB12124m98YBeNkSnb4q6yevFXaT.jpg_220x220.jpg',
            priceText: '€1.39',
          },
        ],
        totalText: '€4.76',
        buttons: ['REPURCHASE', 'DELETE'],
        missing: [],
      },
      {
        orderId: '100426841571559',
        source: 'list',
        readAt: READ_AT,
        lang: 'en',
        // "Expired" maps to closed; its orderStatus number (9) is the same as the completed ones'.
        status: 'closed',
        statusText: 'Expired',
        placedOn: '2019-04-08',
        storeName: 'Shop3023019 Store',
        storeUrl: 'https://www.aliexpress.com/store/3023019',
        items: [
          {
            title:
              '48V USB Phantom Power Supply USB2.0 Cable Dual Plug Microphone Cable For Micro Microphone Condenser Recording Equipment',
            quantity: 1,
            productId: '32950209060',
            orderLineId: '100426841571559',
            imageUrl:
              'https://ae-pic-a1.aliexpress-media.com/kf/Sf5a31ce867174aa7bf499352d6875ddcs/160x160.png',
            priceText: 'US $18.04',
          },
        ],
        // The real expired order has no totalPriceText: reported, not invented.
        buttons: ['DELETE'],
        missing: ['totalText'],
      },
    ]);
  });

  it('reports health: usable, the component found, the missing total', () => {
    expect(result.health).toEqual({
      source: 'list',
      found: ['pc_om_list_order'],
      missing: ['totalText'],
      problems: [],
      usable: true,
      // A total missing on one order is not drift: deadlines do not depend on it.
      drift: [],
    });
    // The capture has no pc_om_list_body component.
    expect(result.page).toBeUndefined();
  });
});

describe('real order detail capture (completed, Brazil)', () => {
  const result = readDetail(realDetailBody(), {
    readAt: READ_AT,
    pageUrl: 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322',
  });

  it('reads every field the page states', () => {
    expect(result.snapshots).toEqual([
      {
        orderId: '8212313961591322',
        source: 'detail',
        readAt: READ_AT,
        lang: 'en',
        status: 'completed',
        statusText: 'Completed',
        placedOn: '2026-07-15',
        paidOn: '2026-07-15',
        shippedOn: '2026-07-16',
        completedOn: '2026-07-28',
        storeName: 'Vega Store',
        storeUrl: 'https://www.aliexpress.com/store/1105843321',
        items: [
          {
            title:
              'Neo XENON 2.1 de Gama Omega eco Cabo Xenon XENON Pixel 8K@60Hz 4K@120Hz Tango Xenon HD e HD Indigo alfa TV Ultra PS5 Tango',
            quantity: 1,
            productId: '1005745176332016',
            orderLineId: '8212840438652111',
            imageUrl:
              'https://ae-pic-a1.aliexpress-media.com/kf/S414120c60bc24a2d9a8ce34a49f61967C.jpg_220x220.jpg',
            priceText: 'R$126,59',
            buttons: ['REPURCHASE_LINE', 'OPEN_DISPUTE'],
          },
        ],
        totalText: 'R$132,74',
        buttons: ['TRACKING', 'REPURCHASE', 'DOWNLOAD_RECEIPT'],
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

  it('reports every component found and nothing missing', () => {
    expect(result.health.usable).toBe(true);
    expect(result.health.problems).toEqual([]);
    expect(result.health.missing).toEqual([]);
    expect(result.health.found).toEqual([
      'detail_order_status_block',
      'detail_simple_order_info_component',
      'detail_order_services',
      'detail_service_progress_bar',
      'detail_product_block',
      'detail_order_price_block',
    ]);
  });
});
