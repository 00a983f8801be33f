import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeColor, formatBadge, nextBadgeChange } from '../../../src/core/countdown';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../src/core/time';

describe('formatBadge', () => {
  it.each([
    [5 * DAY_MS + 3 * HOUR_MS, '5d'],
    [2 * DAY_MS, '2d'],
    [2 * DAY_MS - 1, '47h'],
    [18 * HOUR_MS + 59 * MINUTE_MS, '18h'],
    [HOUR_MS, '1h'],
    [HOUR_MS - 1, '59m'],
    [45 * MINUTE_MS + 30_000, '45m'],
    [30_000, '1m'],
    [0, '!'],
    [-5 * DAY_MS, '!'],
    [5000 * DAY_MS, '999d'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatBadge(ms)).toBe(text);
  });

  it('never shows more time than is left, and fits a badge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * DAY_MS }), (ms) => {
        const text = formatBadge(ms);
        expect(text.length).toBeLessThanOrEqual(4);
        const n = Number(text.slice(0, -1));
        const unit = { d: DAY_MS, h: HOUR_MS, m: MINUTE_MS }[text.slice(-1) as 'd' | 'h' | 'm'];
        // "1m" in the last minute is the one rounding up.
        if (ms >= MINUTE_MS) expect(n * unit).toBeLessThanOrEqual(ms);
      }),
    );
  });

  it('has a colour per urgency', () => {
    expect(badgeColor('urgent')).toBe(BADGE_COLORS.urgent);
    expect(new Set(Object.values(BADGE_COLORS)).size).toBe(4);
  });
});

describe('nextBadgeChange', () => {
  it('is the first instant the text changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 * DAY_MS }),
        fc.integer({ min: 0, max: 2e12 }),
        (ms, now) => {
          const change = nextBadgeChange(ms, now);
          expect(change).not.toBeNull();
          const c = change as number;
          const closesAt = now + ms;
          expect(c).toBeGreaterThan(now);
          expect(formatBadge(closesAt - c)).not.toBe(formatBadge(ms));
          expect(formatBadge(closesAt - (c - 1))).toBe(formatBadge(ms));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is null once overdue', () => {
    expect(nextBadgeChange(0, 1000)).toBeNull();
  });

  it('ticks from days to hours at 48 hours left', () => {
    const now = 1_000_000;
    expect(nextBadgeChange(2 * DAY_MS + 5 * HOUR_MS, now)).toBe(now + 5 * HOUR_MS + 1);
  });
});
