/**
 * The deadline ladder: every Buyer Protection window of one order, computed from its merged view,
 * the rules table and the buyer's time zone. Pure: `now` and `timeZone` come in, nothing is read.
 *
 * Which windows apply depends on the status. Stated dates (the page's own) always beat the rules
 * table; a rule-based window is "estimated"; a window whose facts were last read too long ago on an
 * order that can still change is "stale" (the UI shows "last seen …" from `seenAt`).
 */
import { confidenceOf, isStale, staleAfterMs } from './freshen';
import { effectiveStatusOf } from './journey';
import type { OrderSnapshot, OrderStatus, StoredOrder } from './model';
import { figure, isEconomyLine, type RuleId } from './rules';
import {
  addCalendarDaysToInstant,
  civilDateOf,
  closeAfterDays,
  daysBetween,
  HOUR_MS,
  parseLocalDateTime,
  startOfDay,
} from './time';
import {
  deliveredAt,
  hasOpenDisputeButton,
  type MergedView,
  newestOpenCase,
  type OrderView,
  orderView,
} from './view';
import {
  type DeadlineWindow,
  type WindowKind as Kind,
  WINDOW_KINDS,
  WINDOWS,
  type WindowBasis,
  type WindowNote,
  type WindowSource,
} from './windows';

export { WindowKind } from './window-kind';
export type WindowKind = Kind;
export type {
  ActionId,
  Confidence,
  DeadlineWindow,
  WindowBasis,
  WindowNote,
  WindowSource,
} from './windows';
export { WINDOW_KINDS };

export interface Ladder {
  readonly orderId: string;
  readonly view: OrderView;
  readonly windows: readonly DeadlineWindow[];
}

export interface LadderContext {
  readonly now: number;
  /** IANA zone of the buyer (e.g. `America/Sao_Paulo`). */
  readonly timeZone: string;
  /** Default 7. */
  readonly staleAfterDays?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What one buildLadder call writes windows into. Windows are built straight from the winning reads
 * (no facts, no drafts, no closures): 10,000 ladders stay alive at once in the scheduler and the
 * popup, so every object kept per window is paid again by each garbage collection.
 */
interface Out {
  readonly orderId: string;
  /** `${orderId}:`, built once per order. */
  readonly idPrefix: string;
  readonly now: number;
  readonly final: boolean;
  readonly staleAfterMs: number;
  /** One stated source per read, shared by the windows of this ladder that cite that read. */
  sourceRead: OrderSnapshot | undefined;
  source: WindowSource | undefined;
}

/** Reused by every call (buildLadder is synchronous and never re-entered); copied out at the end. */
const scratch: DeadlineWindow[] = [];

/** A window of `kind`; its action and whether it loses money come from the kinds table. */
function push(
  out: Out,
  kind: Kind,
  opensAt: number | null,
  closesAt: number | null,
  source: WindowSource,
  basis: WindowBasis,
  seenAt: number | null,
  note: WindowNote | undefined,
): DeadlineWindow {
  const traits = WINDOWS[kind];
  const w: Mutable<DeadlineWindow> = {
    id: out.idPrefix + kind,
    orderId: out.orderId,
    kind,
    opensAt,
    closesAt,
    action: traits.action,
    losesMoney: traits.losesMoney,
    confidence: confidenceOf(isStale(out.final, seenAt, out.now, out.staleAfterMs), source),
    source,
    basis,
    seenAt,
  };
  if (note !== undefined) w.note = note;
  scratch.push(w);
  return w;
}

/** `{ type: 'stated' }` citing `read` (shared within the ladder when there is no text). */
function statedSource(out: Out, read: OrderSnapshot, text?: string): WindowSource {
  if (text !== undefined) return { type: 'stated', page: read.source, readAt: read.readAt, text };
  if (out.sourceRead !== read || out.source === undefined) {
    out.sourceRead = read;
    out.source = { type: 'stated', page: read.source, readAt: read.readAt };
  }
  return out.source;
}

/** One frozen source object per rule, shared by every window that counts by it. */
const RULE_SOURCES = new Map<RuleId, WindowSource>();
function ruleSource(ruleId: RuleId): WindowSource {
  let source = RULE_SOURCES.get(ruleId);
  if (source === undefined) {
    source = Object.freeze({ type: 'rule', ruleId });
    RULE_SOURCES.set(ruleId, source);
  }
  return source;
}

/** The status the pages state, or the furthest one the known dates and tracking events prove. */
function effectiveStatus(view: MergedView): OrderStatus | undefined {
  return effectiveStatusOf(view);
}

export function buildLadder(order: StoredOrder, ctx: LadderContext): Ladder {
  const view = orderView(order, ctx);
  const tz = ctx.timeZone;
  const orderId = order.orderId;
  const out: Out = {
    orderId,
    idPrefix: `${orderId}:`,
    now: ctx.now,
    final: view.final,
    staleAfterMs: staleAfterMs(ctx.staleAfterDays),
    sourceRead: undefined,
    source: undefined,
  };
  scratch.length = 0;
  try {
    switch (effectiveStatus(view)) {
      case 'processing':
      case 'awaiting-shipment':
        // Not shipped: the rules count from shipment, so only what the page states applies.
        addDeliveryWindows(view, tz, out, false);
        break;
      case 'awaiting-delivery':
        addDeliveryWindows(view, tz, out, true);
        break;
      case 'completed':
        addCompletedWindows(view, tz, out);
        break;
      case 'dispute-open':
        addDisputeWindows(view, tz, out);
        break;
      default:
        // awaiting-payment (no money paid yet), closed, dispute-finished, unknown: nothing to remind.
        break;
    }
    // Insertion sort: a ladder has at most six windows, and no two of one kind.
    for (let i = 1; i < scratch.length; i++) {
      const w = scratch[i] as DeadlineWindow;
      let j = i - 1;
      for (; j >= 0 && compareWindows(scratch[j] as DeadlineWindow, w) > 0; j--)
        scratch[j + 1] = scratch[j] as DeadlineWindow;
      scratch[j + 1] = w;
    }
    return { orderId, view, windows: scratch.slice() };
  } finally {
    scratch.length = 0;
  }
}

function compareWindows(a: DeadlineWindow, b: DeadlineWindow): number {
  const ac = a.closesAt ?? Number.POSITIVE_INFINITY;
  const bc = b.closesAt ?? Number.POSITIVE_INFINITY;
  if (ac !== bc) return ac < bc ? -1 : 1;
  return WINDOWS[a.kind].priority - WINDOWS[b.kind].priority;
}

/** The delivery instant from tracking (null: delivered, time unknown; undefined: not delivered). */
function deliveredAtOf(trackingRead: OrderSnapshot | undefined): number | null | undefined {
  const tracking = trackingRead?.tracking;
  return tracking === undefined ? undefined : deliveredAt(tracking);
}

function addDeliveryWindows(view: MergedView, tz: string, out: Out, shipped: boolean): void {
  const protection = protectionEnd(view, tz, out, shipped);
  const trackingRead = view.trackingRead();
  const delivered = deliveredAtOf(trackingRead);

  // Only the seller can extend protection, and only while the parcel is still on its way.
  if (protection?.closesAt != null && delivered === undefined) {
    push(
      out,
      'ask-extension',
      addCalendarDaysToInstant(protection.closesAt, -figure('ask-extension-lead'), tz),
      protection.closesAt,
      protection.source,
      'protectionEnd',
      protection.seenAt,
      protection.note,
    );
  }

  if (shipped) disputeOpen(view, tz, out, protection?.closesAt ?? null);

  const delayedRead = view.statedReadOf('couponDelayedBy');
  const delayedBy = delayedRead?.stated?.couponDelayedBy;
  if (delayedRead !== undefined && delayedBy !== undefined) {
    const deliveredOn = delivered == null ? undefined : civilDateOf(delivered, tz);
    // Delivered by the "delayed by" date: the parcel was not late, there is no coupon.
    if (!(deliveredOn !== undefined && deliveredOn <= delayedBy)) {
      const couponRead = view.statedReadOf('couponText');
      push(
        out,
        'late-coupon',
        // "Delayed by Aug 3" means not delivered by the end of Aug 3; claimable 48 h later.
        closeAfterDays(delayedBy, 1, tz) + figure('late-coupon-claimable') * HOUR_MS,
        protection?.closesAt ?? null,
        statedSource(out, delayedRead, couponRead?.stated?.couponText),
        'couponDelayedBy',
        delayedRead.readAt,
        undefined,
      );
    }
  }
}

function protectionEnd(view: MergedView, tz: string, out: Out, shipped: boolean): DeadlineWindow | undefined {
  const statedRead = view.protectionEndRead();
  const stated = statedRead?.stated?.protectionEnd;
  if (statedRead !== undefined && stated !== undefined) {
    return push(
      out,
      'protection-end',
      null,
      startOfDay(stated, tz),
      statedSource(out, statedRead),
      'protectionEnd',
      statedRead.readAt,
      view.hasProtectionEndConflict() ? 'sources-disagree' : undefined,
    );
  }
  // No stated end: 60 days from shipment; without a ship date from payment or order (earlier, so
  // never later than the real end). Not shipped yet: the same count from the order date, so a
  // list-only order still gets a conservative date until its page states one.
  let basis: WindowBasis = 'shippedOn';
  let read = shipped ? view.readOf('shippedOn') : undefined;
  let from = read?.shippedOn;
  if (read === undefined && shipped) {
    basis = 'paidOn';
    read = view.readOf('paidOn');
    from = read?.paidOn;
  }
  if (read === undefined) {
    basis = 'placedOn';
    read = view.readOf('placedOn');
    from = read?.placedOn;
  }
  if (read === undefined && !shipped) {
    basis = 'paidOn';
    read = view.readOf('paidOn');
    from = read?.paidOn;
  }
  if (read === undefined || from === undefined) return undefined;
  const economy = isEconomyLine(view.trackingRead()?.tracking?.carrier);
  return push(
    out,
    'protection-end',
    null,
    closeAfterDays(from, figure('protection-after-shipment'), tz),
    ruleSource('protection-after-shipment'),
    basis,
    read.readAt,
    basis !== 'shippedOn' ? 'counted-from-order-date' : economy ? 'economy-line-may-be-longer' : undefined,
  );
}

function disputeOpen(view: MergedView, tz: string, out: Out, closesAt: number | null): void {
  const buttonRead = view.buttonsRead();
  if (buttonRead !== undefined && hasOpenDisputeButton(buttonRead) === true) {
    // The page's own "Returns/refunds" button: open since that read, whatever the rules say.
    push(
      out,
      'dispute-open',
      buttonRead.readAt,
      closesAt,
      statedSource(out, buttonRead),
      'page-button',
      buttonRead.readAt,
      undefined,
    );
    return;
  }
  const shippedRead = view.readOf('shippedOn');
  const shippedOn = shippedRead?.shippedOn;
  if (shippedRead === undefined || shippedOn === undefined) return;
  const eta = view.statedReadOf('estimatedDelivery')?.stated?.estimatedDelivery;
  const fast = eta !== undefined && daysBetween(shippedOn, eta) <= figure('dispute-opens-fast-delivery');
  const ruleId: RuleId = fast ? 'dispute-opens-fast-delivery' : 'dispute-opens-after-shipment';
  push(
    out,
    'dispute-open',
    fast ? startOfDay(shippedOn, tz) : closeAfterDays(shippedOn, figure(ruleId), tz),
    closesAt,
    ruleSource(ruleId),
    'shippedOn',
    shippedRead.readAt,
    undefined,
  );
}

function addCompletedWindows(view: MergedView, tz: string, out: Out): void {
  const trackingRead = view.trackingRead();
  const deliveredInstant = deliveredAtOf(trackingRead);
  const delivered = deliveredInstant == null ? undefined : civilDateOf(deliveredInstant, tz);
  const completedRead = view.readOf('completedOn');
  const completedOn = completedRead?.completedOn;

  // Receipt: the completion date, else the delivery date (both with the read that states them).
  const receipt = completedOn ?? delivered;
  const receiptRead = completedRead ?? (delivered === undefined ? undefined : trackingRead);
  if (receipt !== undefined && receiptRead !== undefined) {
    const daysRead = view.statedReadOf('returnDaysAfterReceipt');
    const days = daysRead?.stated?.returnDaysAfterReceipt;
    push(
      out,
      'return-after-receipt',
      startOfDay(receipt, tz),
      closeAfterDays(receipt, days ?? figure('return-after-receipt'), tz),
      daysRead ? statedSource(out, daysRead) : ruleSource('return-after-receipt'),
      completedOn !== undefined ? 'completedOn' : 'delivered',
      (daysRead ?? receiptRead).readAt,
      completedOn !== undefined ? undefined : 'counted-from-delivery',
    );
  }

  // Free returns exist only for orders whose page offers them, so only a stated count makes one.
  const freeRead = view.statedReadOf('freeReturnDaysAfterDelivery');
  const freeDays = freeRead?.stated?.freeReturnDaysAfterDelivery;
  // The earlier of delivery and completion (delivery on a tie).
  const fromCompleted = completedOn !== undefined && (delivered === undefined || completedOn < delivered);
  const freeFrom = fromCompleted ? completedOn : delivered;
  if (freeRead !== undefined && freeDays !== undefined && freeFrom !== undefined) {
    push(
      out,
      'free-return',
      startOfDay(freeFrom, tz),
      closeAfterDays(freeFrom, freeDays, tz),
      statedSource(out, freeRead),
      fromCompleted ? 'completedOn' : 'delivered',
      freeRead.readAt,
      undefined,
    );
  }

  const placedRead = view.readOf('placedOn');
  const placedOn = placedRead?.placedOn;
  if (placedRead !== undefined && placedOn !== undefined) {
    const daysRead = view.statedReadOf('disputeDaysAfterOrder');
    const days = daysRead?.stated?.disputeDaysAfterOrder;
    push(
      out,
      'not-as-described',
      null,
      closeAfterDays(placedOn, days ?? figure('not-as-described-after-order'), tz),
      daysRead ? statedSource(out, daysRead) : ruleSource('not-as-described-after-order'),
      'placedOn',
      (daysRead ?? placedRead).readAt,
      undefined,
    );
  }
}

function addDisputeWindows(view: MergedView, tz: string, out: Out): void {
  const casesRead = view.casesRead();
  const open = casesRead?.cases === undefined ? undefined : newestOpenCase(casesRead.cases);
  const createdText = open?.createdAt;
  const created = createdText === undefined ? undefined : parseLocalDateTime(createdText, tz);
  if (casesRead !== undefined && open !== undefined && created !== undefined) {
    const day = civilDateOf(created, tz);
    const seenAt = casesRead.readAt;
    push(
      out,
      'seller-response',
      created,
      closeAfterDays(day, figure('seller-response'), tz),
      ruleSource('seller-response'),
      'caseCreated',
      seenAt,
      undefined,
    );
    push(
      out,
      'escalation',
      closeAfterDays(day, figure('escalation-opens'), tz),
      closeAfterDays(day, figure('escalation-closes'), tz),
      ruleSource('escalation-closes'),
      'caseCreated',
      seenAt,
      undefined,
    );
    push(
      out,
      'auto-escalation',
      closeAfterDays(day, figure('auto-escalation'), tz),
      null,
      ruleSource('auto-escalation'),
      'caseCreated',
      seenAt,
      undefined,
    );
  }

  // Tracking turned to delivered while the case runs: a "not received" reason must be changed.
  const trackingRead = view.trackingRead();
  const delivered = deliveredAtOf(trackingRead);
  if (trackingRead !== undefined && delivered != null && (created === undefined || delivered >= created)) {
    push(
      out,
      'change-reason',
      delivered,
      closeAfterDays(civilDateOf(delivered, tz), figure('change-reason-after-delivered'), tz),
      ruleSource('change-reason-after-delivered'),
      'delivered',
      trackingRead.readAt,
      undefined,
    );
  }

  // The open case's agreed day: a page's first, else the buyer's word (view.ts decides which).
  const agreed = view.openCase?.value.returnAgreedOn;
  if (casesRead !== undefined && open !== undefined && agreed !== undefined) {
    push(
      out,
      'ship-return',
      startOfDay(agreed, tz),
      closeAfterDays(agreed, figure('ship-return-after-agreed'), tz),
      ruleSource('ship-return-after-agreed'),
      'returnAgreedOn',
      casesRead.readAt,
      undefined,
    );
  }
}

export {
  SOON_MS,
  URGENT_MS,
  type Urgency,
  urgency,
  type WindowState,
  windowState,
} from './window-state';
