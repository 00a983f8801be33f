/**
 * The at-risk reminder through the worker: a page read of a stalled parcel near its protection end
 * raises one notification naming it, once; a second stalled order joins the next notice.
 */
import { describe, expect, it } from 'vitest';
import { runScheduler } from '../../../src/background/scheduler';
import { HOLD_MS } from '../../../src/core/burst';
import type { OrderSnapshot } from '../../../src/core/model';
import { DAY_MS } from '../../../src/core/time';
import { memoryPlatform } from '../../../src/platform/memory';
import { parseState } from '../../../src/store/state';
import { readSnapshots, settle } from './helpers';

// A Sunday, 15:00 UTC: outside the default quiet hours (22:00–08:00) in the platform's zone.
const NOW = Date.UTC(2026, 10, 22, 15);
const A = '8000000000000001';

function stalledOrder(orderId: string): OrderSnapshot[] {
  return [
    {
      orderId,
      source: 'detail',
      readAt: NOW,
      missing: [],
      status: 'awaiting-delivery',
      placedOn: '2026-10-01',
      shippedOn: '2026-10-03',
      items: [{ title: 'Desk lamp' }],
      stated: { protectionEnd: '2026-12-02' },
    },
    {
      orderId,
      source: 'tracking',
      readAt: NOW,
      missing: [],
      tracking: {
        carrier: 'Cainiao Standard',
        mailNo: 'LP00712345678901',
        delivered: false,
        events: [
          { at: NOW - 12 * DAY_MS, stage: 'customs', code: 'AE_CC_IM_START', text: 'Arrived at customs' },
        ],
      },
    },
  ];
}

describe('the at-risk reminder in the worker', () => {
  it('is shown once when a read makes an order at risk, and recorded in the ledger', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, stalledOrder(A));
    // Held until the burst of reads settles (core/burst.ts), then shown.
    expect(p.shown.size).toBe(0);
    await settle(p);
    const notes = [...p.shown.values()] as { title: string; message: string }[];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.title).toBe('Parcels at risk');
    expect(notes[0]?.message).toContain('Desk lamp');
    expect(notes[0]?.message).toContain('ask the seller for more time');
    // Its last day: protection ends on Dec 2 (stated), so the buyer has until Dec 1.
    expect(notes[0]?.message).toMatch(/\(last day Tue, Dec 1\)$/);
    const ledger = parseState(Object.fromEntries(p.data)).ledger;
    expect(ledger.reminders[`${A}:protection-end:at-risk`]?.shownAt).toBe(NOW + HOLD_MS);
    p.shown.clear();
    await runScheduler(p);
    expect(p.shown.size).toBe(0);
  });

  it('the badge title starts with the mark and the stall in words', async () => {
    const p = memoryPlatform({ now: NOW });
    await readSnapshots(p, stalledOrder(A));
    const title = p.badges.get('global')?.title ?? '';
    expect(title).toMatch(
      /^At risk: No scan for 12 days in customs; usually at most 8 days there\. Ask the seller to extend protection, by /,
    );
    expect(title).toContain(A);
  });
});
