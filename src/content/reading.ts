/**
 * The isolated side of page reading: a courier, not a reader. It takes the page world's copies of
 * API bodies and forwards them to the worker, which reads them behind zod and the readers' own
 * checks. When no API response arrives, it extracts texts from the rendered page by selector and
 * forwards those; when the page is a captcha or login wall it says so, so the buyer is told rather
 * than shown stale dates as fresh.
 *
 * Why nothing is interpreted here: this runs on the page's main thread and ships inside every
 * AliExpress order page. JSON parsing, eight language tables, the date parser and zod cost the page
 * about 5 ms per response and the bundle 25 KB gzip; in the worker they cost the page nothing.
 * The checks below only keep obvious junk off the wire; the worker's schemas are the border.
 */
import { detectWall, extractDetailDom, extractListDom } from '../aliexpress/dom-extract';
import { orderIdFromUrl, pageKind } from '../aliexpress/pages';
import { isRefusal, PAGE_WORLD_EVENT, unpackCopy } from '../channels';
import type { Answer, MessageOf, SendToWorker } from '../messages';

export type Send = SendToWorker;

/** How long after load (or an SPA navigation) we wait for an API response before reading the DOM. */
export const DOM_FALLBACK_AFTER_MS = 4000;
/** The worker refuses larger bodies; not sending them spares the copy (the head adds a little). */
const MAX_COPY = 5_010_000;

/**
 * Page bodies go to the worker one at a time, and while one is in flight only the newest body of
 * each API waits: a page that fires hundreds of responses (issue #12: 40 forged events made 75,000
 * orders) costs the worker one read per API at a time, and the newest is the one that counts. Per
 * API, because a real order page answers its detail and tracking calls together.
 */
type SendBody = (message: MessageOf<'page-body'>) => Promise<Answer<'page-body'> | undefined>;

export function oneAtATime(send: SendBody): SendBody {
  let inFlight = false;
  const pending = new Map<
    string,
    { message: MessageOf<'page-body'>; resolve: (reply: Answer<'page-body'> | undefined) => void }
  >();
  const pump = async (message: MessageOf<'page-body'>): Promise<Answer<'page-body'> | undefined> => {
    inFlight = true;
    try {
      return await send(message);
    } finally {
      const next = pending.entries().next();
      if (next.done) inFlight = false;
      else {
        const [api, waiting] = next.value;
        pending.delete(api);
        void pump(waiting.message).then(waiting.resolve);
      }
    }
  };
  return (message) => {
    if (!inFlight) return pump(message);
    return new Promise((resolve) => {
      // An older body of the same API that never left is superseded: it answers "not sent".
      pending.get(message.api)?.resolve(undefined);
      pending.set(message.api, { message, resolve });
    });
  };
}

export interface Reading {
  /** The SPA changed URL: the DOM fallback is armed again for the new page. */
  navigated(url: string): void;
}

export function startReading(send: Send): Reading {
  const sendBody = oneAtATime(send);
  let sawApi = false;
  let timer: number | undefined;

  const focus = () => {
    const id = orderIdFromUrl(window.location.href);
    return id ? { focusOrderId: id } : {};
  };

  // The page world's copies (src/page-world/interceptor.iife.ts): one string per response.
  document.addEventListener(PAGE_WORLD_EVENT, (event: Event) => {
    // The page kind first: on a page we do not read, the copy is not even looked at.
    const kind = pageKind(window.location.href);
    if (!kind) return;
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string' || detail.length > MAX_COPY) return;
    const copy = unpackCopy(detail);
    if (!copy || copy.api.length > 200 || copy.url.length > 8000) return;
    sawApi = true;
    const { api, body } = copy;
    void sendBody({ type: 'page-body', kind, url: window.location.href, ...focus(), api, body }).then(
      (reply) => {
        if (reply !== undefined && !isRefusal(reply) && !reply.usable) {
          console.warn(
            '[protection-clock] could not read this page:',
            reply.problems.join('; ') || 'nothing usable',
          );
        }
      },
    );
  });

  const fallback = () => {
    timer = undefined;
    if (sawApi) return;
    const url = window.location.href;
    const kind = pageKind(url);
    if (!kind) return;
    const wall = detectWall(document, url);
    if (wall) {
      console.warn(`[protection-clock] could not read this page: a ${wall} page stands in front of it`);
      void send({ type: 'page-unreadable', kind, url, reason: wall });
      return;
    }
    if (kind === 'order-list')
      void send({ type: 'page-dom', kind, url, ...focus(), page: extractListDom(document) });
    else if (kind === 'order-detail')
      void send({ type: 'page-dom', kind, url, ...focus(), page: extractDetailDom(document) });
  };
  const arm = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(fallback, DOM_FALLBACK_AFTER_MS);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', arm, { once: true });
  else arm();

  return {
    navigated: () => {
      sawApi = false;
      arm();
    },
  };
}
