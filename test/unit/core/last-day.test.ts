import { describe, expect, it } from 'vitest';
import { translatorFrom } from '../../../src/core/i18n';
import { formatLastDay, formatOpening, LAST_DAY_TEXT_EN, lastDayOf } from '../../../src/core/last-day';
import { startOfDay } from '../../../src/core/time';
import { at } from './helpers';

const t = translatorFrom(LAST_DAY_TEXT_EN);

describe('lastDayOf / formatLastDay', () => {
  it('a window closing at 00:00 on Dec 4 shows Dec 3 as the last day, without a time', () => {
    const closes = startOfDay('2026-12-04', 'America/Sao_Paulo');
    expect(lastDayOf(closes, 'America/Sao_Paulo')).toEqual({ date: '2026-12-03' });
    const ctx = { now: at('2026-11-28T10:00:00Z'), timeZone: 'America/Sao_Paulo', lang: 'en' };
    expect(formatLastDay(closes, ctx, t)).toBe('last day Thu, Dec 3');
  });

  it('the same instant is a different last day in another zone, in the buyer’s zone', () => {
    const closes = startOfDay('2026-12-04', 'America/Sao_Paulo');
    // 03:00 UTC on Dec 4: in Tokyo it is already midday on Dec 4, so Dec 4 until 12:00.
    expect(lastDayOf(closes, 'Asia/Tokyo')).toEqual({ date: '2026-12-04', until: '12:00' });
  });

  it('keeps the time only when the close is not at the start of a day', () => {
    const ctx = { now: at('2026-11-28T10:00:00Z'), timeZone: 'UTC', lang: 'en' };
    expect(formatLastDay(at('2026-12-03T14:30:00Z'), ctx, t)).toBe('last day Thu, Dec 3, until 2:30 PM');
  });

  it('adds the year only when the last day is not in the current year', () => {
    const ctx = { now: at('2026-12-28T10:00:00Z'), timeZone: 'UTC', lang: 'en' };
    expect(formatLastDay(at('2027-01-05T00:00:00Z'), ctx, t)).toBe('last day Mon, Jan 4, 2027');
  });

  it('writes the day in the buyer’s language', () => {
    const closes = at('2026-12-04T00:00:00Z');
    const ctx = (lang: string) => ({ now: at('2026-11-28T10:00:00Z'), timeZone: 'UTC', lang });
    expect(formatLastDay(closes, ctx('de'), translatorFrom({ last_day: 'letzter Tag $1' }))).toBe(
      'letzter Tag Do., 3. Dez.',
    );
    expect(formatLastDay(closes, ctx('pt-BR'), t)).toMatch(/qui\.?, 3 de dez/);
  });

  it('a zone whose day starts at 01:00 (DST at midnight) still shows the day before', () => {
    // Santiago moved its clocks at 00:00 on 2026-09-06: that day starts at 01:00.
    const closes = startOfDay('2026-09-06', 'America/Santiago');
    expect(lastDayOf(closes, 'America/Santiago').date).toBe('2026-09-05');
  });
});

describe('formatOpening', () => {
  const ctx = { now: at('2026-11-28T10:00:00Z'), timeZone: 'America/Sao_Paulo', lang: 'en' };
  it('says the day a window opens at its start, without "12:00 AM"', () => {
    expect(formatOpening(startOfDay('2026-12-08', 'America/Sao_Paulo'), ctx)).toBe('Tue, Dec 8');
  });
  it('keeps the time when it opens during the day: before it, it is not open yet', () => {
    // 13:30 UTC is 10:30 in São Paulo.
    expect(formatOpening(at('2026-12-08T13:30:00Z'), ctx)).toBe('Tue, Dec 8, 10:30 AM');
  });
});
