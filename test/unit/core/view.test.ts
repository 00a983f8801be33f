import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/core/time';
import { hasOpenDisputeButton, orderView } from '../../../src/core/view';
import { at, snap, stored } from './helpers';

const T0 = at('2026-08-01T12:00:00Z');
const H = 3_600_000;

describe('orderView', () => {
  it('takes order facts by page rank, not by freshness: detail beats a fresher list', () => {
    const view = orderView(
      stored(
        snap('detail', T0, { placedOn: '2026-07-15', storeName: 'Detail store' }),
        snap('list', T0 + H, { placedOn: '2026-07-16', storeName: 'List store', totalText: 'R$ 10' }),
      ),
      { now: T0 + H },
    );
    expect(view.placedOn).toEqual({ value: '2026-07-15', source: 'detail', readAt: T0 });
    expect(view.storeName?.source).toBe('detail');
    // What only the list states still comes through.
    expect(view.totalText).toEqual({ value: 'R$ 10', source: 'list', readAt: T0 + H });
  });

  it('ranks detail > dom-detail > tracking > list > dom-list', () => {
    const kinds = ['dom-list', 'list', 'tracking', 'dom-detail', 'detail'] as const;
    for (let i = 0; i < kinds.length; i++) {
      const reads = kinds
        .slice(0, i + 1)
        .map((k, j) => snap(k, T0 + (10 - j) * H, { shippedOn: `2026-07-1${j}` }));
      expect(orderView(stored(...reads), { now: T0 }).shippedOn?.source).toBe(kinds[i]);
    }
  });

  it('takes the status from the freshest read that states one', () => {
    const view = orderView(
      stored(
        snap('detail', T0, { status: 'awaiting-delivery', statusText: 'Aguardando a entrega' }),
        snap('list', T0 + H, { status: 'completed', statusText: 'Concluído ' }),
        snap('tracking', T0 + 2 * H, {}),
      ),
      { now: T0 + 2 * H },
    );
    expect(view.status).toEqual({ value: 'completed', source: 'list', readAt: T0 + H });
    expect(view.statusText?.value).toBe('Concluído ');
  });

  it('an open case on the refunds page makes the order dispute-open', () => {
    const view = orderView(
      stored(
        snap('detail', T0 + H, { status: 'completed' }),
        snap('refunds', T0, { cases: [{ state: 'open', createdAt: '2026-07-30T10:00:00', caseId: '1' }] }),
      ),
      { now: T0 + H },
    );
    expect(view.status).toEqual({ value: 'dispute-open', source: 'refunds', readAt: T0 });
    expect(view.openCase?.value.caseId).toBe('1');
    expect(view.final).toBe(false);
  });

  it('a finished case does not, nor an open one older than a read saying the order is closed', () => {
    const finished = orderView(
      stored(
        snap('detail', T0, { status: 'completed' }),
        snap('refunds', T0, { cases: [{ state: 'finished' }] }),
      ),
      { now: T0 },
    );
    expect(finished.status?.value).toBe('completed');
    const closedLater = orderView(
      stored(
        snap('detail', T0 + H, { status: 'closed' }),
        snap('refunds', T0, { cases: [{ state: 'open' }] }),
      ),
      { now: T0 + H },
    );
    expect(closedLater.status?.value).toBe('closed');
  });

  it('detail and tracking disagree on the protection end: the earlier one, and the conflict', () => {
    const view = orderView(
      stored(
        snap('detail', T0, { stated: { protectionEnd: '2026-09-04', couponText: 'R$5,00' } }),
        snap('tracking', T0 + H, { stated: { protectionEnd: '2026-09-03' } }),
      ),
      { now: T0 + H },
    );
    expect(view.stated.protectionEnd).toEqual({ value: '2026-09-03', source: 'tracking', readAt: T0 + H });
    expect(view.hasProtectionEndConflict()).toBe(true);
    const detailEarlier = orderView(
      stored(
        snap('detail', T0, { stated: { protectionEnd: '2026-09-02' } }),
        snap('tracking', T0 + H, { stated: { protectionEnd: '2026-09-03' } }),
      ),
      { now: T0 + H },
    );
    expect(detailEarlier.stated.protectionEnd?.source).toBe('detail');
    expect(detailEarlier.hasProtectionEndConflict()).toBe(true);
  });

  it('agreeing pages are no conflict', () => {
    const view = orderView(
      stored(
        snap('detail', T0, { stated: { protectionEnd: '2026-09-04' } }),
        snap('tracking', T0, { stated: { protectionEnd: '2026-09-04' } }),
      ),
      { now: T0 },
    );
    expect(view.hasProtectionEndConflict()).toBe(false);
    expect(view.stated.protectionEnd?.source).toBe('detail');
  });

  it('reads delivery from tracking, with the signed event when no time is given', () => {
    const signed = at('2026-07-27T21:46:00Z');
    const view = orderView(
      stored(
        snap('tracking', T0, {
          tracking: {
            events: [
              { code: 'AE_LH_DEPART', at: signed - DAY_MS },
              { code: 'AE_GTMS_SIGNED', at: signed },
            ],
            delivered: true,
          },
        }),
      ),
      { now: T0 },
    );
    expect(view.delivered).toEqual({ value: signed, source: 'tracking', readAt: T0 });
    const noTime = orderView(stored(snap('tracking', T0, { tracking: { events: [], delivered: true } })), {
      now: T0,
    });
    expect(noTime.delivered?.value).toBeNull();
    const notYet = orderView(stored(snap('tracking', T0, { tracking: { events: [], delivered: false } })), {
      now: T0,
    });
    expect(notYet.delivered).toBeUndefined();
  });

  it('knows whether the page showed its Returns/refunds button', () => {
    const shown = orderView(stored(snap('detail', T0, { buttons: ['TRACKING', 'OPEN_DISPUTE'] })), {
      now: T0,
    });
    // What the ladder reads: the read that listed buttons, and whether the dispute button was one.
    const shownRead = shown.buttonsRead();
    expect(shownRead?.source).toBe('detail');
    expect(shownRead && hasOpenDisputeButton(shownRead)).toBe(true);
    const notShown = orderView(
      stored(snap('detail', T0, { items: [{ title: 'x', buttons: ['TRACKING'] }] })),
      { now: T0 },
    );
    const notShownRead = notShown.buttonsRead();
    expect(notShownRead && hasOpenDisputeButton(notShownRead)).toBe(false);
    expect(orderView(stored(snap('detail', T0)), { now: T0 }).buttonsRead()).toBeUndefined();
  });

  it('is stale when not final and not read for more than staleAfterDays', () => {
    const order = stored(snap('detail', T0, { status: 'awaiting-delivery' }));
    expect(orderView(order, { now: T0 + 7 * DAY_MS }).stale).toBe(false);
    expect(orderView(order, { now: T0 + 7 * DAY_MS + 1 }).stale).toBe(true);
    expect(orderView(order, { now: T0 + 7 * DAY_MS + 1, staleAfterDays: 10 }).stale).toBe(false);
    const done = stored(snap('detail', T0, { status: 'completed' }));
    expect(orderView(done, { now: T0 + 100 * DAY_MS }).stale).toBe(false);
  });
});
