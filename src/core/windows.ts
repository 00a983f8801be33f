/**
 * Every kind of deadline window, one row each, and the shape of a window. The ladder builds
 * windows by kind and takes the rest from the row; planning, the badge and the faces read the row.
 * Zod-free (type imports only), so the panel on AliExpress's pages can use it.
 *
 * Adding a kind: a row here, its rule in rules.ts, its label in every locale (`kind_…`, see ui/labels.ts), and
 * its step in ladder.ts.
 */
import type { SourceKind } from './model';
import type { RuleId } from './rules';

/** What the buyer should do in a window: keys the UI translates (`action_…`, labels.ts). */
export const ACTION_IDS = [
  'confirm-or-dispute',
  'ask-extension',
  'open-dispute',
  'claim-coupon',
  'request-return',
  'check-seller-answer',
  'escalate',
  'await-platform',
  'change-reason',
  'ship-return',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface WindowTraits {
  readonly action: ActionId;
  /** Letting it close costs the buyer money (lead reminders, the badge). */
  readonly losesMoney: boolean;
  /** Which window gets lead reminders first when several of one order close at the same moment. */
  readonly priority: number;
  /** Its opening is worth a notice (the moment to act has come). */
  readonly announcesOpening: boolean;
  /**
   * Lead reminders before it closes (the buyer's lead days), like the money windows: every money
   * window, and escalation (after it closes the buyer can no longer take the case to AliExpress).
   */
  readonly remindsBeforeClose: boolean;
  /** While it is open, the evidence checklist is useful (a dispute or a return is possible). */
  readonly checklist: boolean;
}

/** The kinds table. Its order is the order the options page lists the kinds in. */
export const WINDOWS = {
  'protection-end': {
    action: 'confirm-or-dispute',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 0,
    announcesOpening: false,
    checklist: true,
  },
  // The moment to write to the seller, so its opening is announced.
  'ask-extension': {
    action: 'ask-extension',
    losesMoney: false,
    remindsBeforeClose: false,
    priority: 8,
    announcesOpening: true,
    checklist: false,
  },
  'dispute-open': {
    action: 'open-dispute',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 1,
    announcesOpening: false,
    checklist: true,
  },
  'late-coupon': {
    action: 'claim-coupon',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 2,
    announcesOpening: true,
    checklist: false,
  },
  'return-after-receipt': {
    action: 'request-return',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 3,
    announcesOpening: false,
    checklist: true,
  },
  'free-return': {
    action: 'request-return',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 4,
    announcesOpening: false,
    checklist: true,
  },
  'not-as-described': {
    action: 'open-dispute',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 5,
    announcesOpening: false,
    checklist: true,
  },
  'seller-response': {
    action: 'check-seller-answer',
    losesMoney: false,
    remindsBeforeClose: false,
    priority: 9,
    announcesOpening: false,
    checklist: true,
  },
  escalation: {
    action: 'escalate',
    losesMoney: false,
    remindsBeforeClose: true,
    priority: 10,
    announcesOpening: true,
    checklist: true,
  },
  // An event, not a deadline: the platform steps in by itself.
  'auto-escalation': {
    action: 'await-platform',
    losesMoney: false,
    remindsBeforeClose: false,
    priority: 11,
    announcesOpening: false,
    checklist: false,
  },
  'change-reason': {
    action: 'change-reason',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 6,
    announcesOpening: false,
    checklist: true,
  },
  'ship-return': {
    action: 'ship-return',
    losesMoney: true,
    remindsBeforeClose: true,
    priority: 7,
    announcesOpening: false,
    checklist: true,
  },
} as const satisfies Record<string, WindowTraits>;

export type WindowKind = keyof typeof WINDOWS;
export const WINDOW_KINDS = Object.keys(WINDOWS) as [WindowKind, ...WindowKind[]];

export const CONFIDENCES = ['stated', 'estimated', 'stale'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export type WindowSource =
  | { readonly type: 'stated'; readonly page: SourceKind; readonly readAt: number; readonly text?: string }
  | { readonly type: 'rule'; readonly ruleId: RuleId };

/** The fact a window is counted from. */
export const WINDOW_BASES = [
  'protectionEnd',
  'shippedOn',
  'paidOn',
  'placedOn',
  'completedOn',
  'delivered',
  'couponDelayedBy',
  'caseCreated',
  'returnAgreedOn',
  'page-button',
] as const;
export type WindowBasis = (typeof WINDOW_BASES)[number];

/** Keys the UI translates (`note_…`, labels.ts). */
export const WINDOW_NOTES = [
  /** Detail and tracking pages state different protection ends; the earlier one is used. */
  'sources-disagree',
  /** No ship date known: counted from the payment or order date (earlier, so safe). */
  'counted-from-order-date',
  /** Economy line: the real protection may be longer (75 days); the order page will say. */
  'economy-line-may-be-longer',
  /** The receipt date is the tracking delivery: the order shows no completion date. */
  'counted-from-delivery',
] as const;
export type WindowNote = (typeof WINDOW_NOTES)[number];

export interface DeadlineWindow {
  /** `${orderId}:${kind}`: stable across recomputations, used as the ledger key. */
  readonly id: string;
  readonly orderId: string;
  readonly kind: WindowKind;
  /** Epoch ms; null when open from the start (nothing to wait for). */
  readonly opensAt: number | null;
  /** Epoch ms; null when it never closes (auto-escalation is an event, not a deadline). */
  readonly closesAt: number | null;
  /** The kind's action (kept on the window: summaries store it). */
  readonly action: ActionId;
  /** The kind's `losesMoney`. */
  readonly losesMoney: boolean;
  readonly confidence: Confidence;
  readonly source: WindowSource;
  readonly basis: WindowBasis;
  /** Epoch ms of the read the window's date depends on (for "last seen …"). */
  readonly seenAt: number | null;
  readonly note?: WindowNote;
}
