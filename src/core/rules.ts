/**
 * Buyer Protection rules as data: the one table every count in the ladder comes from.
 *
 * The sources disagree (see shared notes, "Buyer Protection rules: what sources say"; numbered
 * 1 to 6 there, newest and strongest first). For each rule we keep the figure we use, where it
 * comes from, and why that reading is the conservative one. "Conservative" means: a reminder before
 * a deadline may come early but never late, so for a CLOSING moment we take the earliest reading;
 * for an OPENING moment we take the latest reading (we never tell a buyer "you can do this now"
 * when a source says it is not yet possible; the page's own button overrides that when it shows).
 *
 * Whatever the page itself states for an order (a date or a count of days) beats this table.
 */
import type { RuleId } from './rule-ids';

export type { RuleId };

export type RuleUnit = 'days' | 'hours';

/** Which fact a rule counts from. */
export type RuleBasis =
  | 'shippedOn'
  | 'placedOn'
  | 'receiptConfirmed'
  | 'delivered'
  | 'couponDelayedBy'
  | 'protectionEnd'
  | 'caseCreated'
  | 'returnAgreed'
  | 'promisedDelivery';

export interface Rule {
  readonly id: RuleId;
  readonly figure: number;
  readonly unit: RuleUnit;
  /** What the figure is counted from. */
  readonly from: RuleBasis;
  /** Source numbers in the shared notes (1 = the page itself ... 6 = the old Buyer Protection page). */
  readonly sources: readonly number[];
  /** When the source was written or seen (as precise as we know). */
  readonly sourceDate: string;
  /** Other figures the sources give for the same thing, for the record. */
  readonly alternatives?: readonly { figure: number; sources: readonly number[]; sourceDate: string }[];
  /** Which reading we take and why it is the safe one. */
  readonly conservativeReading: string;
}

const table = [
  {
    id: 'protection-after-shipment',
    figure: 60,
    unit: 'days',
    from: 'shippedOn',
    sources: [3],
    sourceDate: '2026 guides',
    alternatives: [
      { figure: 75, sources: [3], sourceDate: '2026 guides (slow/economy lines)' },
      { figure: 90, sources: [3], sourceDate: '2026 guides ("up to")' },
    ],
    conservativeReading:
      'Only used when the page states no "Refund if no delivery before" date. 60 days after the ship ' +
      'date, closing at the start of that day. Economy lines may get 75 days, but we cannot tell a ' +
      'line from its name with certainty, so we still count 60 for them and say "may be longer" in a ' +
      'note (see protection-after-shipment-economy). With no ship date we count from the payment or ' +
      'order date, which is earlier still.',
  },
  {
    id: 'protection-after-shipment-economy',
    figure: 75,
    unit: 'days',
    from: 'shippedOn',
    sources: [3],
    sourceDate: '2026 guides',
    conservativeReading:
      'Recorded, never used for a deadline: a longer window is the risky reading. When the carrier ' +
      'name looks like an economy line (isEconomyLine) the protection-end window gets a note that the ' +
      'real end may be later and that the order page will say.',
  },
  {
    id: 'dispute-opens-after-shipment',
    figure: 11,
    unit: 'days',
    from: 'shippedOn',
    sources: [4],
    sourceDate: 'help centre 2020-2022',
    alternatives: [
      { figure: 5, sources: [6], sourceDate: 'old Buyer Protection page (undated)' },
      { figure: 10, sources: [5], sourceDate: 'seller rules (undated)' },
    ],
    conservativeReading:
      'An opening: we take the latest reading, the 11th day after shipment (start of ship date + 11), ' +
      'so we never send the buyer to a button that is not there yet. The page showing its own ' +
      '"Returns/refunds" (OPEN_DISPUTE) button overrides this: shown means open now. Closing is the ' +
      'protection end, so a later opening never costs money.',
  },
  {
    id: 'dispute-opens-fast-delivery',
    figure: 5,
    unit: 'days',
    from: 'promisedDelivery',
    sources: [5, 6],
    sourceDate: 'old Buyer Protection page; seller rules (undated)',
    conservativeReading:
      'When the promised delivery (estimated delivery minus ship date) is 5 days or less, a dispute ' +
      'can be opened at once after shipment. Both sources agree; we apply it only when both dates are ' +
      'known.',
  },
  {
    id: 'late-coupon-claimable',
    figure: 48,
    unit: 'hours',
    from: 'couponDelayedBy',
    sources: [1],
    sourceDate: '2026 order pages',
    conservativeReading:
      'An opening: "if delayed by Aug 3" is read as "not delivered by the end of Aug 3", and the coupon ' +
      'is claimable 48 hours after that (start of Aug 4 + 48 h). It closes with the protection end, ' +
      'the earliest moment the claim can disappear that we know of.',
  },
  {
    id: 'return-after-receipt',
    figure: 7,
    unit: 'days',
    from: 'receiptConfirmed',
    sources: [1],
    sourceDate: '2026 order pages',
    alternatives: [{ figure: 15, sources: [2, 4], sourceDate: 'help centre (current copies; 2020-2022)' }],
    conservativeReading:
      'A closing: the shorter figure, 7 days after confirming receipt, closing at the start of that ' +
      'day. Counted from the completion date; when only the tracking delivery is known we count from ' +
      'it (it is never later than a confirmation).',
  },
  {
    id: 'free-return-after-delivery',
    figure: 15,
    unit: 'days',
    from: 'delivered',
    sources: [1],
    sourceDate: '2026 order pages',
    conservativeReading:
      'Only for orders whose page offers free returns ("Send it back within 15 days after delivery"). ' +
      'Counted from the earlier of the tracking delivery and the completion date.',
  },
  {
    id: 'not-as-described-after-order',
    figure: 90,
    unit: 'days',
    from: 'placedOn',
    sources: [1],
    sourceDate: '2026 order pages',
    alternatives: [
      { figure: 15, sources: [4], sourceDate: 'help centre 2020-2022 (after confirming receipt)' },
    ],
    conservativeReading:
      'The 2026 pages state 90 days after the order was placed for defective or not-as-described ' +
      'items. The older "15 days after confirming receipt" limit is covered by the return-after-receipt ' +
      'window (7 days), which closes first and is reminded first.',
  },
  {
    id: 'seller-response',
    figure: 5,
    unit: 'days',
    from: 'caseCreated',
    sources: [4, 5],
    sourceDate: 'help centre 2020-2022; seller rules (undated)',
    conservativeReading:
      'The seller must answer a refund request within 5 days, or it is refunded. Counted as 5 calendar ' +
      'days after the request date, closing at the start of that day. Nothing is lost when it passes.',
  },
  {
    id: 'escalation-opens',
    figure: 3,
    unit: 'days',
    from: 'caseCreated',
    sources: [5, 6],
    sourceDate: 'old Buyer Protection page; seller rules (undated)',
    conservativeReading:
      '"Escalate" 3 days after the request (source 6) and "from day 4" (source 5) agree: start of ' +
      'request date + 3.',
  },
  {
    id: 'escalation-closes',
    figure: 14,
    unit: 'days',
    from: 'caseCreated',
    sources: [5],
    sourceDate: 'seller rules (undated)',
    conservativeReading:
      'Escalation is possible "to day 15", day 1 being the request date: a date-only end closes at the ' +
      'start of that day, request date + 14.',
  },
  {
    id: 'auto-escalation',
    figure: 15,
    unit: 'days',
    from: 'caseCreated',
    sources: [5, 6],
    sourceDate: 'old Buyer Protection page; seller rules (undated)',
    conservativeReading:
      'After 15 days of negotiation the case goes to AliExpress by itself ("automatic on day 16"): ' +
      'start of request date + 15.',
  },
  {
    id: 'change-reason-after-delivered',
    figure: 5,
    unit: 'days',
    from: 'delivered',
    sources: [6],
    sourceDate: 'old Buyer Protection page (undated)',
    conservativeReading:
      'When tracking turns to delivered during a "not received" dispute, the reason must be changed ' +
      'within 5 days: start of delivery date + 5.',
  },
  {
    id: 'ship-return-after-agreed',
    figure: 10,
    unit: 'days',
    from: 'returnAgreed',
    sources: [5],
    sourceDate: 'seller rules (undated)',
    conservativeReading: 'Ship the return within 10 days once it is agreed: start of agreement date + 10.',
  },
  {
    id: 'ask-extension-lead',
    figure: 5,
    unit: 'days',
    from: 'protectionEnd',
    sources: [6],
    sourceDate: 'old Buyer Protection page (undated)',
    conservativeReading:
      'Only the seller can extend protection, so "ask a few days before it ends": we open this window ' +
      '5 days before the protection end, enough for a seller who answers within a few days.',
  },
] as const satisfies readonly Rule[];

export const RULES: readonly Rule[] = table;

const byId = new Map<RuleId, Rule>(table.map((rule) => [rule.id, rule]));

export function rule(id: RuleId): Rule {
  const found = byId.get(id);
  if (found === undefined) throw new Error(`No rule ${id}`);
  return found;
}

/** The figure of a rule, typed by its id so the ladder reads `figure('return-after-receipt')`. */
export function figure(id: RuleId): number {
  return rule(id).figure;
}

/**
 * Economy lines, recognised by carrier name. AliExpress names its slow lines "Cainiao Super
 * Economy", "Cainiao Super Economy Global", "AliExpress Saver Shipping", "Cainiao Saver", "China
 * Post Ordinary Small Packet Plus", "Economy Mail", "SunYou Economic Air Mail", "Yanwen Economic Air
 * Mail". The words `economy`, `economic`, `saver` and `ordinary` cover them, and no standard or
 * premium line we have seen uses them. Used only for a note (see protection-after-shipment-economy).
 */
export function isEconomyLine(carrier: string | undefined): boolean {
  if (carrier === undefined) return false;
  return /\b(economy|economic|saver|ordinary)\b/i.test(carrier);
}
