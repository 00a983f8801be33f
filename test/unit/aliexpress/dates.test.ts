import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime } from '../../../src/aliexpress/dates';

describe('parseDate: every shape in the notes', () => {
  it.each([
    ['Jul 15, 2026', undefined, '2026-07-15'],
    ['Sep. 4, 2026', undefined, '2026-09-04'],
    ['July 15th 2026', undefined, '2026-07-15'],
    ['8 jun, 2026', 'pt', '2026-06-08'],
    ['24 nov, 2023', 'es', '2023-11-24'],
    ['14 ene, 2025', 'es', '2025-01-14'],
    ['15 juil. 2026', 'fr', '2026-07-15'],
    ['3 août 2026', 'fr', '2026-08-03'],
    ['4 févr. 2026', 'fr', '2026-02-04'],
    ['15. Juli 2026', 'de', '2026-07-15'],
    ['1. März 2025', 'de', '2025-03-01'],
    ['15 lip 2026', 'pl', '2026-07-15'],
    ['15 lipca 2026', 'pl', '2026-07-15'],
    ['4 paź 2026', 'pl', '2026-10-04'],
    ['15 lug 2026', 'it', '2026-07-15'],
    ['1 mrt. 2025', 'nl', '2025-03-01'],
    ['3 de ago. de 2026', 'pt', '2026-08-03'],
    ['2026-07-15', undefined, '2026-07-15'],
    ['Pedido feito em: 8 jun, 2026', 'pt', '2026-06-08'],
    ['Estimated delivery date: Aug 3, 2026', 'en', '2026-08-03'],
  ])('%s (%s) → %s', (text, lang, date) => {
    expect(parseDate(text, { lang })).toBe(date);
  });

  it('reads the time of refund cases', () => {
    expect(parseDateTime('2022-03-23 21:19:58')).toEqual({ date: '2022-03-23', time: '21:19:58' });
    expect(parseDateTime('2022-03-23')).toEqual({ date: '2022-03-23' });
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(parseDate('Feb 30, 2026')).toBeUndefined();
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('31.04.2026', { lang: 'de' })).toBeUndefined();
    expect(parseDate('Feb 29, 2024')).toBe('2024-02-29');
    expect(parseDate('Feb 29, 2026')).toBeUndefined();
    expect(parseDate('2026-13-01')).toBeUndefined();
  });

  it('decides numeric day/month order by locale, never by guessing', () => {
    expect(parseDate('15.07.2026')).toBe('2026-07-15'); // 15 cannot be a month
    expect(parseDate('15/07/2026')).toBe('2026-07-15');
    expect(parseDate('07/15/2026')).toBe('2026-07-15');
    expect(parseDate('03/04/2026')).toBeUndefined(); // ambiguous, unknown locale
    expect(parseDate('03/04/2026', { lang: 'en' })).toBeUndefined(); // English is served worldwide
    expect(parseDate('03/04/2026', { locale: 'en-US' })).toBe('2026-03-04');
    expect(parseDate('03/04/2026', { locale: 'en-GB' })).toBe('2026-04-03');
    expect(parseDate('03/04/2026', { locale: 'pt-BR' })).toBe('2026-04-03');
    expect(parseDate('03.04.2026', { lang: 'de' })).toBe('2026-04-03');
    expect(parseDate('15/07/2026', { locale: 'en-US' })).toBeUndefined(); // month 15
  });

  it('never throws on junk', () => {
    for (const junk of [
      undefined,
      null,
      42,
      {},
      '',
      '   ',
      'Xyz 99, 2026',
      '99 foo 2026',
      'a'.repeat(100_000),
    ]) {
      expect(parseDate(junk)).toBeUndefined();
    }
  });
});
