/**
 * Names of the extension's two internal channels, in a module of their own so that the page
 * scripts, which must stay tiny, import them without the message schemas.
 */
import type { Answer, Message, MessageType, Refusal } from './messages';

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

/** What goes over the page port, content script -> worker: one message, numbered by the page. */
export interface PortRequest {
  readonly id: number;
  readonly message: Message;
}

/** What comes back, worker -> content script: the answer to request `id`. */
export interface PortReply<T extends MessageType = MessageType> {
  readonly id: number;
  readonly reply: Answer<T>;
}

/** The port's shape check on either end (the message inside is parsed by the worker's schema). */
export function isPortRequest(envelope: unknown): envelope is { id: number; message: unknown } {
  return (
    typeof envelope === 'object' && envelope !== null && 'id' in envelope && typeof envelope.id === 'number'
  );
}

/** Our worker's reply (trusted: it comes over our own port); only its envelope is checked. */
export function isPortReply(envelope: unknown): envelope is PortReply {
  return (
    isPortRequest(envelope) &&
    'reply' in envelope &&
    typeof envelope.reply === 'object' &&
    envelope.reply !== null
  );
}

/** Whether an answer is a refusal (a zod-free check the page bundle can carry). */
export const isRefusal = (answer: object): answer is Refusal => 'error' in answer;
