/**
 * FROZEN REFERENCE, not used by the extension: the eager view.ts as of commit e985b59, before the view
 * became lazy. equivalence.test.ts checks that src/core gives exactly what this gave. Do not edit.
 */
/**
 * One order's facts merged across its reads (list, detail, tracking, refunds, DOM fallbacks), each
 * fact with its provenance, so the ladder can say "stated by the detail page, read on …" and the
 * UI can say "last seen …".
 *
 * Precedence for order facts: detail > dom-detail > tracking > list > dom-list (> refunds, which
 * states cases only). The detail page is the one that states dates and windows; the DOM fallback of
 * the same page is next; the list states no dates at all. Within equal rank the freshest read wins.
 * Status is different: it changes over time, so the freshest read that states one wins, except that
 * an open case on the refunds page makes the order dispute-open.
 */
import type {
  CivilDate,
  Item,
  OrderId,
  OrderSnapshot,
  OrderStatus,
  RefundCase,
  SourceKind,
  StatedWindows,
  StoredOrder,
  Tracking,
} from '../../../../src/core/model';
import { DAY_MS } from '../../../../src/core/time';

export interface Fact<T> {
  readonly value: T;
  readonly source: SourceKind;
  /** Epoch ms of the read that stated it. */
  readonly readAt: number;
}

export type ConflictField = 'protectionEnd';

/** Two reads stated different values for the same fact; the view took the conservative one. */
export interface Conflict {
  readonly field: ConflictField;
  /** Every stated value, the chosen one first. */
  readonly values: readonly Fact<string>[];
}

export type StatedFacts = { readonly [K in keyof StatedWindows]?: Fact<NonNullable<StatedWindows[K]>> };

export interface OrderView {
  readonly orderId: OrderId;
  readonly status?: Fact<OrderStatus>;
  readonly statusText?: Fact<string>;
  readonly placedOn?: Fact<CivilDate>;
  readonly paidOn?: Fact<CivilDate>;
  readonly shippedOn?: Fact<CivilDate>;
  readonly completedOn?: Fact<CivilDate>;
  readonly storeName?: Fact<string>;
  readonly storeUrl?: Fact<string>;
  readonly totalText?: Fact<string>;
  readonly lang?: Fact<string>;
  readonly items?: Fact<readonly Item[]>;
  /** Order-level buttons of the highest-ranked read that listed any. */
  readonly buttons?: Fact<readonly string[]>;
  /**
   * Whether the page showed its own "Returns/refunds" (OPEN_DISPUTE) button, on the order or on any
   * item, in the highest-ranked read that listed buttons. Absent when no read listed buttons.
   */
  readonly canOpenDispute?: Fact<boolean>;
  readonly stated: StatedFacts;
  readonly tracking?: Fact<Tracking>;
  /** Tracking says delivered; `value` is the delivery instant when known, else null. */
  readonly delivered?: Fact<number | null>;
  readonly cases?: Fact<readonly RefundCase[]>;
  /** The open case (the newest by createdAt when there are several). */
  readonly openCase?: Fact<RefundCase>;
  readonly conflicts: readonly Conflict[];
  /** Completed, closed or dispute finished: the facts the windows count from no longer change. */
  readonly final: boolean;
  /** The freshest read of any kind (0 when the order has no read). */
  readonly lastReadAt: number;
  /** Not final and not read for more than `staleAfterDays`. */
  readonly stale: boolean;
}

export interface ViewContext {
  readonly now: number;
  /** Default 7. */
  readonly staleAfterDays?: number;
}

export const DEFAULT_STALE_AFTER_DAYS = 7;

const RANK: Readonly<Record<SourceKind, number>> = {
  detail: 6,
  'dom-detail': 5,
  tracking: 4,
  list: 3,
  'dom-list': 2,
  refunds: 1,
};

/**
 * A stored order keeps one read per kind, so ranking is a fixed order of kinds (no sorting in the
 * hot path: building 10,000 ladders must stay well under 50 ms).
 */
const ORDER_FACTS: readonly SourceKind[] = [
  'detail',
  'dom-detail',
  'tracking',
  'list',
  'dom-list',
  'refunds',
];
// Tracking facts come from the tracking page first, cases from the refunds page first, then by
// the same order (see orderView).

const NO_CONFLICTS: readonly Conflict[] = Object.freeze([]);

export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'completed',
  'closed',
  'dispute-finished',
]);

export const OPEN_DISPUTE_BUTTON = 'OPEN_DISPUTE';
export const DELIVERED_TRACKING_CODE = 'AE_GTMS_SIGNED';

function inOrder(order: StoredOrder, kinds: readonly SourceKind[]): OrderSnapshot[] {
  const out: OrderSnapshot[] = [];
  for (const kind of kinds) {
    const read = order.reads[kind];
    if (read !== undefined) out.push(read);
  }
  return out;
}

function fact<T>(read: OrderSnapshot, value: T): Fact<T> {
  return { value, source: read.source, readAt: read.readAt };
}

function pick<T>(
  ranked: readonly OrderSnapshot[],
  get: (read: OrderSnapshot) => T | undefined,
): Fact<T> | undefined {
  for (const read of ranked) {
    const value = get(read);
    if (value !== undefined) return fact(read, value);
  }
  return undefined;
}

/** `pick` of a plain field, without a closure per call. */
function pickField<K extends keyof OrderSnapshot>(
  ranked: readonly OrderSnapshot[],
  key: K,
): Fact<NonNullable<OrderSnapshot[K]>> | undefined {
  for (const read of ranked) {
    const value = read[key];
    if (value !== undefined && value !== null) return { value, source: read.source, readAt: read.readAt };
  }
  return undefined;
}

function pickStated<K extends keyof StatedWindows>(
  ranked: readonly OrderSnapshot[],
  key: K,
): Fact<NonNullable<StatedWindows[K]>> | undefined {
  for (const read of ranked) {
    const value = read.stated?.[key];
    if (value !== undefined && value !== null) return { value, source: read.source, readAt: read.readAt };
  }
  return undefined;
}

const STATED_KEYS = [
  'protectionEnd',
  'couponDelayedBy',
  'couponText',
  'returnDaysAfterReceipt',
  'disputeDaysAfterOrder',
  'freeReturnDaysAfterDelivery',
  'estimatedDelivery',
] as const satisfies readonly (keyof StatedWindows)[];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function hasOpenDisputeButton(read: OrderSnapshot): boolean | undefined {
  const itemButtons = read.items?.some((item) => item.buttons !== undefined);
  if (read.buttons === undefined && !itemButtons) return undefined;
  if (read.buttons?.includes(OPEN_DISPUTE_BUTTON)) return true;
  return read.items?.some((item) => item.buttons?.includes(OPEN_DISPUTE_BUTTON)) ?? false;
}

function deliveredAt(tracking: Tracking): number | null | undefined {
  if (tracking.deliveredAt !== undefined) return tracking.deliveredAt;
  let signed: number | undefined;
  for (const event of tracking.events) {
    if (event.code === DELIVERED_TRACKING_CODE && event.at !== undefined) {
      signed = signed === undefined ? event.at : Math.min(signed, event.at);
    }
  }
  if (signed !== undefined) return signed;
  return tracking.delivered ? null : undefined;
}

function newestOpenCase(cases: readonly RefundCase[]): RefundCase | undefined {
  let newest: RefundCase | undefined;
  for (const c of cases) {
    if (c.state !== 'open') continue;
    // `YYYY-MM-DDTHH:mm:ss` strings sort as they read; a case with no date ranks oldest.
    if (newest === undefined || (c.createdAt ?? '') > (newest.createdAt ?? '')) newest = c;
  }
  return newest;
}

export function orderView(order: StoredOrder, ctx: ViewContext): OrderView {
  const ranked = inOrder(order, ORDER_FACTS);
  const reads = ranked;

  const view: Mutable<OrderView> = {
    orderId: order.orderId,
    stated: {},
    conflicts: NO_CONFLICTS,
    final: false,
    lastReadAt: 0,
    stale: false,
  };
  for (const read of reads) view.lastReadAt = Math.max(view.lastReadAt, read.readAt);

  const placedOn = pickField(ranked, 'placedOn');
  if (placedOn) view.placedOn = placedOn;
  const paidOn = pickField(ranked, 'paidOn');
  if (paidOn) view.paidOn = paidOn;
  const shippedOn = pickField(ranked, 'shippedOn');
  if (shippedOn) view.shippedOn = shippedOn;
  const completedOn = pickField(ranked, 'completedOn');
  if (completedOn) view.completedOn = completedOn;
  const storeName = pickField(ranked, 'storeName');
  if (storeName) view.storeName = storeName;
  const storeUrl = pickField(ranked, 'storeUrl');
  if (storeUrl) view.storeUrl = storeUrl;
  const totalText = pickField(ranked, 'totalText');
  if (totalText) view.totalText = totalText;
  const lang = pickField(ranked, 'lang');
  if (lang) view.lang = lang;
  const items = pickField(ranked, 'items');
  if (items) view.items = items;
  const buttons = pickField(ranked, 'buttons');
  if (buttons) view.buttons = buttons;
  const canOpenDispute = pick(ranked, hasOpenDisputeButton);
  if (canOpenDispute) view.canOpenDispute = canOpenDispute;

  const stated: Mutable<StatedFacts> = {};
  if (ranked.some((r) => r.stated !== undefined)) {
    for (const key of STATED_KEYS) {
      const found = pickStated(ranked, key);
      // The key ties the value's type to the field; TypeScript cannot follow that through the loop.
      if (found) (stated as Record<string, Fact<unknown>>)[key] = found;
    }
  }
  const conflict = mergeProtectionEnd(reads, stated);
  if (conflict) view.conflicts = [conflict];
  view.stated = stated;

  const tracking =
    order.reads.tracking?.tracking !== undefined
      ? fact(order.reads.tracking, order.reads.tracking.tracking)
      : pickField(ranked, 'tracking');
  if (tracking) {
    view.tracking = tracking;
    const at = deliveredAt(tracking.value);
    if (at !== undefined) view.delivered = { value: at, source: tracking.source, readAt: tracking.readAt };
  }

  const cases =
    order.reads.refunds?.cases !== undefined
      ? fact(order.reads.refunds, order.reads.refunds.cases)
      : pickField(ranked, 'cases');
  let openCase: Fact<RefundCase> | undefined;
  if (cases) {
    view.cases = cases;
    const open = newestOpenCase(cases.value);
    if (open) openCase = { value: open, source: cases.source, readAt: cases.readAt };
    if (openCase) view.openCase = openCase;
  }

  // Status: the freshest read that states one; ties go to the higher rank.
  let status: Fact<OrderStatus> | undefined;
  let statusText: Fact<string> | undefined;
  for (const read of reads) {
    if (read.status !== undefined && (status === undefined || isFresher(read, status)))
      status = fact(read, read.status);
    if (read.statusText !== undefined && (statusText === undefined || isFresher(read, statusText))) {
      statusText = fact(read, read.statusText);
    }
  }
  if (openCase && shouldOpenCaseWin(openCase, status)) {
    status = { value: 'dispute-open', source: openCase.source, readAt: openCase.readAt };
  }
  if (status) view.status = status;
  if (statusText) view.statusText = statusText;

  view.final = status !== undefined && FINAL_STATUSES.has(status.value);
  const staleAfterMs = (ctx.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS) * DAY_MS;
  view.stale = !view.final && reads.length > 0 && ctx.now - view.lastReadAt > staleAfterMs;
  return view;
}

function isFresher(read: OrderSnapshot, than: Fact<unknown>): boolean {
  return read.readAt > than.readAt || (read.readAt === than.readAt && RANK[read.source] > RANK[than.source]);
}

/**
 * An open case makes the order dispute-open, unless a read fresher than the refunds read says the
 * order is closed or its dispute finished (the case list we hold is then out of date).
 */
function shouldOpenCaseWin(openCase: Fact<RefundCase>, status: Fact<OrderStatus> | undefined): boolean {
  if (status === undefined) return true;
  const ended = status.value === 'closed' || status.value === 'dispute-finished';
  return !(ended && status.readAt > openCase.readAt);
}

/**
 * The detail page and the tracking page can state different protection-end dates for the same order
 * (seen one day apart). We take the earlier one and record the disagreement.
 */
function mergeProtectionEnd(
  reads: readonly OrderSnapshot[],
  stated: Mutable<StatedFacts>,
): Conflict | undefined {
  let detailRead: OrderSnapshot | undefined;
  let trackingRead: OrderSnapshot | undefined;
  // `reads` come in rank order: the first non-tracking read that states a date is the page's.
  for (const r of reads) {
    if (r.stated?.protectionEnd === undefined) continue;
    if (r.source === 'tracking') trackingRead = r;
    else detailRead ??= r;
  }
  const detailEnd = detailRead?.stated?.protectionEnd;
  const trackingEnd = trackingRead?.stated?.protectionEnd;
  if (
    detailRead === undefined ||
    trackingRead === undefined ||
    detailEnd === undefined ||
    trackingEnd === undefined
  ) {
    return undefined;
  }
  const detailFact = fact(detailRead, detailEnd);
  const trackingFact = fact(trackingRead, trackingEnd);
  if (detailEnd === trackingEnd) {
    stated.protectionEnd = detailFact;
    return undefined;
  }
  // ISO dates compare as strings.
  const [earlier, later] = trackingEnd < detailEnd ? [trackingFact, detailFact] : [detailFact, trackingFact];
  stated.protectionEnd = earlier;
  return { field: 'protectionEnd', values: [earlier, later] };
}
