/**
 * FROZEN REFERENCE, not used by the extension: the eager ladder.ts as of commit e985b59, before the view
 * became lazy. equivalence.test.ts checks that src/core gives exactly what this gave. Do not edit.
 */
/**
 * The deadline ladder: every Buyer Protection window of one order, computed from its merged view,
 * the rules table and the buyer's time zone. Pure: `now` and `timeZone` come in, nothing is read.
 *
 * Which windows apply depends on the status. Stated dates (the page's own) always beat the rules
 * table; a rule-based window is "estimated"; a window whose facts were last read too long ago on an
 * order that can still change is "stale" (the UI shows "last seen …" from `seenAt`).
 */
import type { CivilDate, OrderStatus, SourceKind, StoredOrder } from '../../../../src/core/model';
import { figure, isEconomyLine, type RuleId } from '../../../../src/core/rules';
import {
  addCalendarDaysToInstant,
  civilDateOf,
  closeAfterDays,
  DAY_MS,
  daysBetween,
  HOUR_MS,
  parseLocalDateTime,
  startOfDay,
} from '../../../../src/core/time';
import { z } from '../../../../src/core/z';
import { DEFAULT_STALE_AFTER_DAYS, type Fact, type OrderView, orderView } from './view';

export const WindowKind = z.enum([
  'protection-end',
  'ask-extension',
  'dispute-open',
  'late-coupon',
  'return-after-receipt',
  'free-return',
  'not-as-described',
  'seller-response',
  'escalation',
  'auto-escalation',
  'change-reason',
  'ship-return',
]);
export type WindowKind = z.infer<typeof WindowKind>;
export const WINDOW_KINDS: readonly WindowKind[] = WindowKind.options;

/** What the buyer should do in a window: a key the UI translates. */
export type ActionId =
  | 'confirm-or-dispute'
  | 'ask-extension'
  | 'open-dispute'
  | 'claim-coupon'
  | 'request-return'
  | 'check-seller-answer'
  | 'escalate'
  | 'await-platform'
  | 'change-reason'
  | 'ship-return';

export type Confidence = 'stated' | 'estimated' | 'stale';

export type WindowSource =
  | { readonly type: 'stated'; readonly page: SourceKind; readonly readAt: number; readonly text?: string }
  | { readonly type: 'rule'; readonly ruleId: RuleId };

/** The fact a window is counted from. */
export type WindowBasis =
  | 'protectionEnd'
  | 'shippedOn'
  | 'paidOn'
  | 'placedOn'
  | 'completedOn'
  | 'delivered'
  | 'couponDelayedBy'
  | 'caseCreated'
  | 'returnAgreedOn'
  | 'page-button';

/** Keys the UI translates. */
export type WindowNote =
  /** Detail and tracking pages state different protection ends; the earlier one is used. */
  | 'sources-disagree'
  /** No ship date known: counted from the payment or order date (earlier, so safe). */
  | 'counted-from-order-date'
  /** Economy line: the real protection may be longer (75 days); the order page will say. */
  | 'economy-line-may-be-longer'
  /** The receipt date is the tracking delivery: the order shows no completion date. */
  | 'counted-from-delivery';

export interface DeadlineWindow {
  /** `${orderId}:${kind}`: stable across recomputations, used as the ledger key. */
  readonly id: string;
  readonly orderId: string;
  readonly kind: WindowKind;
  /** Epoch ms; null when open from the start (nothing to wait for). */
  readonly opensAt: number | null;
  /** Epoch ms; null when it never closes (auto-escalation is an event, not a deadline). */
  readonly closesAt: number | null;
  readonly action: ActionId;
  /** Letting it close costs the buyer money. */
  readonly losesMoney: boolean;
  readonly confidence: Confidence;
  readonly source: WindowSource;
  readonly basis: WindowBasis;
  /** Epoch ms of the read the window's date depends on (for "last seen …"). */
  readonly seenAt: number | null;
  readonly note?: WindowNote;
}

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

/** Which windows get lead reminders first when several of one order close at the same moment. */
export const KIND_PRIORITY: Readonly<Record<WindowKind, number>> = {
  'protection-end': 0,
  'dispute-open': 1,
  'late-coupon': 2,
  'return-after-receipt': 3,
  'free-return': 4,
  'not-as-described': 5,
  'change-reason': 6,
  'ship-return': 7,
  'ask-extension': 8,
  'seller-response': 9,
  escalation: 10,
  'auto-escalation': 11,
};

interface Draft {
  kind: WindowKind;
  opensAt: number | null;
  closesAt: number | null;
  action: ActionId;
  losesMoney: boolean;
  source: WindowSource;
  basis: WindowBasis;
  seenAt: number | null;
  note?: WindowNote | undefined;
}

interface Sink {
  push(d: Draft): void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function statedSource(f: Fact<unknown>, text?: string): WindowSource {
  return text === undefined
    ? { type: 'stated', page: f.source, readAt: f.readAt }
    : { type: 'stated', page: f.source, readAt: f.readAt, text };
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

/** The status the pages state, or the furthest one the known dates prove. */
function effectiveStatus(view: OrderView): OrderStatus | undefined {
  if (view.status) return view.status.value;
  if (view.completedOn) return 'completed';
  if (view.shippedOn) return 'awaiting-delivery';
  if (view.paidOn) return 'processing';
  return undefined;
}

export function buildLadder(order: StoredOrder, ctx: LadderContext): Ladder {
  const view = orderView(order, ctx);
  const tz = ctx.timeZone;
  const staleAfterMs = (ctx.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS) * DAY_MS;
  const windows: DeadlineWindow[] = [];
  const orderId = order.orderId;
  // Each draft becomes its window at once: one object per window (10,000 ladders, little garbage).
  const sink: Sink = {
    push(d) {
      const stale = !view.final && d.seenAt !== null && ctx.now - d.seenAt > staleAfterMs;
      const w: Mutable<DeadlineWindow> = {
        id: `${orderId}:${d.kind}`,
        orderId,
        kind: d.kind,
        opensAt: d.opensAt,
        closesAt: d.closesAt,
        action: d.action,
        losesMoney: d.losesMoney,
        confidence: stale ? 'stale' : d.source.type === 'stated' ? 'stated' : 'estimated',
        source: d.source,
        basis: d.basis,
        seenAt: d.seenAt,
      };
      if (d.note !== undefined) w.note = d.note;
      windows.push(w);
    },
  };
  switch (effectiveStatus(view)) {
    case 'processing':
    case 'awaiting-shipment':
      // Not shipped: the rules count from shipment, so only what the page states applies.
      addDeliveryWindows(view, tz, sink, false);
      break;
    case 'awaiting-delivery':
      addDeliveryWindows(view, tz, sink, true);
      break;
    case 'completed':
      addCompletedWindows(view, tz, sink);
      break;
    case 'dispute-open':
      addDisputeWindows(view, tz, sink);
      break;
    default:
      // awaiting-payment (no money paid yet), closed, dispute-finished, unknown: nothing to remind.
      break;
  }
  windows.sort(compareWindows);
  return { orderId: order.orderId, view, windows };
}

function compareWindows(a: DeadlineWindow, b: DeadlineWindow): number {
  const ac = a.closesAt ?? Number.POSITIVE_INFINITY;
  const bc = b.closesAt ?? Number.POSITIVE_INFINITY;
  if (ac !== bc) return ac < bc ? -1 : 1;
  return KIND_PRIORITY[a.kind] - KIND_PRIORITY[b.kind];
}

/** The delivery date in the zone, when tracking gives an instant. */
function deliveredCivil(view: OrderView, tz: string): Fact<CivilDate> | undefined {
  const d = view.delivered;
  if (d === undefined || d.value === null) return undefined;
  return { value: civilDateOf(d.value, tz), source: d.source, readAt: d.readAt };
}

function addDeliveryWindows(view: OrderView, tz: string, out: Sink, shipped: boolean): void {
  const protection = protectionEnd(view, tz, shipped);
  if (protection) out.push(protection);
  const delivered = view.delivered !== undefined;

  // Only the seller can extend protection, and only while the parcel is still on its way.
  if (protection?.closesAt != null && !delivered) {
    out.push({
      kind: 'ask-extension',
      opensAt: addCalendarDaysToInstant(protection.closesAt, -figure('ask-extension-lead'), tz),
      closesAt: protection.closesAt,
      action: 'ask-extension',
      losesMoney: false,
      source: protection.source,
      basis: 'protectionEnd',
      seenAt: protection.seenAt,
      note: protection.note,
    });
  }

  if (shipped) {
    const dispute = disputeOpen(view, tz, protection?.closesAt ?? null);
    if (dispute) out.push(dispute);
  }

  const delayedBy = view.stated.couponDelayedBy;
  if (delayedBy) {
    const deliveredOn = deliveredCivil(view, tz)?.value;
    // Delivered by the "delayed by" date: the parcel was not late, there is no coupon.
    if (!(deliveredOn !== undefined && deliveredOn <= delayedBy.value)) {
      const couponText = view.stated.couponText?.value;
      out.push({
        kind: 'late-coupon',
        // "Delayed by Aug 3" means not delivered by the end of Aug 3; claimable 48 h later.
        opensAt: closeAfterDays(delayedBy.value, 1, tz) + figure('late-coupon-claimable') * HOUR_MS,
        closesAt: protection?.closesAt ?? null,
        action: 'claim-coupon',
        losesMoney: true,
        source: statedSource(delayedBy, couponText),
        basis: 'couponDelayedBy',
        seenAt: delayedBy.readAt,
      });
    }
  }
}

function protectionEnd(view: OrderView, tz: string, shipped: boolean): Draft | undefined {
  const stated = view.stated.protectionEnd;
  if (stated) {
    const disagree = view.conflicts.some((c) => c.field === 'protectionEnd');
    return {
      kind: 'protection-end',
      opensAt: null,
      closesAt: startOfDay(stated.value, tz),
      action: 'confirm-or-dispute',
      losesMoney: true,
      source: statedSource(stated),
      basis: 'protectionEnd',
      seenAt: stated.readAt,
      note: disagree ? 'sources-disagree' : undefined,
    };
  }
  if (!shipped) return undefined;
  // No stated end: 60 days from shipment; without a ship date from payment or order (earlier).
  const from: [WindowBasis, Fact<CivilDate> | undefined][] = [
    ['shippedOn', view.shippedOn],
    ['paidOn', view.paidOn],
    ['placedOn', view.placedOn],
  ];
  for (const [basis, f] of from) {
    if (f === undefined) continue;
    const economy = isEconomyLine(view.tracking?.value.carrier);
    return {
      kind: 'protection-end',
      opensAt: null,
      closesAt: closeAfterDays(f.value, figure('protection-after-shipment'), tz),
      action: 'confirm-or-dispute',
      losesMoney: true,
      source: ruleSource('protection-after-shipment'),
      basis,
      seenAt: f.readAt,
      note:
        basis !== 'shippedOn'
          ? 'counted-from-order-date'
          : economy
            ? 'economy-line-may-be-longer'
            : undefined,
    };
  }
  return undefined;
}

function disputeOpen(view: OrderView, tz: string, closesAt: number | null): Draft | undefined {
  const button = view.canOpenDispute;
  if (button?.value === true) {
    // The page's own "Returns/refunds" button: open since that read, whatever the rules say.
    return {
      kind: 'dispute-open',
      opensAt: button.readAt,
      closesAt,
      action: 'open-dispute',
      losesMoney: true,
      source: statedSource(button),
      basis: 'page-button',
      seenAt: button.readAt,
    };
  }
  const shippedOn = view.shippedOn;
  if (shippedOn === undefined) return undefined;
  const eta = view.stated.estimatedDelivery?.value;
  const fast =
    eta !== undefined && daysBetween(shippedOn.value, eta) <= figure('dispute-opens-fast-delivery');
  const ruleId: RuleId = fast ? 'dispute-opens-fast-delivery' : 'dispute-opens-after-shipment';
  return {
    kind: 'dispute-open',
    opensAt: fast ? startOfDay(shippedOn.value, tz) : closeAfterDays(shippedOn.value, figure(ruleId), tz),
    closesAt,
    action: 'open-dispute',
    losesMoney: true,
    source: ruleSource(ruleId),
    basis: 'shippedOn',
    seenAt: shippedOn.readAt,
  };
}

function addCompletedWindows(view: OrderView, tz: string, out: Sink): void {
  const delivered = deliveredCivil(view, tz);
  const receipt = view.completedOn ?? delivered;
  const receiptBasis: WindowBasis = view.completedOn ? 'completedOn' : 'delivered';
  const receiptNote: WindowNote | undefined = view.completedOn ? undefined : 'counted-from-delivery';

  if (receipt) {
    const days = view.stated.returnDaysAfterReceipt;
    out.push({
      kind: 'return-after-receipt',
      opensAt: startOfDay(receipt.value, tz),
      closesAt: closeAfterDays(receipt.value, days?.value ?? figure('return-after-receipt'), tz),
      action: 'request-return',
      losesMoney: true,
      source: days ? statedSource(days) : ruleSource('return-after-receipt'),
      basis: receiptBasis,
      seenAt: (days ?? receipt).readAt,
      note: receiptNote,
    });
  }

  // Free returns exist only for orders whose page offers them, so only a stated count makes one.
  const freeDays = view.stated.freeReturnDaysAfterDelivery;
  const freeFrom = earlier(delivered, view.completedOn);
  if (freeDays && freeFrom) {
    out.push({
      kind: 'free-return',
      opensAt: startOfDay(freeFrom.value, tz),
      closesAt: closeAfterDays(freeFrom.value, freeDays.value, tz),
      action: 'request-return',
      losesMoney: true,
      source: statedSource(freeDays),
      basis: freeFrom === delivered ? 'delivered' : 'completedOn',
      seenAt: freeDays.readAt,
    });
  }

  const placedOn = view.placedOn;
  if (placedOn) {
    const days = view.stated.disputeDaysAfterOrder;
    out.push({
      kind: 'not-as-described',
      opensAt: null,
      closesAt: closeAfterDays(placedOn.value, days?.value ?? figure('not-as-described-after-order'), tz),
      action: 'open-dispute',
      losesMoney: true,
      source: days ? statedSource(days) : ruleSource('not-as-described-after-order'),
      basis: 'placedOn',
      seenAt: (days ?? placedOn).readAt,
    });
  }
}

function earlier(
  a: Fact<CivilDate> | undefined,
  b: Fact<CivilDate> | undefined,
): Fact<CivilDate> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.value < a.value ? b : a;
}

function addDisputeWindows(view: OrderView, tz: string, out: Sink): void {
  const open = view.openCase;
  const createdText = open?.value.createdAt;
  const created = createdText === undefined ? undefined : parseLocalDateTime(createdText, tz);
  if (open && created !== undefined) {
    const day = civilDateOf(created, tz);
    const seenAt = open.readAt;
    const byRule = (
      kind: WindowKind,
      ruleId: RuleId,
      action: ActionId,
      opensAt: number | null,
      closesAt: number | null,
    ) =>
      out.push({
        kind,
        opensAt,
        closesAt,
        action,
        losesMoney: false,
        source: ruleSource(ruleId),
        basis: 'caseCreated',
        seenAt,
      });
    byRule(
      'seller-response',
      'seller-response',
      'check-seller-answer',
      created,
      closeAfterDays(day, figure('seller-response'), tz),
    );
    byRule(
      'escalation',
      'escalation-closes',
      'escalate',
      closeAfterDays(day, figure('escalation-opens'), tz),
      closeAfterDays(day, figure('escalation-closes'), tz),
    );
    byRule(
      'auto-escalation',
      'auto-escalation',
      'await-platform',
      closeAfterDays(day, figure('auto-escalation'), tz),
      null,
    );
  }

  // Tracking turned to delivered while the case runs: a "not received" reason must be changed.
  const delivered = view.delivered;
  if (delivered?.value != null && (created === undefined || delivered.value >= created)) {
    out.push({
      kind: 'change-reason',
      opensAt: delivered.value,
      closesAt: closeAfterDays(civilDateOf(delivered.value, tz), figure('change-reason-after-delivered'), tz),
      action: 'change-reason',
      losesMoney: true,
      source: ruleSource('change-reason-after-delivered'),
      basis: 'delivered',
      seenAt: delivered.readAt,
    });
  }

  const agreed = open?.value.returnAgreedOn;
  if (open && agreed !== undefined) {
    out.push({
      kind: 'ship-return',
      opensAt: startOfDay(agreed, tz),
      closesAt: closeAfterDays(agreed, figure('ship-return-after-agreed'), tz),
      action: 'ship-return',
      losesMoney: true,
      source: ruleSource('ship-return-after-agreed'),
      basis: 'returnAgreedOn',
      seenAt: open.readAt,
    });
  }
}

export type WindowState = 'upcoming' | 'open' | 'closed';

export function windowState(w: Pick<DeadlineWindow, 'opensAt' | 'closesAt'>, now: number): WindowState {
  if (w.closesAt !== null && now >= w.closesAt) return 'closed';
  if (w.opensAt !== null && now < w.opensAt) return 'upcoming';
  return 'open';
}

/**
 * The open window with money at stake that closes soonest, or undefined. `isHandled` lets the
 * caller skip windows the buyer marked as dealt with (the ledger lives in reminders.ts).
 */
export function nextClosing(
  ladder: Ladder,
  now: number,
  isHandled?: (windowId: string) => boolean,
): DeadlineWindow | undefined {
  let best: DeadlineWindow | undefined;
  for (const w of ladder.windows) {
    if (!w.losesMoney || w.closesAt === null || windowState(w, now) !== 'open') continue;
    if (isHandled?.(w.id)) continue;
    if (best === undefined || w.closesAt < (best.closesAt as number)) best = w;
  }
  return best;
}

/** `nextClosing` over every order: what the toolbar badge counts down. */
export function mostUrgent(
  ladders: readonly Ladder[],
  now: number,
  isHandled?: (windowId: string) => boolean,
): DeadlineWindow | undefined {
  let best: DeadlineWindow | undefined;
  for (const ladder of ladders) {
    const w = nextClosing(ladder, now, isHandled);
    if (w && (best === undefined || (w.closesAt as number) < (best.closesAt as number))) best = w;
  }
  return best;
}

export type Urgency = 'overdue' | 'urgent' | 'soon' | 'later';

export const URGENT_MS = 2 * DAY_MS;
export const SOON_MS = 7 * DAY_MS;

export function urgency(msLeft: number): Urgency {
  if (msLeft <= 0) return 'overdue';
  if (msLeft < URGENT_MS) return 'urgent';
  if (msLeft < SOON_MS) return 'soon';
  return 'later';
}
