/**
 * Names of the extension's two internal channels, in a module of their own so that the page
 * scripts, which must stay tiny, import them without the message schemas.
 */

/**
 * Page world -> isolated content script: a `CustomEvent` of this type dispatched on `document`,
 * whose `detail` is one string (`PageCopy`, below). Open to the page, so untrusted.
 */
export const PAGE_WORLD_EVENT = 'protection-clock:page-world:v2';

/**
 * A copy as one string: the JSON of `[api, url]`, a newline, then the body as the page read it.
 * One string because it is the one `detail` both browsers pass between worlds as it is (Firefox
 * refuses an object from the page's world; Chromium would structure-clone it).
 */
export function packCopy(api: string, url: string, body: string): string {
  return `${JSON.stringify([api, url])}\n${body}`;
}

export function unpackCopy(detail: unknown): { api: string; url: string; body: string } | undefined {
  if (typeof detail !== 'string') return undefined;
  const cut = detail.indexOf('\n');
  if (cut < 0 || cut > 10_000) return undefined;
  try {
    const head: unknown = JSON.parse(detail.slice(0, cut));
    if (!Array.isArray(head) || head.length !== 2) return undefined;
    const [api, url] = head as unknown[];
    if (typeof api !== 'string' || typeof url !== 'string') return undefined;
    return { api, url, body: detail.slice(cut + 1) };
  } catch {
    return undefined;
  }
}

/** AliExpress tab -> worker, one long-lived `runtime.connect` port per page (src/content/worker-port.ts). */
export const PAGE_PORT_NAME = 'protection-clock:page';
