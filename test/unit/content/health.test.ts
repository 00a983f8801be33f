import { describe, expect, it } from 'vitest';
import type { DriftEffect } from '../../../src/aliexpress/drift';
import { HealthTracker, type PageHealth } from '../../../src/content/overlay/health';
import type { Message } from '../../../src/messages';

const URL_A = 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322';
const URL_B = 'https://www.aliexpress.com/p/order/index.html';

const body: Message = { type: 'page-body', kind: 'order-detail', url: URL_A, api: 'detail', body: '{}' };
/** A forwarded body and the worker's answer about it. */
const read = (usable: boolean) =>
  [
    body,
    URL_A,
    {
      stored: usable ? 1 : 0,
      usable,
      problems: [],
      state: usable ? ('read' as const) : ('unreadable' as const),
      effects: [],
    },
  ] as const;

describe('page health as the overlay shows it', () => {
  it('follows what the reader concluded, per URL', () => {
    const tracker = new HealthTracker();
    const seen: PageHealth[] = [];
    tracker.subscribe((h) => seen.push(h));
    tracker.reset(URL_A);
    expect(tracker.current).toEqual({ state: 'unknown' });
    tracker.observe(...read(false));
    expect(tracker.current).toEqual({ state: 'unreadable', reason: 'nothing-found' });
    tracker.observe(...read(true));
    expect(tracker.current).toEqual({ state: 'ok' });
    // A later body that yields nothing ("load more" past the end) does not hide the good read.
    tracker.observe(...read(false));
    expect(tracker.current).toEqual({ state: 'ok' });
    // A wall says why.
    tracker.observe({ type: 'page-unreadable', kind: 'order-list', url: URL_B, reason: 'captcha' }, URL_B);
    expect(tracker.current).toEqual({ state: 'unreadable', reason: 'captcha' });
    // A navigation forgets it.
    tracker.reset(URL_A);
    expect(tracker.current).toEqual({ state: 'unknown' });
    expect(seen.map((h) => h.state)).toEqual(['unreadable', 'ok', 'unknown', 'unreadable', 'unknown']);
  });

  it('ignores commands, and does not notify when nothing changed', () => {
    const tracker = new HealthTracker();
    tracker.reset(URL_A);
    let calls = 0;
    tracker.subscribe(() => calls++);
    tracker.observe({ type: 'checklist-clear', orderId: '8212313961591322' }, URL_A);
    tracker.reset(URL_A);
    expect(calls).toBe(0);
    expect(tracker.current.state).toBe('unknown');
  });
});

describe('page health from the worker’s reply', () => {
  it('judges a forwarded body by what the worker answered', () => {
    const tracker = new HealthTracker();
    tracker.reset(URL_A);
    tracker.observe(body, URL_A);
    expect(tracker.current.state).toBe('unknown');
    tracker.observe(body, URL_A, { error: 'sender refused' });
    expect(tracker.current.state).toBe('unknown');
    tracker.observe(body, URL_A, {
      stored: 0,
      usable: false,
      problems: ['no order'],
      state: 'unreadable',
      effects: [],
    });
    expect(tracker.current).toEqual({ state: 'unreadable', reason: 'nothing-found' });
    tracker.observe(body, URL_A, { stored: 1, usable: true, problems: [], state: 'read', effects: [] });
    expect(tracker.current).toEqual({ state: 'ok' });
  });
});

describe('a page read only in part', () => {
  const partly = (effects: DriftEffect[]) =>
    [body, URL_A, { stored: 1, usable: true, problems: [], state: 'partly' as const, effects }] as const;

  it('says partly read, with what it costs, and a later full read does not hide it', () => {
    const tracker = new HealthTracker();
    tracker.reset(URL_A);
    tracker.observe(...read(true));
    tracker.observe(...partly(['dates']));
    expect(tracker.current).toEqual({ state: 'partly', page: 'detail', effects: ['dates'] });
    tracker.observe(...partly(['deadlines', 'dates']));
    expect(tracker.current).toEqual({ state: 'partly', page: 'detail', effects: ['dates', 'deadlines'] });
    tracker.observe(...read(true));
    tracker.observe(...read(false));
    expect(tracker.current.state).toBe('partly');
    tracker.reset(URL_B);
    expect(tracker.current).toEqual({ state: 'unknown' });
  });
});
