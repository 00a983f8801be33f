/**
 * Whether the reading side could read this page, as the overlay tells the buyer. The content
 * script's own messages to the worker are the source (main.iife.ts passes each one here, with the
 * worker's reply), so the overlay says exactly what the reader concluded, for the URL it concluded
 * it on: a body or page text forwarded to the worker is judged by the worker's reply (`usable`,
 * and `state` / `effects` when it read the page only in part).
 */
import type { DriftEffect } from '../../aliexpress/drift';
import type { Answer, Message, MessageType } from '../../messages';
import type { DriftPage } from '../../ui/drift';

export type PageHealth =
  | { readonly state: 'unknown' }
  | { readonly state: 'ok' }
  | { readonly state: 'partly'; readonly page: DriftPage; readonly effects: readonly DriftEffect[] }
  | { readonly state: 'unreadable'; readonly reason: 'captcha' | 'login' | 'nothing-found' };

const PAGE: Record<string, DriftPage> = {
  'order-list': 'list',
  'order-detail': 'detail',
  tracking: 'tracking',
  refunds: 'refunds',
};

export class HealthTracker {
  private url = '';
  private health: PageHealth = { state: 'unknown' };
  private readonly listeners = new Set<(health: PageHealth) => void>();

  get current(): PageHealth {
    return this.health;
  }

  /** A new page (SPA navigation): what we knew was about the previous one. */
  reset(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.set({ state: 'unknown' });
  }

  /** One message the content script sent to the worker, and the worker's reply when it came. */
  observe(message: Message, pageUrl: string, reply?: Answer<MessageType>): void {
    if (pageUrl !== this.url) this.reset(pageUrl);
    let usable: boolean | undefined;
    if (message.type === 'page-unreadable') {
      this.set({ state: 'unreadable', reason: message.reason });
      return;
    }
    if (message.type === 'page-body' || message.type === 'page-dom') {
      if (reply !== undefined && 'usable' in reply) {
        usable = reply.usable;
        if (reply.state === 'partly') {
          const before = this.health.state === 'partly' ? this.health.effects : [];
          this.set({
            state: 'partly',
            page: PAGE[message.kind] ?? 'detail',
            effects: [...new Set([...before, ...reply.effects])],
          });
          return;
        }
      }
    }
    // A later full read does not hide what an earlier response lacked on the same page.
    if (usable === true && this.health.state !== 'partly') this.set({ state: 'ok' });
    // A later response that yields nothing (a "load more" past the end) must not hide a good read.
    else if (usable === false && this.health.state !== 'ok' && this.health.state !== 'partly')
      this.set({ state: 'unreadable', reason: 'nothing-found' });
  }

  subscribe(listener: (health: PageHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(health: PageHealth): void {
    if (JSON.stringify(health) === JSON.stringify(this.health)) return;
    this.health = health;
    for (const listener of this.listeners) listener(health);
  }
}
