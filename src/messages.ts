/**
 * The one message protocol of the extension, readable in one place.
 *
 * Every message is a zod schema in one discriminated union on `type`; every incoming message is
 * parsed before use (a message that fails is refused with a logged reason and changes nothing).
 * Handlers are keyed by `type` in src/background/messages.ts.
 *
 * Two families, and who may send them (checked in the worker against `sender`):
 * - page messages (`page-body`, `page-dom`, `page-unreadable`): only our content script on an
 *   AliExpress tab. The worker reads them itself; they can only add order data and parser health,
 *   never touch the buyer's own data.
 * - commands (everything else): only our own extension pages (popup, options). Faces read storage
 *   directly and change it only through these. Each command's reply type is in `CommandReplies`;
 *   faces send them with `sendCommand` (src/messages-client.ts).
 *
 * The page-world script hands copies to the isolated content script in DOM events on the page
 * (src/channels.ts); that channel is open to the page itself, so it is just as untrusted as the page.
 */
import { PageText as PageTextSchema } from './aliexpress/dom-text';
import type { DriftEffect } from './aliexpress/drift';
import type { ReadState } from './aliexpress/health';
import { CivilDate, OrderId } from './core/model';
import { Prefs } from './core/reminders';
import type { OrderSummary } from './core/summary';
import { z } from './core/z';
import type { Backup, ImportSummary } from './store/backup';
import { ChecklistItemId, ChecklistReason, NOTE_MAX, PageKind } from './store/items';

/**
 * A copy of one order API response, forwarded as the page received it. The worker reads it, off
 * the page's main thread, behind the readers' own validation.
 */
const PageBody = z.object({
  type: z.literal('page-body'),
  kind: PageKind,
  url: z.string().check(z.maxLength(8_000)),
  focusOrderId: z.optional(z.string().check(z.regex(/^\d{6,24}$/))),
  api: z.string().check(z.maxLength(200)),
  body: z.string().check(z.maxLength(5_000_000)),
});

/** Texts extracted by selector from a rendered page, when no API response was seen. */
const PageDom = z.object({
  type: z.literal('page-dom'),
  kind: PageKind,
  url: z.string().check(z.maxLength(8_000)),
  focusOrderId: z.optional(z.string().check(z.regex(/^\d{6,24}$/))),
  page: PageTextSchema,
});

/**
 * The summaries of some orders (absent ones are left out), as the worker has them. For the panel
 * and chips on AliExpress's pages, which read through the worker rather than carry the schemas.
 */
const GetSummaries = z.object({
  type: z.literal('get-summaries'),
  orderIds: z.array(OrderId).check(z.maxLength(500)),
});

/** The page could not be read at all (captcha wall, logged out, nothing recognisable). */
const PageUnreadable = z.object({
  type: z.literal('page-unreadable'),
  kind: PageKind,
  url: z.string().check(z.maxLength(8_000)),
  reason: z.enum(['captcha', 'login', 'nothing-found']),
});

/** Window ids are `${orderId}:${kind}` (core/ladder.ts). */
const WindowId = z.string().check(z.regex(/^\d{6,24}:[a-z-]{1,40}$/));

/** The buyer marked a window as dealt with (or not): it stops reminding and leaves the badge. */
const SetHandled = z.object({
  type: z.literal('set-handled'),
  windowId: WindowId,
  orderId: OrderId,
  handled: z.boolean(),
});

/** Remind again about this window at `until` (epoch ms), even if its reminder was shown. */
const Snooze = z.object({
  type: z.literal('snooze'),
  windowId: WindowId,
  orderId: OrderId,
  until: z.number().check(z.int(), z.positive()),
});

/**
 * Hides an order from the popup (or shows it again). The worker notes the order's windows from its
 * summary: a read that later finds a new window brings the order back.
 */
const SetHidden = z.object({
  type: z.literal('set-hidden'),
  orderId: OrderId,
  hidden: z.boolean(),
});

/** Starts the evidence checklist of `reason` for an order (a new reason starts with no ticks). */
const ChecklistStart = z.object({
  type: z.literal('checklist-start'),
  orderId: OrderId,
  reason: ChecklistReason,
});
const ChecklistTick = z.object({
  type: z.literal('checklist-tick'),
  orderId: OrderId,
  itemId: ChecklistItemId,
  ticked: z.boolean(),
});
const ChecklistClear = z.object({ type: z.literal('checklist-clear'), orderId: OrderId });

/** The buyer's own note on an order; empty text removes it. */
const SetNote = z.object({
  type: z.literal('set-note'),
  orderId: OrderId,
  text: z.string().check(z.maxLength(NOTE_MAX)),
});

/** The buyer says the seller agreed to a return on `on` (their local day); null takes it back. */
const SetReturnAgreed = z.object({
  type: z.literal('set-return-agreed'),
  orderId: OrderId,
  on: z.nullable(CivilDate),
});

/** The buyer's opt-in sync switch (options page). Off removes our items from storage.sync. */
const SetSync = z.object({ type: z.literal('set-sync'), on: z.boolean() });

const prefsShape = Prefs.shape;
/** Only the fields given change; the rest keep their stored value. */
export const PrefsPatch = z.object({
  leadsDays: z.optional(prefsShape.leadsDays.def.innerType),
  quietHours: z.optional(prefsShape.quietHours.def.innerType),
  kinds: z.optional(prefsShape.kinds.def.innerType),
  badge: z.optional(prefsShape.badge.def.innerType),
});
export type PrefsPatch = z.infer<typeof PrefsPatch>;
// A field added to Prefs must be added to the patch too: this line stops compiling otherwise.
const _patchCoversPrefs: Record<keyof Prefs, unknown> = PrefsPatch.shape;

const SetPrefs = z.object({ type: z.literal('set-prefs'), prefs: PrefsPatch });
const ExportBackup = z.object({ type: z.literal('export-backup') });
/** `backup` is validated whole by the worker: a bad file changes nothing. */
const ImportBackup = z.object({ type: z.literal('import-backup'), backup: z.unknown() });
/** The buyer dismisses set-aside records (by key and when each was set aside); nothing else changes. */
const DismissQuarantined = z.object({
  type: z.literal('dismiss-quarantined'),
  entries: z
    .array(z.object({ key: z.string().check(z.maxLength(300)), at: z.number() }))
    .check(z.maxLength(200)),
});
const DeleteAll = z.object({ type: z.literal('delete-all'), confirm: z.literal(true) });

/** Opens an AliExpress page in a new tab (only https AliExpress URLs; anything else is refused). */
const OpenUrl = z.object({
  type: z.literal('open-url'),
  url: z.string().check(
    z.maxLength(2_000),
    z.refine((url) => isAliExpressUrl(url), 'only https AliExpress URLs'),
  ),
});

export const Message = z.discriminatedUnion('type', [
  PageBody,
  PageDom,
  GetSummaries,
  PageUnreadable,
  SetHandled,
  Snooze,
  SetHidden,
  ChecklistStart,
  ChecklistTick,
  ChecklistClear,
  SetNote,
  SetReturnAgreed,
  SetPrefs,
  SetSync,
  ExportBackup,
  ImportBackup,
  DismissQuarantined,
  DeleteAll,
  OpenUrl,
]);
export type Message = z.infer<typeof Message>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** Who may send each message: our content script on an AliExpress tab, our own extension pages. */
export type SenderRole = 'content' | 'extension-page';
const CONTENT = ['content'] as const;
const PAGES = ['extension-page'] as const;
const BOTH = ['content', 'extension-page'] as const;
export const SENDERS: { readonly [T in MessageType]: readonly SenderRole[] } = {
  // Page reads: only what a page shows can be written by them, and only pages send them.
  'page-body': CONTENT,
  'page-dom': CONTENT,
  'page-unreadable': CONTENT,
  // Reading summaries changes nothing; the panel on AliExpress's pages needs them.
  'get-summaries': BOTH,
  // The panel's "start the evidence checklist" button: from a page it only creates a checklist,
  // never replaces one (src/background/messages.ts).
  'checklist-start': BOTH,
  'set-handled': PAGES,
  snooze: PAGES,
  'set-hidden': PAGES,
  'checklist-tick': PAGES,
  'checklist-clear': PAGES,
  'set-note': PAGES,
  'set-return-agreed': PAGES,
  'set-prefs': PAGES,
  'set-sync': PAGES,
  'export-backup': PAGES,
  'import-backup': PAGES,
  'dismiss-quarantined': PAGES,
  'delete-all': PAGES,
  'open-url': PAGES,
};
export const PAGE_MESSAGE_TYPES = [
  'page-body',
  'page-dom',
  'page-unreadable',
] as const satisfies readonly MessageType[];
export type PageMessageType = (typeof PAGE_MESSAGE_TYPES)[number];
export type CommandType = Exclude<MessageType, PageMessageType | 'get-summaries'>;
export type Command = MessageOf<CommandType>;

/** A refused message or a command that could not be done; nothing was changed. */
export interface Refusal {
  error: string;
}

export interface Done {
  ok: true;
}

/** What a forwarded page read came to, so the page can say when it could not be read. */
export interface PageReadReply {
  readonly stored: number;
  readonly usable: boolean;
  readonly problems: readonly string[];
  /** Read in full, partly read (orders came out, with drift), or unreadable. */
  readonly state: ReadState;
  /** What a partly read page costs the buyer, for the panel's plain words (drift.ts). */
  readonly effects: readonly DriftEffect[];
}

/** What each message answers when it succeeds. */
export interface Replies {
  'page-body': PageReadReply;
  'page-dom': PageReadReply;
  'get-summaries': { summaries: OrderSummary[] };
  'page-unreadable': { stored: 0 };
  'set-handled': Done;
  snooze: Done;
  'set-hidden': Done;
  'checklist-start': Done;
  'checklist-tick': Done;
  'checklist-clear': Done;
  'set-note': Done;
  'set-return-agreed': Done;
  'set-prefs': Done;
  'set-sync': Done;
  'export-backup': Backup;
  'import-backup': ImportSummary;
  'dismiss-quarantined': Done;
  'delete-all': Done;
  'open-url': Done;
}
export type Reply<T extends MessageType> = Replies[T];

/** What a message gets back from the worker: its reply, or a refusal (nothing was changed). */
export type Answer<T extends MessageType> = Reply<T> | Refusal;

/**
 * Sends one message to the worker and resolves with its answer; `undefined` when the worker went
 * away before answering (the page port), so nothing is known.
 */
export type SendToWorker = <M extends Message>(message: M) => Promise<Answer<M['type']> | undefined>;

/** https on aliexpress.com / aliexpress.us or their subdomains; nothing else (not `aliexpress.com.evil`). */
export function isAliExpressUrl(url: string): boolean {
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase();
    return (
      u.protocol === 'https:' &&
      u.username === '' &&
      u.password === '' &&
      (host === 'aliexpress.com' ||
        host.endsWith('.aliexpress.com') ||
        host === 'aliexpress.us' ||
        host.endsWith('.aliexpress.us'))
    );
  } catch {
    return false;
  }
}
