/**
 * The order journey: where an order stands (its stage), the ONE next thing the buyer should do with
 * its deadline, the messages that fit that moment, and the popup group the order belongs to.
 *
 * Every face (chip, panel, popup row and order view, badge, notification, CSV, .ics) takes stage,
 * next step and deadline from `journey`; none decides on its own. Pure and zod-free: it runs on a
 * full ladder in the worker and on a summary in the popup and on AliExpress's pages.
 *
 * Choices where the issue was silent:
 * - a completed order stays "completed" after its windows close; only its group turns "done";
 * - an unpaid order is "coming up", not "done": nothing is lost yet, but it is not finished either;
 * - a dispute's stage follows the rule windows of its case: before escalation opens the seller is
 *   answering; while escalation is open the buyer can escalate; once it has closed (or automatic
 *   escalation has come) the case is with AliExpress;
 * - a window the buyer marked handled is never a next step; an order whose every window is handled
 *   is "done" unless it has an open case (an open case is never done).
 */
import { type Forecast, forecast, type Parcel, parcelOf, type UsualTable } from './forecast';
import type { CivilDate, OrderStatus, Tracking, TrackingEvent } from './model';
import { windowState } from './window-state';
import type { DeadlineWindow, WindowKind } from './windows';

export const STAGES = [
  'awaiting-payment',
  'awaiting-shipment',
  'in-transit',
  'delivered',
  'completed',
  'dispute-seller',
  'dispute-escalate',
  'dispute-platform',
  'return-agreed',
  'dispute-finished',
  'closed',
  'unknown',
] as const;
export type Stage = (typeof STAGES)[number];

/** Stages of an open case: grouped under "Disputes", never "done". */
export const OPEN_CASE_STAGES: ReadonlySet<Stage> = new Set<Stage>([
  'dispute-seller',
  'dispute-escalate',
  'dispute-platform',
  'return-agreed',
]);

export const NEXT_STEPS = [
  /** Nothing left to do (closed, finished, unpaid). */
  'none',
  /** Not shipped: protection starts when the seller ships. */
  'wait-for-shipment',
  /** On its way: follow the tracking; protection runs until the deadline. */
  'track-parcel',
  /** Protection can run out before delivery: ask the seller to extend it. */
  'ask-extension',
  /**
   * The parcel is at risk and protection ends within days (src/core/forecast.ts): a seller would not
   * answer an extension request in time, so open a "not received" dispute before the end.
   */
  'open-dispute',
  /** A late-delivery coupon can be claimed now (amount as stated, on the order page). */
  'claim-coupon',
  /** Delivered but not confirmed: check the item, then confirm receipt or open a dispute. */
  'check-and-confirm',
  /** Completed: a return or refund can still be requested. */
  'request-return',
  /** Completed, return window over: a not-as-described dispute is still possible. */
  'dispute-if-not-as-described',
  /** Case open, the seller has to answer. */
  'check-seller-answer',
  /** The buyer can escalate the case to AliExpress now. */
  'escalate',
  /** Tracking turned to delivered during a "not received" case: change the reason. */
  'change-reason',
  /** AliExpress decides: watch the case for its questions. */
  'await-platform',
  /** A return was agreed: ship it back and enter its tracking number. */
  'ship-return',
  /** We know too little: open the order page so AliExpress's own dates can be read. */
  'open-order-page',
] as const;
export type NextStepId = (typeof NEXT_STEPS)[number];

export const GROUPS = ['disputes', 'act-now', 'coming-up', 'done'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * The messages to the seller or to AliExpress the faces may offer (engineer `advice` writes their
 * templates). `open-dispute` takes the dispute reason the buyer picks.
 */
export const MESSAGE_IDS = [
  'extend-protection',
  'open-dispute',
  'decline-partial-refund',
  'decline-return-at-own-cost',
  'escalation-statement',
  'change-reason',
] as const;
export type MessageId = (typeof MESSAGE_IDS)[number];

/** A window is "urgent" under this much time left (the popup's "Act now"). */
export { URGENT_MS } from './window-state';

import { URGENT_MS } from './window-state';

/** The facts of an open (or last) refund case the journey and the faces need. */
export interface CaseFacts {
  /** AliExpress's case type code as the page gave it. */
  readonly type?: string | undefined;
  /** Local wall time `YYYY-MM-DDTHH:mm:ss` (or a date) the case was opened. */
  readonly createdAt?: string | undefined;
  readonly returnAgreedOn?: CivilDate | undefined;
  /** The agreed return's day is the buyer's word (the popup), not a page's. */
  readonly returnAgreedByYou?: true | undefined;
}

/** What the journey needs beyond the windows: kept in every summary (`SummaryView.facts`). */
export interface JourneyFacts {
  /** The stated status, or the furthest one the known facts prove (tracking events included). */
  readonly status?: OrderStatus | undefined;
  /** Tracking says delivered: the instant, or null when its time is unknown. */
  readonly deliveredAt?: number | null | undefined;
  readonly openCase?: CaseFacts | undefined;
  /** The parcel's stage and last scan (src/core/forecast.ts), while it is on its way. */
  readonly parcel?: Parcel | undefined;
}

export interface JourneyInput {
  readonly windows: readonly DeadlineWindow[];
  readonly view: {
    readonly status?: { readonly value: OrderStatus } | undefined;
    readonly final: boolean;
    readonly facts?: JourneyFacts | undefined;
  };
}

export interface Journey {
  readonly stage: Stage;
  readonly step: NextStepId;
  /**
   * The window whose close is the step's deadline (open now, closes at a known instant), when the
   * step has one. Faces show its last day; the badge and reminders count to it.
   */
  readonly deadline?: DeadlineWindow;
  /** A window that has not opened yet and matters next (escalation, a coupon), with its opening. */
  readonly upcoming?: DeadlineWindow;
  /** Messages that fit this moment, most useful first. */
  readonly messages: readonly MessageId[];
  readonly group: Group;
  /** The coupon's amount as the page stated it, when the step is `claim-coupon`. */
  readonly couponText?: string;
  /** In transit: will it arrive before protection ends (its verdict, reasons and advice). */
  readonly forecast?: Forecast;
}

export interface JourneyOptions {
  /** The buyer's usual stage times (`usualTable(history)`); default: the forecast's defaults. */
  readonly usual?: UsualTable | undefined;
}

const NONE: readonly MessageId[] = Object.freeze([]);

type IsHandled = (windowId: string) => boolean;

/** The journey of one order at `now`. */
export function journey(
  input: JourneyInput,
  now: number,
  isHandled: IsHandled = () => false,
  opts: JourneyOptions = {},
): Journey {
  const stage = stageOf(input, now);
  const ws = input.windows;
  const live = (kind: WindowKind): DeadlineWindow | undefined => {
    for (const w of ws) {
      if (w.kind === kind && !isHandled(w.id) && windowState(w, now) === 'open') return w;
    }
    return undefined;
  };
  const notYet = (kind: WindowKind): DeadlineWindow | undefined => {
    for (const w of ws) {
      if (w.kind === kind && !isHandled(w.id) && windowState(w, now) === 'upcoming') return w;
    }
    return undefined;
  };
  let step: NextStepId = 'none';
  let deadline: DeadlineWindow | undefined;
  let upcoming: DeadlineWindow | undefined;
  let messages: readonly MessageId[] = NONE;
  let atRisk = false;
  let parcelForecast: Forecast | undefined;
  const coupon = live('late-coupon');
  const extendable = (): boolean =>
    live('ask-extension') !== undefined || notYet('ask-extension') !== undefined;

  switch (stage) {
    case 'awaiting-payment':
    case 'dispute-finished':
    case 'closed':
      break;
    case 'unknown':
      step = 'open-order-page';
      deadline = earliestMoney(ws, now, isHandled);
      break;
    case 'awaiting-shipment':
    case 'in-transit': {
      const ask = live('ask-extension');
      const dispute = live('dispute-open');
      const protection = live('protection-end');
      if (stage === 'in-transit') {
        parcelForecast = forecast({
          parcel: input.view.facts?.parcel,
          protectionEnd: protection?.closesAt ?? null,
          now,
          usual: opts.usual,
        });
        atRisk = parcelForecast.verdict === 'at-risk';
      }
      // At risk comes before a coupon: the whole order's money against a coupon's.
      if (atRisk && parcelForecast?.step === 'open-dispute' && dispute) {
        step = 'open-dispute';
        deadline = protection ?? dispute;
      } else if (atRisk && parcelForecast?.step === 'ask-extension') {
        step = 'ask-extension';
        deadline = protection ?? ask;
      } else if (coupon) {
        step = 'claim-coupon';
        deadline = coupon;
      } else if (ask) {
        step = 'ask-extension';
        deadline = live('protection-end') ?? ask;
      } else {
        step = stage === 'awaiting-shipment' ? 'wait-for-shipment' : 'track-parcel';
        deadline = live('protection-end') ?? dispute;
        upcoming = notYet('late-coupon') ?? notYet('ask-extension');
      }
      const m: MessageId[] = [];
      if (extendable() || atRisk) m.push('extend-protection');
      // No dispute advice before shipment: the dispute window only exists once shipped.
      if (stage === 'in-transit' && dispute) {
        if (step === 'open-dispute') m.unshift('open-dispute');
        else m.push('open-dispute');
      }
      messages = m;
      break;
    }
    case 'delivered': {
      if (coupon) {
        step = 'claim-coupon';
        deadline = coupon;
      } else {
        step = 'check-and-confirm';
        deadline = live('protection-end') ?? live('dispute-open');
      }
      messages = live('dispute-open') || live('protection-end') ? ['open-dispute'] : NONE;
      break;
    }
    case 'completed': {
      const ret = earlier(live('return-after-receipt'), live('free-return'));
      const nad = live('not-as-described');
      if (coupon) {
        step = 'claim-coupon';
        deadline = coupon;
      } else if (ret) {
        step = 'request-return';
        deadline = ret;
      } else if (nad) {
        step = 'dispute-if-not-as-described';
        deadline = nad;
      }
      messages = ret || nad ? ['open-dispute'] : NONE;
      break;
    }
    case 'dispute-seller':
    case 'dispute-escalate':
    case 'dispute-platform': {
      const change = live('change-reason');
      const m: MessageId[] = [];
      if (change) {
        step = 'change-reason';
        deadline = change;
        m.push('change-reason');
      }
      if (stage === 'dispute-seller') {
        if (!change) {
          step = 'check-seller-answer';
          deadline = live('seller-response');
        }
        upcoming = notYet('escalation');
        m.push('decline-partial-refund', 'decline-return-at-own-cost');
      } else if (stage === 'dispute-escalate') {
        if (!change) {
          step = 'escalate';
          deadline = live('escalation');
        }
        m.push('escalation-statement', 'decline-partial-refund', 'decline-return-at-own-cost');
      } else {
        if (!change) step = 'await-platform';
        m.push('escalation-statement');
      }
      messages = m;
      break;
    }
    case 'return-agreed':
      step = 'ship-return';
      deadline = live('ship-return');
      break;
  }
  if (deadline !== undefined && deadline.closesAt === null) deadline = undefined;
  // An order at risk needs acting on now, however far its protection end still is.
  const group = atRisk ? 'act-now' : groupOf(stage, deadline, input.windows, now, isHandled);
  const out: {
    stage: Stage;
    step: NextStepId;
    messages: readonly MessageId[];
    group: Group;
    deadline?: DeadlineWindow;
    upcoming?: DeadlineWindow;
    couponText?: string;
    forecast?: Forecast;
  } = { stage, step, messages, group };
  if (parcelForecast) out.forecast = parcelForecast;
  if (deadline) out.deadline = deadline;
  if (upcoming) out.upcoming = upcoming;
  if (step === 'claim-coupon' && coupon?.source.type === 'stated' && coupon.source.text) {
    out.couponText = coupon.source.text;
  }
  return out;
}

function earlier(a: DeadlineWindow | undefined, b: DeadlineWindow | undefined): DeadlineWindow | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (b.closesAt ?? Number.POSITIVE_INFINITY) < (a.closesAt ?? Number.POSITIVE_INFINITY) ? b : a;
}

function earliestMoney(
  ws: readonly DeadlineWindow[],
  now: number,
  isHandled: IsHandled,
): DeadlineWindow | undefined {
  let best: DeadlineWindow | undefined;
  for (const w of ws) {
    if (!w.losesMoney || w.closesAt === null || isHandled(w.id) || windowState(w, now) !== 'open') continue;
    best = earlier(best, w);
  }
  return best;
}

/** The stage: status first (an open case wins), then what tracking and the windows show. */
export function stageOf(input: JourneyInput, now: number): Stage {
  const facts = input.view.facts;
  const status = facts?.status ?? input.view.status?.value;
  if (status === 'dispute-open' || (facts?.openCase !== undefined && !input.view.final)) {
    return disputeStage(input.windows, facts?.openCase, now);
  }
  switch (status) {
    case 'awaiting-payment':
      return 'awaiting-payment';
    case 'dispute-finished':
      return 'dispute-finished';
    case 'closed':
      return 'closed';
    case 'completed':
      return 'completed';
    default:
      break;
  }
  if (facts?.deliveredAt !== undefined) return 'delivered';
  if (status === 'awaiting-delivery') return 'in-transit';
  if (status === 'processing' || status === 'awaiting-shipment') return 'awaiting-shipment';
  return 'unknown';
}

function disputeStage(ws: readonly DeadlineWindow[], open: CaseFacts | undefined, now: number): Stage {
  let escalation: DeadlineWindow | undefined;
  let auto: DeadlineWindow | undefined;
  let shipReturn: DeadlineWindow | undefined;
  for (const w of ws) {
    if (w.kind === 'escalation') escalation = w;
    else if (w.kind === 'auto-escalation') auto = w;
    else if (w.kind === 'ship-return') shipReturn = w;
  }
  if (open?.returnAgreedOn !== undefined || (shipReturn && windowState(shipReturn, now) !== 'closed')) {
    return 'return-agreed';
  }
  if (auto && windowState(auto, now) !== 'upcoming') return 'dispute-platform';
  if (escalation) {
    const s = windowState(escalation, now);
    if (s === 'open') return 'dispute-escalate';
    if (s === 'closed') return 'dispute-platform';
  }
  return 'dispute-seller';
}

const BEFORE_DELIVERY: ReadonlySet<Stage> = new Set<Stage>([
  'awaiting-payment',
  'awaiting-shipment',
  'in-transit',
  'delivered',
  'unknown',
]);

function groupOf(
  stage: Stage,
  deadline: DeadlineWindow | undefined,
  ws: readonly DeadlineWindow[],
  now: number,
  isHandled: IsHandled,
): Group {
  if (OPEN_CASE_STAGES.has(stage)) return 'disputes';
  if (deadline?.closesAt != null) return deadline.closesAt - now < URGENT_MS ? 'act-now' : 'coming-up';
  let anyHandled = false;
  for (const w of ws) {
    if (isHandled(w.id)) {
      anyHandled = true;
      continue;
    }
    if (w.losesMoney && windowState(w, now) !== 'closed') return 'coming-up';
  }
  // Not finished and no date known yet: not "done". Once its windows have all closed (or the
  // buyer marked them handled) there is nothing left to win: done.
  if (BEFORE_DELIVERY.has(stage) && stage !== 'unknown' && !anyHandled && ws.length === 0) return 'coming-up';
  return 'done';
}

// ---------------------------------------------------------------------------------------------
// Facts from a merged view (the worker, when it builds a ladder and its summary).

/**
 * Tracking codes (locale independent, shared notes "tracking"): `AE_ORDER_*` and the warehouse's
 * `AE_GWMS_*` come before the parcel leaves; anything else AliExpress logs (pick-up, line haul,
 * customs, last mile) means it is on its way.
 */
const BEFORE_SHIPPING_CODE = /^AE_(ORDER_|GWMS_)/;

/** What a tracking read alone proves about the order's status, or undefined. */
export function statusFromTracking(tracking: {
  readonly delivered: boolean;
  readonly deliveredAt?: number | undefined;
  readonly events: readonly { readonly code?: string | undefined }[];
}): OrderStatus | undefined {
  if (tracking.delivered || tracking.deliveredAt !== undefined) return 'awaiting-delivery';
  let any = false;
  for (const e of tracking.events) {
    if (e.code === undefined) continue;
    any = true;
    if (!BEFORE_SHIPPING_CODE.test(e.code)) return 'awaiting-delivery';
  }
  return any ? 'awaiting-shipment' : undefined;
}

/** The part of a merged view the journey reads (an `OrderView` fits). */
export interface FactsSource {
  readonly status?: { readonly value: OrderStatus } | undefined;
  readonly completedOn?: unknown;
  readonly shippedOn?: unknown;
  readonly paidOn?: unknown;
  readonly tracking?:
    | {
        readonly value: {
          readonly delivered: boolean;
          readonly deliveredAt?: number | undefined;
          readonly events: readonly TrackingEvent[];
          readonly carrier?: string | undefined;
          readonly mailNo?: string | undefined;
          readonly eta?: Tracking['eta'];
        };
      }
    | undefined;
  readonly delivered?: { readonly value: number | null } | undefined;
  readonly final?: boolean | undefined;
  readonly openCase?: { readonly value: CaseFacts } | undefined;
}

/** The status the pages state, or the furthest one the known dates and tracking prove. */
export function effectiveStatusOf(view: FactsSource): OrderStatus | undefined {
  if (view.status !== undefined) return view.status.value;
  if (view.completedOn !== undefined) return 'completed';
  if (view.shippedOn !== undefined) return 'awaiting-delivery';
  const fromTracking = view.tracking === undefined ? undefined : statusFromTracking(view.tracking.value);
  if (fromTracking === 'awaiting-delivery') return fromTracking;
  if (view.paidOn !== undefined) return 'processing';
  return fromTracking;
}

export function journeyFacts(view: FactsSource): JourneyFacts {
  const facts: { status?: OrderStatus; deliveredAt?: number | null; openCase?: CaseFacts; parcel?: Parcel } =
    {};
  const status = effectiveStatusOf(view);
  if (status !== undefined) facts.status = status;
  if (view.delivered !== undefined) facts.deliveredAt = view.delivered.value;
  const open = view.openCase?.value;
  if (open !== undefined) {
    const c: { type?: string; createdAt?: string; returnAgreedOn?: CivilDate; returnAgreedByYou?: true } = {};
    if (open.type !== undefined) c.type = open.type;
    if (open.createdAt !== undefined) c.createdAt = open.createdAt;
    if (open.returnAgreedOn !== undefined) c.returnAgreedOn = open.returnAgreedOn;
    if (open.returnAgreedByYou === true) c.returnAgreedByYou = true;
    facts.openCase = c;
  }
  // The parcel's facts while it is on its way: what the forecast reads at display time.
  const tracking = view.tracking?.value;
  if (tracking !== undefined && view.delivered === undefined && view.final !== true) {
    const parcel = parcelOf({ ...tracking, events: [...tracking.events] });
    if (parcel.stage !== 'delivered') facts.parcel = compactParcel(parcel);
  }
  return facts;
}

/** The parcel without its absent fields (summaries are stored as JSON and parsed with zod). */
function compactParcel(parcel: Parcel): Parcel {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parcel)) if (v !== undefined) out[k] = v;
  if (typeof out.lastScanText === 'string') out.lastScanText = out.lastScanText.slice(0, 300);
  return out as unknown as Parcel;
}
