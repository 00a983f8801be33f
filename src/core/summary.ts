/**
 * An order's summary: its deadline ladder, precomputed, with the few facts the faces show.
 *
 * Full orders (every read of every page, several KB each) live where only the worker reads them.
 * Everything else — the scheduler's planning, the badge, the popup, the options page's exports and
 * the panel on AliExpress's pages — works from summaries: small, plain data, one per order, rebuilt
 * by the worker whenever the order changes. That keeps 10,000 orders cheap to plan and a popup of
 * 2,000 orders fast to open.
 *
 * Windows are absolute instants and do not change with time; whether a date has gone stale does,
 * so `freshen` recomputes it at display time from `seenAt` (`buildLadder` does the same at build).
 */
import { type JourneyFacts, journeyFacts } from './journey';
import type { Ladder } from './ladder';
import { CivilDate, OrderId, OrderStatus, SourceKind, TrackingStage } from './model';
import { RULE_IDS } from './rule-ids';
import type { Fact } from './view';
import { WindowKind } from './window-kind';
import { ACTION_IDS, CONFIDENCES, WINDOW_BASES, WINDOW_NOTES } from './windows';
import { z } from './z';

const fact = <T extends z.core.SomeType>(value: T) =>
  z.object({ value, source: SourceKind, readAt: z.number() });

const ShortText = z.string().check(z.maxLength(2000));
/** Items kept per summary, and their titles' length: enough for a row, a panel and a message. */
const SUMMARY_ITEMS_MAX = 3;
const SUMMARY_TITLE_MAX = 150;
const Instant = z.nullable(z.number());

const RuleIdSchema = z.enum(RULE_IDS);

/**
 * A window as stored: its `id` and `orderId` are left out (they are `${orderId}:${kind}` and the
 * summary's own order id), which makes a summary about a tenth smaller. Parsing puts them back.
 */
const StoredWindow = z.object({
  kind: WindowKind,
  opensAt: Instant,
  closesAt: Instant,
  action: z.enum(ACTION_IDS),
  losesMoney: z.boolean(),
  confidence: z.enum(CONFIDENCES),
  source: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('stated'),
      page: SourceKind,
      readAt: z.number(),
      text: z.optional(ShortText),
    }),
    z.object({ type: z.literal('rule'), ruleId: RuleIdSchema }),
  ]),
  basis: z.enum(WINDOW_BASES),
  seenAt: Instant,
  note: z.optional(z.enum(WINDOW_NOTES)),
});
export type SummaryWindow = z.output<typeof StoredWindow> & { id: string; orderId: string };

/** The facts the faces show, each with where and when it was read. A subset of `OrderView`. */
export const SummaryView = z.object({
  orderId: OrderId,
  status: z.optional(fact(OrderStatus)),
  statusText: z.optional(fact(ShortText)),
  storeName: z.optional(fact(ShortText)),
  placedOn: z.optional(fact(CivilDate)),
  /** The first few items (title and quantity): enough for a row, a panel and a message. */
  items: z.optional(
    fact(
      z
        .array(
          z.object({
            title: z.string().check(z.maxLength(SUMMARY_TITLE_MAX)),
            quantity: z.optional(z.number()),
          }),
        )
        .check(z.maxLength(SUMMARY_ITEMS_MAX)),
    ),
  ),
  /** What the journey reads beyond the windows (src/core/journey.ts); absent in older summaries. */
  facts: z.optional(
    z.object({
      status: z.optional(OrderStatus),
      deliveredAt: z.optional(z.nullable(z.number())),
      openCase: z.optional(
        z.object({
          type: z.optional(z.string().check(z.maxLength(300))),
          createdAt: z.optional(z.string().check(z.maxLength(300))),
          returnAgreedOn: z.optional(CivilDate),
          returnAgreedByYou: z.optional(z.literal(true)),
        }),
      ),
      /** The parcel's stage and last scan while on its way (src/core/forecast.ts `Parcel`). */
      parcel: z.optional(
        z.object({
          stage: TrackingStage,
          stageSince: z.optional(z.number()),
          lastScanAt: z.optional(z.number()),
          lastScanText: z.optional(z.string().check(z.maxLength(300))),
          carrier: z.optional(z.string().check(z.maxLength(300))),
          mailNo: z.optional(z.string().check(z.maxLength(300))),
          eta: z.optional(z.object({ begin: z.optional(z.number()), end: z.number() })),
          deliveredAt: z.optional(z.number()),
        }),
      ),
    }),
  ),
  stated: z.object({
    protectionEnd: z.optional(fact(CivilDate)),
    /** What the page gave as the estimated delivery: messages say how late the parcel is. */
    estimatedDelivery: z.optional(fact(CivilDate)),
  }),
  /** What messages to the seller are filled with (order and ship dates, price, tracking). */
  shippedOn: z.optional(fact(CivilDate)),
  totalText: z.optional(fact(z.string().check(z.maxLength(80)))),
  tracking: z.optional(
    fact(
      z.object({
        mailNo: z.optional(z.string().check(z.maxLength(80))),
        carrier: z.optional(z.string().check(z.maxLength(80))),
      }),
    ),
  ),
  final: z.boolean(),
  lastReadAt: z.number(),
  stale: z.boolean(),
});
export type SummaryView = z.infer<typeof SummaryView>;

/** A summary as kept in storage (`toStored`); parse it with `OrderSummary`. */
export const StoredSummary = z.object({
  orderId: OrderId,
  /** When, and in which time zone, the windows were computed (a new zone means a rebuild). */
  builtAt: z.number(),
  timeZone: z.string().check(z.maxLength(80)),
  view: SummaryView,
  windows: z.array(StoredWindow).check(z.maxLength(40)),
});
export type StoredSummary = z.output<typeof StoredSummary>;

export interface OrderSummary extends Omit<StoredSummary, 'windows'> {
  windows: SummaryWindow[];
}

/**
 * Parses a stored summary (or a full one: the extra window fields are dropped) into an `OrderSummary`.
 * The windows zod has just built (new objects, never the input's) get their ids in place: copying
 * them again cost the popup a third of its parse time at 2,000 orders.
 */
export const OrderSummary = z.pipe(
  StoredSummary,
  z.transform((stored): OrderSummary => {
    for (const w of stored.windows as Partial<SummaryWindow>[]) {
      w.id = `${stored.orderId}:${w.kind}`;
      w.orderId = stored.orderId;
    }
    return stored as OrderSummary;
  }),
);

/** The summary as it is written to storage: windows without what parsing puts back. */
export function toStored(summary: OrderSummary): StoredSummary {
  return { ...summary, windows: summary.windows.map(({ id: _id, orderId: _orderId, ...rest }) => rest) };
}

/** The facts faces read of an order: an `OrderView` and a summary's view both fit. */
export interface FaceView {
  readonly orderId: string;
  readonly status?: Fact<OrderStatus> | undefined;
  readonly statusText?: Fact<string> | undefined;
  readonly storeName?: Fact<string> | undefined;
  readonly placedOn?: Fact<CivilDate> | undefined;
  readonly items?:
    | Fact<readonly { readonly title: string; readonly quantity?: number | undefined }[]>
    | undefined;
  readonly facts?: JourneyFacts | undefined;
  readonly stated: {
    readonly protectionEnd?: Fact<CivilDate> | undefined;
    readonly estimatedDelivery?: Fact<CivilDate> | undefined;
  };
  readonly shippedOn?: Fact<CivilDate> | undefined;
  readonly totalText?: Fact<string> | undefined;
  readonly tracking?:
    | Fact<{ readonly mailNo?: string | undefined; readonly carrier?: string | undefined }>
    | undefined;
  readonly final: boolean;
  readonly lastReadAt: number;
  readonly stale: boolean;
}

/** What planning, the badge and the faces need of a ladder: a summary or a full ladder both fit. */
export type LadderLike = Pick<Ladder, 'orderId' | 'windows'> & { readonly view: FaceView };

/** The summary of a freshly built ladder: plain data (the view's lazy facts are read out here). */
export function summarize(ladder: Ladder, ctx: { now: number; timeZone: string }): OrderSummary {
  const v = ladder.view;
  const view: SummaryView = {
    orderId: v.orderId,
    stated: {},
    final: v.final,
    lastReadAt: v.lastReadAt,
    stale: v.stale,
  };
  if (v.status) view.status = { ...v.status };
  if (v.statusText) view.statusText = { ...v.statusText };
  if (v.storeName) view.storeName = { ...v.storeName };
  if (v.placedOn) view.placedOn = { ...v.placedOn };
  if (v.items) {
    view.items = {
      source: v.items.source,
      readAt: v.items.readAt,
      value: v.items.value.slice(0, SUMMARY_ITEMS_MAX).map((item) => ({
        title: item.title.slice(0, SUMMARY_TITLE_MAX),
        ...(item.quantity === undefined ? {} : { quantity: item.quantity }),
      })),
    };
  }
  const end = v.stated.protectionEnd;
  if (end) view.stated.protectionEnd = { ...end };
  view.facts = journeyFacts(v);
  const eta = v.stated.estimatedDelivery;
  if (eta) view.stated.estimatedDelivery = { ...eta };
  if (v.shippedOn) view.shippedOn = { ...v.shippedOn };
  if (v.totalText) view.totalText = { ...v.totalText, value: v.totalText.value.slice(0, 80) };
  const tracking = v.tracking;
  if (tracking && (tracking.value.mailNo || tracking.value.carrier)) {
    const { mailNo, carrier } = tracking.value;
    view.tracking = {
      source: tracking.source,
      readAt: tracking.readAt,
      value: {
        ...(mailNo ? { mailNo: mailNo.slice(0, 80) } : {}),
        ...(carrier ? { carrier: carrier.slice(0, 80) } : {}),
      },
    };
  }
  return {
    orderId: ladder.orderId,
    builtAt: ctx.now,
    timeZone: ctx.timeZone,
    view,
    windows: ladder.windows.map((w) => ({
      ...w,
      source: { ...w.source },
    })),
  };
}

export { freshen } from './freshen';
