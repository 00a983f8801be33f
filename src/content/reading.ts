/**
 * The isolated side of page reading: takes the page world's copies of API bodies (untrusted: the
 * page can post anything on that channel), reads them into snapshots and hands them to the worker.
 * When no API response arrives, it falls back to reading the rendered page, and when the page is a
 * captcha or login wall it says so, so the buyer is told rather than shown stale dates as fresh.
 */
import { detectWall, parseBody, readApiBody, readPage } from '../aliexpress';
import { orderIdFromUrl, pageKind } from '../aliexpress/pages';
import { describeIssues, z } from '../core/z';
import { type Message, type PageKind, PageWorldMessage } from '../messages';

export type Send = (message: Message) => Promise<unknown>;

/** How long after load we wait for an API response before reading the rendered page instead. */
export const DOM_FALLBACK_AFTER_MS = 4000;

export function startReading(send: Send, now: () => number = Date.now): void {
  let sawApi = false;

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window || event.origin !== window.location.origin) return;
    const data = event.data;
    if (typeof data !== 'object' || data === null || !('channel' in data)) return;
    const parsed = z.safeParse(PageWorldMessage, data);
    if (!parsed.success) {
      console.warn('[protection-clock] ignored a malformed page message:', describeIssues(parsed.error));
      return;
    }
    sawApi = true;
    const kind = pageKind(window.location.href);
    if (!kind) return;
    const { api, body } = parsed.data;
    const result = readApiBody(api, parseBody(body), {
      readAt: now(),
      pageUrl: window.location.href,
      lang: document.documentElement.lang || undefined,
    });
    report(send, kind, result);
  });

  const fallback = () => {
    if (sawApi) return;
    const kind = pageKind(window.location.href);
    if (!kind) return;
    const wall = detectWall(document, window.location.href);
    if (wall) {
      void send({ type: 'page-unreadable', kind, url: window.location.href, reason: wall });
      return;
    }
    report(
      send,
      kind,
      readPage(document, window.location.href, {
        readAt: now(),
        pageUrl: window.location.href,
        lang: document.documentElement.lang || undefined,
      }),
    );
  };
  const armFallback = () => window.setTimeout(fallback, DOM_FALLBACK_AFTER_MS);
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', armFallback, { once: true });
  else armFallback();
}

function report(send: Send, kind: PageKind, result: ReturnType<typeof readApiBody>): void {
  if (!result.health.usable) {
    console.warn(
      '[protection-clock] could not read this page:',
      result.health.problems.join('; ') || 'nothing usable',
    );
  }
  const focus = orderIdFromUrl(window.location.href);
  void send({
    type: 'page-read',
    kind,
    url: window.location.href,
    ...(focus ? { focusOrderId: focus } : {}),
    snapshots: result.snapshots,
    health: result.health,
  });
}
