/**
 * A happy-dom window, an in-memory `PageStorage`, English texts, order summaries and a stand-in
 * for the worker's `get-summaries`, for the overlay and chip tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import type { PageStorage, StorageChanges } from '../../../src/content/overlay/storage';
import type { Translate } from '../../../src/core/i18n';
import { translatorFrom } from '../../../src/core/i18n';
import { buildLadder } from '../../../src/core/ladder';
import type { StoredOrder } from '../../../src/core/model';
import { type OrderSummary, summarize } from '../../../src/core/summary';

const en = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'public', '_locales', 'en', 'messages.json'),
    'utf8',
  ),
) as Record<string, { message: string }>;

/** The extension's English messages, as `browser.i18n` would give them. */
export const tEn: Translate = translatorFrom(
  Object.fromEntries(Object.entries(en).map(([k, v]) => [k, v.message])),
);
export const EN_MESSAGES = en;

export function pageWindow(
  url: string,
  html = '<!doctype html><html><head></head><body></body></html>',
): Window {
  const win = new Window({ url, width: 1280, height: 900 });
  win.document.write(html);
  return win;
}

export class MemoryStorage implements PageStorage {
  readonly data = new Map<string, unknown>();
  private readonly listeners = new Set<(changes: StorageChanges) => void>();

  async get(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys) if (this.data.has(key)) out[key] = structuredClone(this.data.get(key));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const changes: StorageChanges = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: this.data.get(key), newValue: value };
      this.data.set(key, structuredClone(value));
    }
    // storage.onChanged fires asynchronously, after the write.
    queueMicrotask(() => {
      for (const listener of this.listeners) listener(changes);
    });
  }

  subscribe(listener: (changes: StorageChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 30));

/** The summary the worker stores for `order`, built at `now` (its ladder, precomputed). */
export function summaryOf(order: StoredOrder, now: number, timeZone = 'UTC'): OrderSummary {
  return summarize(buildLadder(order, { now, timeZone }), { now, timeZone });
}

/**
 * The worker's side of `get-summaries`: its summaries store (a Map) and, on `put`, the `changes`
 * signal it writes to storage.local, as the worker does after every summary write.
 * `calls` records each request; `down` makes it fail as a sleeping worker's port does.
 */
export function workerSummaries(storage: MemoryStorage) {
  const calls: string[][] = [];
  const store = new Map<string, OrderSummary>();
  let rev = 0;
  const stub = {
    calls,
    down: false,
    store,
    /** Stores these summaries and signals them (`all` signals every order). */
    put: async (summaries: readonly OrderSummary[], all = false) => {
      for (const s of summaries) store.set(s.orderId, structuredClone(s));
      rev += 1;
      const orderIds = all ? [] : summaries.map((s) => s.orderId);
      await storage.set({ changes: { rev, at: rev, orderIds, ...(all ? { all: true } : {}) } });
    },
    get: async (ids: readonly string[]): Promise<Map<string, OrderSummary>> => {
      calls.push([...ids]);
      if (stub.down) throw new Error('no answer');
      return new Map(ids.flatMap((id) => (store.has(id) ? [[id, store.get(id) as OrderSummary]] : [])));
    },
  };
  return stub;
}

/**
 * Our shadow roots are closed, so `host.shadowRoot` is null to tests as it is to the page. The
 * tests see inside the way the browser's own tools do: by noting each root as it is attached.
 */
const roots = new WeakMap<Element, { root: ShadowRoot; mode: ShadowRootMode }>();
const attach = typeof Element === 'undefined' ? undefined : Element.prototype.attachShadow;
if (attach) {
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attach.call(this, init);
    roots.set(this, { root, mode: init.mode });
    return root;
  };
}
export const shadowOf = (host: Element | null | undefined): ShadowRoot | null =>
  (host && roots.get(host)?.root) ?? null;
export const shadowModeOf = (host: Element | null | undefined): ShadowRootMode | undefined =>
  host ? roots.get(host)?.mode : undefined;

/**
 * An event as the browser makes it from the buyer's own input (`isTrusted`). happy-dom has no
 * `isTrusted` at all; the page's `dispatchEvent`, `click()` and `requestSubmit()` stay untrusted.
 */
export function asBuyer<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
export const buyerClick = (el: Element | null | undefined): void => {
  el?.dispatchEvent(asBuyer(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
};
