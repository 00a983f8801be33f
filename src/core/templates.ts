/**
 * The messages the buyer copies into AliExpress: the catalogue (`MESSAGE_IDS`) and their filling.
 * The journey (core/journey.ts) decides which of them fit an order's stage; this file decides what
 * they say. Plain text only (page texts are cleaned by `plainText`), in the UI language through `t`.
 * `TEMPLATE_TEXT_EN` is the English source for the locale files.
 *
 * Every message follows the buyer's guide: polite and brief; the facts we know in one block (order,
 * items, store, dates, tracking, how late, protection end, price) so the seller or AliExpress has
 * them all at once; always the full amount asked for, whatever the reason (AliExpress lowers it if it
 * sees fit; asking for less reads as haggling); never a return at the buyer's own cost for an item
 * that is wrong or not as described.
 */
import { type DisputeReason, EVIDENCE, type Ticks } from './evidence';
import { plainText, type Translate } from './i18n';
import { MESSAGE_IDS, type MessageId } from './journey';
import type { CivilDate } from './model';
import { daysBetween } from './time';

/**
 * The catalogue is the journey's list (core/journey.ts picks which fit a stage): ask the seller for
 * more time, open a dispute per reason, decline a partial refund, decline a return at the buyer's
 * own cost, the escalation statement, change a "not received" dispute's reason after delivery.
 */
export { MESSAGE_IDS, type MessageId };

type Fact<T> = { readonly value: T };
/**
 * The facts a message is filled from. An `OrderView` and an order summary's view both fit; every
 * field but the order id may be missing, and a message then simply leaves that line out.
 */
export interface TemplateView {
  readonly orderId: string;
  readonly storeName?: Fact<string> | undefined;
  readonly items?: Fact<readonly { readonly title: string }[]> | undefined;
  readonly placedOn?: Fact<CivilDate> | undefined;
  readonly shippedOn?: Fact<CivilDate> | undefined;
  readonly totalText?: Fact<string> | undefined;
  readonly tracking?:
    | Fact<{ readonly mailNo?: string | undefined; readonly carrier?: string | undefined }>
    | undefined;
  /** Tracking says delivered: when (epoch ms), or null when it does not say (an order's view). */
  readonly delivered?: Fact<number | null> | undefined;
  /** The same, as a summary keeps it. */
  readonly facts?: { readonly deliveredAt?: number | null | undefined } | undefined;
  readonly stated: {
    readonly protectionEnd?: Fact<CivilDate> | undefined;
    readonly estimatedDelivery?: Fact<CivilDate> | undefined;
  };
}

export interface TemplateOptions {
  /** Shows a civil date in the UI language; default: the ISO date as is. */
  readonly formatDate?: (date: CivilDate) => string;
  /**
   * Shows the protection end (a civil date: the window closes at its start) as the last day to act,
   * "last day Thu, Sep 3" (core/last-day.ts); default: `formatDate` of the date as stated.
   */
  readonly formatEnd?: (end: CivilDate) => string;
  /** Shows an instant's date in the UI language (the delivery); default: its ISO date in UTC. */
  readonly formatInstant?: (at: number) => string;
  /** How many more days to ask the seller for (default 15). */
  readonly extraDays?: number;
  /** Evidence items the buyer has ready, listed as attachments. */
  readonly ticks?: Ticks;
  /** The dispute's reason (open-dispute, escalation, partial refund) or the new one (change-reason). */
  readonly reason?: DisputeReason;
  /** Today in the buyer's zone: with an estimated delivery in the past, says how late the parcel is. */
  readonly today?: CivilDate;
  /**
   * The parcel's tracking, for the extension request: its number and its last scan (the date
   * already in the UI language, and the page's text of that scan). A seller answers sooner when
   * shown the parcel is stuck.
   */
  readonly tracking?: {
    readonly mailNo?: string | undefined;
    readonly lastScanOn?: string | undefined;
    readonly lastScanText?: string | undefined;
  };
}

export const DEFAULT_EXTRA_DAYS = 15;

export const TEMPLATE_TEXT_EN: Readonly<Record<string, string>> = {
  template_greeting_store: 'Hello $1,',
  template_greeting: 'Hello,',
  template_greeting_platform: 'Hello AliExpress team,',
  template_signoff: 'Thank you.',
  template_fact_order: 'Order: $1',
  template_fact_items: 'Items: $1',
  template_fact_store: 'Store: $1',
  template_fact_placed: 'Placed on: $1',
  template_fact_shipped: 'Shipped on: $1',
  template_fact_tracking: 'Tracking number: $1',
  template_fact_tracking_carrier: 'Tracking number: $1 ($2)',
  template_fact_eta: 'Estimated delivery: $1',
  template_fact_eta_late: 'Estimated delivery: $1 ($2 days ago)',
  template_fact_delivered: 'Delivered, according to tracking, on: $1',
  template_fact_protection: 'Buyer Protection: $1',
  template_fact_price: 'Price paid: $1',
  template_extension_body:
    'My parcel has not arrived yet, and its Buyer Protection is running out ($1). Could you please extend the protection by $2 days, so that it can still reach me in time?',
  template_extension_body_no_date:
    'My parcel has not arrived yet, and its Buyer Protection ends soon. Could you please extend the protection by $1 days, so that it can still reach me in time?',
  template_extension_tracking: 'Tracking number $1: the last scan was on $2 ($3).',
  template_extension_tracking_no_text: 'Tracking number $1: the last scan was on $2.',
  template_dispute_intro: 'I am opening a dispute for this order.',
  template_dispute_reason_not_received: 'The parcel has not been delivered to me.',
  template_dispute_reason_not_as_described: 'The item I received does not match the listing.',
  template_dispute_reason_damaged: 'The item arrived damaged.',
  template_dispute_reason_wrong_item: 'I received the wrong item (wrong model, size or colour).',
  template_dispute_reason_missing_parts: 'Parts or pieces are missing from the parcel.',
  template_dispute_reason_defective: 'The item does not work as it should.',
  template_dispute_reason_counterfeit: 'The item is not genuine, unlike what the listing claims.',
  template_full_refund: 'I ask for a full refund.',
  template_full_refund_price: 'I ask for a full refund ($1).',
  template_partial_body:
    'Thank you for your offer, but I cannot accept a partial refund. The evidence in the dispute shows the problem, so I keep my request for the full amount.',
  template_return_cost_body:
    'I will not send the item back at my own expense: the problem is not of my making, and the return postage could cost more than the refund. Please refund the full amount, or send me a prepaid return label.',
  template_escalation_body:
    'I am asking AliExpress to decide this dispute, because the seller has not resolved it.',
  template_evidence_given: 'All my evidence is attached to the dispute.',
  template_change_reason_body:
    'Tracking now says the parcel was delivered, so I am changing the reason of this dispute to "$1".',
  template_attached: 'Attached:',
};

const key = (prefix: string, id: string) => `${prefix}_${id.replaceAll('-', '_')}`;

function greeting(view: TemplateView, t: Translate): string {
  const store = view.storeName?.value;
  return store ? t('template_greeting_store', [plainText(store, 80)]) : t('template_greeting');
}

/** Item titles, shortened, for "Items: Phone case, USB cable". */
function itemsLabel(view: TemplateView): string | undefined {
  const titles = (view.items?.value ?? []).map((it) => plainText(it.title, 60)).filter((s) => s.length > 0);
  if (titles.length === 0) return undefined;
  return titles.length > 3 ? `${titles.slice(0, 3).join(', ')}, …` : titles.join(', ');
}

/** Everything we know of the order, one fact a line; a fact we do not know is left out. */
export function factLines(view: TemplateView, t: Translate, opts: TemplateOptions = {}): string[] {
  const date = opts.formatDate ?? ((d: CivilDate) => d);
  const instant = opts.formatInstant ?? ((at: number) => new Date(at).toISOString().slice(0, 10));
  const lines = [t('template_fact_order', [view.orderId])];
  const items = itemsLabel(view);
  if (items) lines.push(t('template_fact_items', [items]));
  const store = view.storeName?.value && plainText(view.storeName.value, 80);
  if (store) lines.push(t('template_fact_store', [store]));
  if (view.placedOn) lines.push(t('template_fact_placed', [date(view.placedOn.value)]));
  if (view.shippedOn) lines.push(t('template_fact_shipped', [date(view.shippedOn.value)]));
  const mailNo = view.tracking?.value.mailNo && plainText(view.tracking.value.mailNo, 80);
  const carrier = view.tracking?.value.carrier && plainText(view.tracking.value.carrier, 80);
  if (mailNo)
    lines.push(
      carrier
        ? t('template_fact_tracking_carrier', [mailNo, carrier])
        : t('template_fact_tracking', [mailNo]),
    );
  const delivered = deliveredAt(view);
  const eta = view.stated.estimatedDelivery?.value;
  if (eta) {
    const late = opts.today === undefined || delivered !== undefined ? 0 : daysBetween(eta, opts.today);
    lines.push(
      late > 0 ? t('template_fact_eta_late', [date(eta), String(late)]) : t('template_fact_eta', [date(eta)]),
    );
  }
  if (delivered != null) lines.push(t('template_fact_delivered', [instant(delivered)]));
  const end = view.stated.protectionEnd?.value;
  if (end) lines.push(t('template_fact_protection', [(opts.formatEnd ?? date)(end)]));
  const price = view.totalText?.value && plainText(view.totalText.value, 40);
  if (price) lines.push(t('template_fact_price', [price]));
  return lines;
}

/** When tracking says delivered (null: it does not say when); undefined: not delivered. */
function deliveredAt(view: TemplateView): number | null | undefined {
  if (view.delivered !== undefined) return view.delivered.value;
  return view.facts?.deliveredAt;
}

function fullRefund(view: TemplateView, t: Translate): string {
  const price = view.totalText?.value && plainText(view.totalText.value, 40);
  return price ? t('template_full_refund_price', [price]) : t('template_full_refund');
}

function attachments(reason: DisputeReason, t: Translate, ticks: Ticks | undefined): string[] {
  const ready = EVIDENCE[reason].filter((it) => ticks?.[it.id] === true).map((it) => `- ${t(it.text)}`);
  return ready.length > 0 ? ['', t('template_attached'), ...ready] : [];
}

/** The body paragraph(s) of each message, before the facts block. */
function body(id: MessageId, view: TemplateView, t: Translate, opts: TemplateOptions): string[] {
  const reason = opts.reason ?? 'not-received';
  const because = t(key('template_dispute_reason', reason));
  switch (id) {
    case 'extend-protection': {
      const extra = String(opts.extraDays ?? DEFAULT_EXTRA_DAYS);
      const end = view.stated.protectionEnd?.value;
      const format = opts.formatEnd ?? opts.formatDate ?? ((d: CivilDate) => d);
      const ask =
        end === undefined
          ? t('template_extension_body_no_date', [extra])
          : t('template_extension_body', [format(end), extra]);
      const tracking = opts.tracking;
      if (tracking?.mailNo === undefined || tracking.lastScanOn === undefined) return [ask];
      const mailNo = plainText(tracking.mailNo, 60);
      const scan = tracking.lastScanText === undefined ? '' : plainText(tracking.lastScanText, 120);
      return [
        ask,
        scan === ''
          ? t('template_extension_tracking_no_text', [mailNo, tracking.lastScanOn])
          : t('template_extension_tracking', [mailNo, tracking.lastScanOn, scan]),
      ];
    }
    case 'open-dispute':
      return [`${t('template_dispute_intro')} ${because} ${fullRefund(view, t)}`];
    case 'decline-partial-refund':
      return [`${t('template_partial_body')} ${fullRefund(view, t)}`];
    case 'decline-return-at-own-cost':
      return [t('template_return_cost_body')];
    case 'escalation-statement':
      return [
        `${t('template_escalation_body')} ${because} ${t('template_evidence_given')} ${fullRefund(view, t)}`,
      ];
    case 'change-reason':
      return [
        `${t('template_change_reason_body', [t(key('reason', reason))])} ${because} ${fullRefund(view, t)}`,
      ];
  }
}

/** Messages with the evidence the buyer ticked listed as attachments. */
const WITH_ATTACHMENTS: ReadonlySet<MessageId> = new Set<MessageId>([
  'open-dispute',
  'escalation-statement',
  'change-reason',
]);

/**
 * One message, filled with what we know of the order: greeting (the store, or AliExpress for the
 * escalation), the body, the facts block, the evidence ready, the sign-off.
 */
export function composeMessage(
  id: MessageId,
  view: TemplateView,
  t: Translate,
  opts: TemplateOptions = {},
): string {
  const hello = id === 'escalation-statement' ? t('template_greeting_platform') : greeting(view, t);
  const extra = WITH_ATTACHMENTS.has(id) ? attachments(opts.reason ?? 'not-received', t, opts.ticks) : [];
  return [
    hello,
    '',
    ...body(id, view, t, opts),
    '',
    ...factLines(view, t, opts),
    ...extra,
    '',
    t('template_signoff'),
  ].join('\n');
}

export function askExtensionMessage(view: TemplateView, t: Translate, opts: TemplateOptions = {}): string {
  return composeMessage('extend-protection', view, t, opts);
}
