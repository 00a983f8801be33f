import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/aliexpress/lang';
import { readDetail } from '../../../src/aliexpress/read-detail';
import { readList } from '../../../src/aliexpress/read-list';
import { allStatusTexts, statusFromText } from '../../../src/aliexpress/status';
import { ownJson, READ_AT } from './fixtures';

const detailUrl = 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322';

describe('detail page in each language (same order as the real capture, localized)', () => {
  it.each(['pt', 'es', 'fr', 'de', 'pl', 'it', 'nl'])('%s', (lang) => {
    const { snapshots, health } = readDetail(ownJson(`detail.${lang}.json`), {
      readAt: READ_AT,
      pageUrl: detailUrl,
    });
    expect(health.problems).toEqual([]);
    expect(snapshots).toHaveLength(1);
    const [snapshot] = snapshots;
    expect(snapshot).toMatchObject({
      orderId: '8212313961591322',
      lang,
      status: 'completed',
      placedOn: '2026-07-15',
      paidOn: '2026-07-15',
      shippedOn: '2026-07-16',
      completedOn: '2026-07-28',
      storeName: 'Vega Store',
      missing: [],
    });
    expect(snapshot?.stated).toEqual({
      protectionEnd: '2026-09-04',
      couponDelayedBy: '2026-08-03',
      couponText: 'R$5,00',
      returnDaysAfterReceipt: 7,
      disputeDaysAfterOrder: 90,
      freeReturnDaysAfterDelivery: 15,
      estimatedDelivery: '2026-08-03',
    });
  });

  it('keeps the pt status text trimmed ("Concluído " is served with a trailing space)', () => {
    const { snapshots } = readDetail(ownJson('detail.pt.json'), { readAt: READ_AT, pageUrl: detailUrl });
    expect(snapshots[0]?.statusText).toBe('Concluído');
  });
});

describe('order list in each language', () => {
  it.each(LANGS.map((lang) => lang.code))('%s', (lang) => {
    const { snapshots, health } = readList(ownJson(`list.${lang}.json`), { readAt: READ_AT });
    expect(health.problems).toEqual([]);
    expect(snapshots.map((s) => [s.lang, s.status, s.placedOn])).toEqual([
      [lang, 'awaiting-delivery', lang === 'pt' ? '2026-06-08' : lang === 'es' ? '2025-01-14' : '2026-07-15'],
      [lang, 'completed', '2023-11-24'],
      [lang, 'closed', '2025-03-01'],
    ]);
  });

  it('a shared word ("Cancelado" is pt and es) follows the page: ctx.lang breaks the tie', () => {
    const body = ownJson('list.pt.json');
    // Only the ambiguous order kept: the texts alone cannot tell pt from es.
    const { snapshots: alone } = readList(body, { readAt: READ_AT, lang: 'es-ES' });
    expect(alone.map((s) => s.lang)).toEqual(['pt', 'pt', 'pt']); // other orders' texts are pt-only
    const onlyShared = JSON.parse(JSON.stringify(body)) as {
      data: { data: Record<string, { fields: { statusText: string; orderDateText: string } }> };
    };
    for (const component of Object.values(onlyShared.data.data)) {
      component.fields.statusText = 'Cancelado';
      component.fields.orderDateText = '2025-03-01';
    }
    expect(readList(onlyShared, { readAt: READ_AT, lang: 'es-ES' }).snapshots[0]?.lang).toBe('es');
    expect(readList(onlyShared, { readAt: READ_AT, lang: 'pt-BR' }).snapshots[0]?.lang).toBe('pt');
    expect(
      readList(onlyShared, { readAt: READ_AT, pageUrl: 'https://es.aliexpress.com/p/order/index.html' })
        .snapshots[0]?.lang,
    ).toBe('es');
  });
});

describe('language tables', () => {
  it('have twelve months and at least one text for every status', () => {
    for (const lang of LANGS) {
      expect(lang.months, lang.code).toHaveLength(12);
      expect(new Set(Object.values(lang.statuses)).size, lang.code).toBe(8);
    }
  });
});

describe('status tables', () => {
  it('every status text maps to its status in its own language, whatever the spacing and case', () => {
    const all = allStatusTexts();
    expect(all.length).toBeGreaterThan(80);
    for (const { lang, text, status } of all) {
      expect(statusFromText(text, lang), `${lang}: ${text}`).toBe(status);
      expect(statusFromText(` ${text.toUpperCase()}  `, lang), `${lang}: ${text}`).toBe(status);
    }
  });

  it('a text shared by two languages means the same status in both', () => {
    const byText = new Map<string, string>();
    for (const { text, status } of allStatusTexts()) {
      const known = byText.get(text.toLowerCase());
      if (known) expect(known, text).toBe(status);
      byText.set(text.toLowerCase(), status);
    }
  });
});
