/**
 * The worker's own texts (notifications, badge titles), in English here and translated through
 * `browser.i18n` when the locale files have the key (the keys below belong in
 * public/_locales/<lang>/messages.json; until a key is there, this English text is used).
 */

import { countdownUnits } from '../core/durations';
import { FORECAST_TEXT_EN } from '../core/forecast-text';
import { translatorFrom } from '../core/i18n';
import type { ActionId, WindowKind } from '../core/ladder';
import { formatLastDay, LAST_DAY_TEXT_EN } from '../core/last-day';
import type { Reminder } from '../core/reminders';
import type { LadderLike } from '../core/summary';
import type { Platform } from '../platform/types';

export const WORKER_TEXTS_EN: Readonly<Record<string, string>> = {
  ...LAST_DAY_TEXT_EN,
  extName: 'Protection Clock for AliExpress',
  notify_closes_protection_end: 'Buyer Protection ends in $1',
  notify_closes_ask_extension: '$1 left to ask the seller for more time',
  notify_closes_dispute_open: '$1 left to open a dispute',
  notify_closes_late_coupon: '$1 left to claim the late-delivery coupon',
  notify_closes_return_after_receipt: '$1 left to request a return',
  notify_closes_free_return: '$1 left to send it back for free',
  notify_closes_not_as_described: '$1 left to claim "not as described"',
  notify_closes_seller_response: 'The seller has $1 left to answer',
  notify_closes_escalation: '$1 left to escalate to AliExpress',
  notify_closes_auto_escalation: 'The dispute goes to AliExpress in $1',
  notify_closes_change_reason: '$1 left to change the dispute reason',
  notify_closes_ship_return: '$1 left to ship the return',
  notify_opens_protection_end: 'Buyer Protection is running',
  notify_opens_ask_extension: 'Time to ask the seller for more time',
  notify_opens_dispute_open: 'You can open a dispute now',
  notify_opens_late_coupon: 'You can claim the late-delivery coupon now',
  notify_opens_return_after_receipt: 'You can request a return now',
  notify_opens_free_return: 'You can send it back for free now',
  notify_opens_not_as_described: 'You can claim "not as described" now',
  notify_opens_seller_response: 'The seller is due to answer your request',
  notify_opens_escalation: 'You can escalate to AliExpress now',
  notify_opens_auto_escalation: 'Your dispute has gone to AliExpress',
  notify_opens_change_reason: 'You can change the dispute reason now',
  notify_opens_ship_return: 'Time to ship the return',
  notifyBody: '$1 (order $2). $3',
  notifyClosesOn: '($1)',
  notifyManyTitle: '$1 AliExpress deadlines need you',
  notifyManyLine: '$1: $2',
  notifyOpenOrder: 'Open order',
  notifySnooze: 'Snooze 1 day',
  badgeTitle: 'Order $1 ($2): $3, $4, $5 left. $6',
  badgeTitleNothing: 'Order $1: nothing open to act on',
  badgeTitleIdle: 'Protection Clock: no open deadlines',
  leftDays: '$1 days',
  leftHours: '$1 hours',
  leftHour: '1 hour',
  leftMinutes: '$1 minutes',
  kind_protection_end: 'Buyer Protection',
  kind_ask_extension: 'Asking the seller to extend protection',
  kind_dispute_open: 'The dispute window',
  kind_late_coupon: 'The late-delivery coupon',
  kind_return_after_receipt: 'The return window',
  kind_free_return: 'The free return',
  kind_not_as_described: 'The not-as-described claim',
  kind_seller_response: "The seller's answer",
  kind_escalation: 'Escalation to AliExpress',
  kind_auto_escalation: 'Automatic escalation',
  kind_change_reason: 'Changing the dispute reason',
  kind_ship_return: 'Shipping the return',
  action_confirm_or_dispute: 'Confirm receipt, or open a dispute if it has not arrived.',
  action_ask_extension: 'Ask the seller to extend the protection time.',
  action_open_dispute: 'Open a dispute from the order page.',
  action_claim_coupon: 'Claim the late-delivery coupon from the order page.',
  action_request_return: 'Request a return or refund from the order page.',
  action_check_seller_answer: "Check the seller's answer and reply.",
  action_escalate: 'Escalate the dispute to AliExpress.',
  action_await_platform: 'AliExpress is deciding; check the dispute for questions.',
  action_change_reason: 'Change the dispute reason if it was wrong.',
  action_ship_return: 'Ship the return and enter its tracking number.',
};

const english = translatorFrom({ ...WORKER_TEXTS_EN, ...FORECAST_TEXT_EN });

export type T = (key: string, substitutions?: string[]) => string;

/** The browser's translation when it has the key, else the English text above. */
export function translator(platform: Platform): T {
  return (key, subs) => {
    const text = platform.t(key, subs);
    return text === key || text === '' ? english(key, subs) : text;
  };
}

const keyOf = (prefix: string, id: string) => `${prefix}_${id.replaceAll('-', '_')}`;
export const kindName = (t: T, kind: WindowKind) => t(keyOf('kind', kind));
/** The action as a sentence: the shared texts are button labels, without a full stop. */
export const actionText = (t: T, action: ActionId) => {
  const text = t(keyOf('action', action)).trim();
  return /[.!?。！？]$/u.test(text) || text === '' ? text : `${text}.`;
};

/** "3 days", "18 hours", "45 minutes": never more than is left (truncated, like the badge). */
export function timeLeft(t: T, ms: number): string {
  const { value, unit } = countdownUnits(ms);
  if (unit === 'day') return t('leftDays', [String(value)]);
  if (unit === 'hour') return value === 1 ? t('leftHour') : t('leftHours', [String(value)]);
  return t('leftMinutes', [String(value)]);
}

/**
 * A closing moment as every face shows it: the last day to act, "last day Thu, Dec 3", in the
 * buyer's zone and language (src/core/last-day.ts).
 */
export function lastDayText(at: number, platform: Platform, now: number): string {
  try {
    return formatLastDay(
      at,
      { now, timeZone: platform.timeZone(), lang: platform.uiLanguage() },
      (key, subs) => translator(platform)(key, subs ? [...subs] : undefined),
    );
  } catch {
    return new Date(at).toISOString();
  }
}

/** What names an order to a person: its first item's title (shortened), else its id. */
export function orderLabel(ladder: LadderLike | undefined): string {
  const title = ladder?.view.items?.value[0]?.title?.replace(/\s+/g, ' ').trim();
  if (!title) return '';
  return title.length > 48 ? `${title.slice(0, 47)}…` : title;
}

/**
 * A reminder's headline, one whole sentence per kind and lead ("Buyer Protection ends in 5 days",
 * "You can escalate to AliExpress now"): a kind's name slotted into a shared frame read wrong in
 * several languages.
 */
export function reminderTitle(
  t: T,
  kind: WindowKind,
  lead: 'opens' | 'closes',
  closesAt: number | null,
  now: number,
): string {
  if (lead === 'opens' || closesAt === null) return t(keyOf('notify_opens', kind));
  return t(keyOf('notify_closes', kind), [timeLeft(t, closesAt - now)]);
}

/** One line of a gathered notification: "Phone case: Buyer Protection ends in 5 days". */
export function reminderLine(
  t: T,
  r: { kind: WindowKind; lead: Reminder['lead']; closesAt: number | null; orderId: string },
  ladder: LadderLike | undefined,
  now: number,
): string {
  const title = reminderTitle(t, r.kind, r.lead === 'opens' ? 'opens' : 'closes', r.closesAt, now);
  return t('notifyManyLine', [orderLabel(ladder) || r.orderId, title]);
}
