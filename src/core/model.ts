/**
 * The order model: what one read of one AliExpress page says about one order (`OrderSnapshot`),
 * and what we keep of an order across reads (`StoredOrder`).
 *
 * Pure data, no browser API. Every field of a snapshot is optional: a reader fills what the page
 * states and lists the rest in `missing`, it never invents a value.
 *
 * Dates the pages state without a time ("Sep 4, 2026") are kept as civil dates (`YYYY-MM-DD`), not
 * instants: which instant they mean depends on the buyer's time zone, and that is decided in one
 * place (`src/core/time.ts`) with the conservative reading (start of that day).
 */
import { z } from './z';

/** A calendar date with no time and no zone, `YYYY-MM-DD`. */
export const CivilDate = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));
export type CivilDate = z.infer<typeof CivilDate>;

/** AliExpress order ids are 12 to 20 digits; kept as strings (some exceed 2^53). */
export const OrderId = z.string().check(z.regex(/^\d{6,24}$/));
export type OrderId = z.infer<typeof OrderId>;

/** Where a snapshot came from. `dom-*` are the fallbacks read from the rendered page. */
export const SourceKind = z.enum(['list', 'detail', 'tracking', 'refunds', 'dom-list', 'dom-detail']);
export type SourceKind = z.infer<typeof SourceKind>;

export const OrderStatus = z.enum([
  'awaiting-payment',
  'processing',
  'awaiting-shipment',
  'awaiting-delivery',
  'completed',
  'closed',
  'dispute-open',
  'dispute-finished',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/**
 * An instant (epoch ms). Bounded so that no stored time can sit decades ahead: a read or a note
 * dated in 2096 would win every later comparison and freeze the order (issue #12). The real
 * bound, now + 1 day, needs a clock and is checked where data comes in (imports); this one is
 * the schema's own sanity line: years 1970 to 2100.
 */
export const MAX_INSTANT = Date.UTC(2100, 0, 1);
export const Instant = z.number().check(z.nonnegative(), z.maximum(MAX_INSTANT));

/**
 * Hosts a page's URL may point at for us to keep it: AliExpress's own sites and its image CDNs.
 * Anything else (a page could name any site as the "store") is never stored or linked.
 */
const ALIEXPRESS_URL =
  /^https?:\/\/([a-z0-9-]+\.)*(aliexpress\.com|aliexpress\.us|alicdn\.com|aliexpress-media\.com)\.?(:\d{1,5})?([/?#]|$)/i;
/** A regular expression, not `new URL`: stored orders are parsed by the thousand. */
export function isAliExpressAssetUrl(url: string): boolean {
  return ALIEXPRESS_URL.test(url);
}
const AliExpressUrl = z
  .string()
  .check(z.maxLength(2000), z.refine(isAliExpressAssetUrl, 'only AliExpress hosts'));

/** Short texts from pages are capped so a hostile or broken page cannot fill storage. */
const Text = z.string().check(z.maxLength(2000));
const ShortText = z.string().check(z.maxLength(300));

export const Item = z.object({
  title: Text,
  quantity: z.optional(z.number().check(z.int(), z.nonnegative())),
  productId: z.optional(ShortText),
  orderLineId: z.optional(ShortText),
  imageUrl: z.optional(AliExpressUrl),
  priceText: z.optional(ShortText),
  /** Per-line action buttons (e.g. `OPEN_DISPUTE`) the page showed for this item. */
  buttons: z.optional(z.array(ShortText).check(z.maxLength(30))),
});
export type Item = z.infer<typeof Item>;

/** Windows the page itself states. Numbers are days; dates are civil dates. */
export const StatedWindows = z.object({
  /** "Refund if no delivery before <date>". */
  protectionEnd: z.optional(CivilDate),
  /** "Apply for <coupon> if delayed by <date>" (claimable 48 hours after that date). */
  couponDelayedBy: z.optional(CivilDate),
  /** The coupon's amount as the page shows it ("R$5,00"). */
  couponText: z.optional(ShortText),
  /** "return/refund within N days of confirming receipt". */
  returnDaysAfterReceipt: z.optional(z.number().check(z.int(), z.positive(), z.maximum(365))),
  /** "open a dispute within N days after order was placed". */
  disputeDaysAfterOrder: z.optional(z.number().check(z.int(), z.positive(), z.maximum(365))),
  /** "Send it back within N days after delivery" (free return). */
  freeReturnDaysAfterDelivery: z.optional(z.number().check(z.int(), z.positive(), z.maximum(365))),
  /** "Estimated delivery date: <date>". */
  estimatedDelivery: z.optional(CivilDate),
});
export type StatedWindows = z.infer<typeof StatedWindows>;

/**
 * Where a parcel is, in the order a parcel goes through them. The reader maps AliExpress's codes
 * (and, for a code it does not know, the event's text) to one of these (src/aliexpress/tracking-stages.ts).
 */
export const TrackingStage = z.enum([
  'ordered',
  'warehouse',
  'line-haul',
  'customs',
  'last-mile',
  'delivered',
  'unknown',
]);
export type TrackingStage = z.infer<typeof TrackingStage>;

export const TrackingEvent = z.object({
  /** Epoch ms when the page gives an absolute time; absent when only a year-less text is given. */
  at: z.optional(Instant),
  /** The page's own display text for the time ("Sat | Sep. 19 18:46"). */
  timeText: z.optional(ShortText),
  text: z.optional(Text),
  /** Locale-independent code, e.g. `AE_GTMS_SIGNED`. */
  code: z.optional(ShortText),
  /** The stage this event puts the parcel in; absent in reads older than stages (read as unknown). */
  stage: z.optional(TrackingStage),
});
export type TrackingEvent = z.infer<typeof TrackingEvent>;

export const Tracking = z.object({
  mailNo: z.optional(ShortText),
  carrier: z.optional(ShortText),
  events: z.array(TrackingEvent).check(z.maxLength(500)),
  delivered: z.boolean(),
  deliveredAt: z.optional(Instant),
  /** AliExpress's own delivery estimate (`etaInfo`), epoch ms, when the page states one. */
  eta: z.optional(z.object({ begin: z.optional(Instant), end: Instant })),
});
export type Tracking = z.infer<typeof Tracking>;

export const CaseState = z.enum(['open', 'finished']);
export const RefundCase = z.object({
  caseId: z.optional(ShortText),
  orderLineId: z.optional(ShortText),
  /** Local wall time as the page gives it, `YYYY-MM-DDTHH:mm:ss` (no zone). */
  createdAt: z.optional(ShortText),
  state: CaseState,
  type: z.optional(ShortText),
  /**
   * The date a return was agreed (seller or platform accepted "return and refund"), when the page
   * states it: the buyer must then ship the return within 10 days (core rule ship-return-after-agreed).
   */
  returnAgreedOn: z.optional(CivilDate),
});
export type RefundCase = z.infer<typeof RefundCase>;

/** Facts the buyer states from the popup; `at` is when, so two copies merge by the newer. */
export const BuyerStated = z.object({
  returnAgreedOn: z.optional(CivilDate),
  at: Instant,
});
export type BuyerStated = z.infer<typeof BuyerStated>;

export const OrderSnapshot = z.object({
  orderId: OrderId,
  source: SourceKind,
  /** Epoch ms of the read. */
  readAt: Instant,
  /** The page language as detected (`en`, `pt`, ...). */
  lang: z.optional(ShortText),
  status: z.optional(OrderStatus),
  /** The page's own status text, kept for display when we could not map it. */
  statusText: z.optional(ShortText),
  placedOn: z.optional(CivilDate),
  paidOn: z.optional(CivilDate),
  shippedOn: z.optional(CivilDate),
  completedOn: z.optional(CivilDate),
  storeName: z.optional(ShortText),
  storeUrl: z.optional(AliExpressUrl),
  items: z.optional(z.array(Item).check(z.maxLength(100))),
  totalText: z.optional(ShortText),
  /** Order-level action buttons the page showed (`CONFIRM_GOODS`, `OPEN_DISPUTE`, ...). */
  buttons: z.optional(z.array(ShortText).check(z.maxLength(30))),
  stated: z.optional(StatedWindows),
  tracking: z.optional(Tracking),
  cases: z.optional(z.array(RefundCase).check(z.maxLength(100))),
  /** Names of the fields this page kind should have given but did not (for parser health). */
  missing: z.array(ShortText).check(z.maxLength(100)),
});
export type OrderSnapshot = z.infer<typeof OrderSnapshot>;

/**
 * What we keep of one order: the latest snapshot from each source kind, merged field by field
 * (a later read of the same kind replaces what it saw and keeps what it did not).
 * Reads from different kinds are kept apart so that the view can say where each fact came from
 * and compare them (detail vs tracking protection dates).
 */
export const StoredOrder = z.object({
  orderId: OrderId,
  firstSeen: Instant,
  lastSeen: Instant,
  reads: z.partialRecord(SourceKind, OrderSnapshot),
  /**
   * When each field of each source's read was last stated (`'placedOn'`, `'stated.protectionEnd'`):
   * a field kept from an older read keeps its older time, so "read on ..." is always true.
   */
  fieldReadAt: z.optional(z.partialRecord(SourceKind, z.record(z.string().check(z.maxLength(100)), Instant))),
  /**
   * What the buyer told us about this order from our own pages (never a page read): the day the
   * seller agreed to a return, which no page we read states. Page reads keep it as it is.
   */
  buyer: z.optional(BuyerStated),
});
export type StoredOrder = z.infer<typeof StoredOrder>;
