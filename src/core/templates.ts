/**
 * Message templates the buyer copies into AliExpress: ask the seller to extend the protection, and
 * open a dispute for each reason. Plain text only (page texts are cleaned by `plainText`), in the UI
 * language through `t`. `TEMPLATE_TEXT_EN` is the English source for the locale files.
 */
import { type DisputeReason, EVIDENCE, type Ticks } from './evidence';
import { plainText, type Translate } from './i18n';
import type { CivilDate } from './model';
/**
 * The facts a message is filled from. An `OrderView` and an order summary's view both fit.
 */
export interface TemplateView {
  readonly orderId: string;
  readonly storeName?: { readonly value: string } | undefined;
  readonly items?: { readonly value: readonly { readonly title: string }[] } | undefined;
  readonly placedOn?: { readonly value: string } | undefined;
  readonly stated: { readonly protectionEnd?: { readonly value: string } | undefined };
}

export interface TemplateOptions {
  /** Shows a civil date in the UI language; default: the ISO date as is. */
  readonly formatDate?: (date: CivilDate) => string;
  /** How many more days to ask the seller for (default 15). */
  readonly extraDays?: number;
  /** Evidence items the buyer has ready, listed as attachments in a dispute message. */
  readonly ticks?: Ticks;
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
  template_signoff: 'Thank you.',
  template_extension_body:
    'My order $1 has not arrived yet, and its buyer protection ends on $2. Could you please extend the protection by $3 days so that I can receive the parcel before it ends?',
  template_extension_body_no_date:
    'My order $1 has not arrived yet, and its buyer protection will end soon. Could you please extend the protection by $2 days so that I can receive the parcel before it ends?',
  template_extension_tracking: 'Tracking number $1: the last scan was on $2 ($3).',
  template_extension_tracking_no_text: 'Tracking number $1: the last scan was on $2.',
  template_dispute_intro: 'I am opening a dispute for order $1 ($2), placed on $3.',
  template_dispute_intro_no_items: 'I am opening a dispute for order $1, placed on $2.',
  template_dispute_reason_not_received:
    'The parcel has not been delivered to me. I would like a full refund.',
  template_dispute_reason_not_as_described:
    'The item I received does not match the listing. I would like a refund.',
  template_dispute_reason_damaged: 'The item arrived damaged. I would like a refund.',
  template_dispute_reason_wrong_item:
    'I received the wrong item (wrong model, size or colour). I would like a refund.',
  template_dispute_reason_missing_parts:
    'Parts or pieces are missing from the parcel. I would like a refund for what is missing.',
  template_dispute_reason_defective: 'The item does not work as it should. I would like a refund.',
  template_dispute_reason_counterfeit:
    'The item is not genuine, unlike what the listing claims. I would like a full refund.',
  template_unknown_date: 'an unknown date',
  template_attached: 'Attached:',
};

function greeting(view: TemplateView, t: Translate): string {
  const store = view.storeName?.value;
  return store ? t('template_greeting_store', [plainText(store, 80)]) : t('template_greeting');
}

/** Item titles, shortened, for "order 123 (Phone case, USB cable)". */
function itemsLabel(view: TemplateView): string | undefined {
  const titles = (view.items?.value ?? []).map((it) => plainText(it.title, 60)).filter((s) => s.length > 0);
  if (titles.length === 0) return undefined;
  return titles.length > 3 ? `${titles.slice(0, 3).join(', ')}, …` : titles.join(', ');
}

export function askExtensionMessage(view: TemplateView, t: Translate, opts: TemplateOptions = {}): string {
  const format = opts.formatDate ?? ((d: CivilDate) => d);
  const extra = String(opts.extraDays ?? DEFAULT_EXTRA_DAYS);
  const end = view.stated.protectionEnd?.value;
  const body =
    end === undefined
      ? t('template_extension_body_no_date', [view.orderId, extra])
      : t('template_extension_body', [view.orderId, format(end), extra]);
  const lines = [greeting(view, t), '', body];
  const tracking = opts.tracking;
  if (tracking?.mailNo !== undefined && tracking.lastScanOn !== undefined) {
    const mailNo = plainText(tracking.mailNo, 60);
    const scan = tracking.lastScanText === undefined ? '' : plainText(tracking.lastScanText, 120);
    lines.push(
      scan === ''
        ? t('template_extension_tracking_no_text', [mailNo, tracking.lastScanOn])
        : t('template_extension_tracking', [mailNo, tracking.lastScanOn, scan]),
    );
  }
  lines.push('', t('template_signoff'));
  return lines.join('\n');
}

export function disputeMessage(
  reason: DisputeReason,
  view: TemplateView,
  t: Translate,
  opts: TemplateOptions = {},
): string {
  const format = opts.formatDate ?? ((d: CivilDate) => d);
  const items = itemsLabel(view);
  const placed = view.placedOn ? format(view.placedOn.value) : t('template_unknown_date');
  const intro =
    items === undefined
      ? t('template_dispute_intro_no_items', [view.orderId, placed])
      : t('template_dispute_intro', [view.orderId, items, placed]);
  const lines = [intro, t(`template_dispute_reason_${reason.replaceAll('-', '_')}`)];
  const ticks = opts.ticks ?? {};
  const attached = EVIDENCE[reason].filter((it) => ticks[it.id] === true).map((it) => `- ${t(it.text)}`);
  if (attached.length > 0) lines.push('', t('template_attached'), ...attached);
  return lines.join('\n');
}
