/**
 * The journey's words, shared by every face (popup, panel, chips; the worker has its own `t` and
 * passes it in): the stage's headline, the next step as a sentence, and its deadline as the last
 * day to act. Faces never word a step or a close on their own.
 */
import type { Translate } from '../core/i18n';
import type { Journey } from '../core/journey';
import { formatLastDay, type LastDayContext } from '../core/last-day';
import { journeyStageKey, stepKey } from './labels';

export const stageText = (j: Pick<Journey, 'stage'>, t: Translate): string => t(journeyStageKey(j.stage));

/** The one next thing to do, with the coupon's amount as the page stated it. */
export function stepText(j: Journey, t: Translate): string {
  if (j.step === 'claim-coupon' && j.couponText) return t('step_claim_coupon_amount', [j.couponText]);
  return t(stepKey(j.step));
}

/** "last day Thu, Dec 3" for the step's deadline; undefined when the step has none. */
export function deadlineText(j: Journey, ctx: LastDayContext, t: Translate): string | undefined {
  const closes = j.deadline?.closesAt;
  return closes == null ? undefined : formatLastDay(closes, ctx, t);
}

/** The deadline is an estimate counted from the order date: the order page would state the real one. */
export const estimatedFromOrderDate = (j: Journey): boolean =>
  j.deadline?.confidence !== 'stated' && j.deadline?.note === 'counted-from-order-date';

let zone: string | undefined;

/**
 * The buyer's zone as the browser knows it (the popup and the options page run in it). Asked once
 * per page: building the formatter to ask costs about 0.1 ms, once per row of the popup's list.
 */
export function localZone(): string {
  zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return zone;
}
