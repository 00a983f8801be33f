/**
 * The one message protocol of the extension, readable in one place.
 *
 * Every message is a zod schema in one discriminated union on `type`; every incoming message is
 * parsed before use (a message that fails is refused with a logged reason and changes nothing).
 * Handlers are keyed by `type` in src/background/messages.ts.
 *
 * The page-world script talks to the isolated content script through `window.postMessage`; that
 * channel is open to the page itself, so its messages are just as untrusted as the page.
 */
import { ParserHealth } from './aliexpress/health';
import { OrderSnapshot } from './core/model';
import { z } from './core/z';

/** Page world -> isolated content script: a copy of one API response body, as text. */
export const PAGE_WORLD_CHANNEL = 'protection-clock:page-world:v1';
export const PageWorldMessage = z.object({
  channel: z.literal(PAGE_WORLD_CHANNEL),
  api: z.string().check(z.maxLength(200)),
  url: z.string().check(z.maxLength(8_000)),
  /** Bodies above 5 MB are not orders pages; refusing them bounds the work on a hostile page. */
  body: z.string().check(z.maxLength(5_000_000)),
});
export type PageWorldMessage = z.infer<typeof PageWorldMessage>;

export const PageKind = z.enum(['order-list', 'order-detail', 'tracking', 'refunds']);
export type PageKind = z.infer<typeof PageKind>;

const PageRead = z.object({
  type: z.literal('page-read'),
  kind: PageKind,
  url: z.string().check(z.maxLength(8_000)),
  /** The order this tab shows (detail/tracking pages), so the badge can follow the tab. */
  focusOrderId: z.optional(z.string().check(z.regex(/^\d{6,24}$/))),
  snapshots: z.array(OrderSnapshot).check(z.maxLength(500)),
  health: ParserHealth,
});

/** The page could not be read at all (captcha wall, logged out, nothing recognisable). */
const PageUnreadable = z.object({
  type: z.literal('page-unreadable'),
  kind: PageKind,
  url: z.string().check(z.maxLength(8_000)),
  reason: z.enum(['captcha', 'login', 'nothing-found']),
});

export const Message = z.discriminatedUnion('type', [PageRead, PageUnreadable]);
export type Message = z.infer<typeof Message>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
