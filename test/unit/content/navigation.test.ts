import { describe, expect, it } from 'vitest';
import { URL_POLL_MS, watchUrl } from '../../../src/content/overlay/navigation';
import { pageWindow } from './helpers';

describe('following SPA navigations', () => {
  it('uses the Navigation API where the browser has it', () => {
    const win = pageWindow('https://www.aliexpress.com/p/order/index.html');
    const navigation = new EventTarget();
    Object.defineProperty(win, 'navigation', { value: navigation });
    const urls: string[] = [];
    const stop = watchUrl((url) => urls.push(url), win as unknown as Window);
    win.history.pushState({}, '', '/p/order/detail.html?orderId=8212313961591322');
    navigation.dispatchEvent(new Event('currententrychange'));
    // The same URL again is not a navigation.
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(urls).toEqual(['https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322']);
    stop();
    win.history.pushState({}, '', '/p/order/index.html');
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(urls).toHaveLength(1);
    win.close();
  });

  it('falls back to popstate and a cheap poll elsewhere', () => {
    const win = pageWindow('https://www.aliexpress.com/p/order/index.html');
    Object.defineProperty(win, 'navigation', { value: undefined });
    // happy-dom's timers are its own: drive the poll through the window's setInterval.
    const intervals: Array<() => void> = [];
    win.setInterval = ((fn: () => void, ms: number) => {
      expect(ms).toBe(URL_POLL_MS);
      intervals.push(fn);
      return intervals.length;
    }) as unknown as typeof win.setInterval;
    const urls: string[] = [];
    watchUrl((url) => urls.push(url), win as unknown as Window);
    win.history.pushState({}, '', '/p/order/detail.html?orderId=1');
    for (const fn of intervals) fn();
    expect(urls).toEqual(['https://www.aliexpress.com/p/order/detail.html?orderId=1']);
    win.history.pushState({}, '', '/p/order/index.html');
    win.dispatchEvent(new win.PopStateEvent('popstate'));
    expect(urls.at(-1)).toBe('https://www.aliexpress.com/p/order/index.html');
    win.close();
  });
});
