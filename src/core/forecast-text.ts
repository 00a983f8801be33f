/**
 * The forecast in words, in the UI language through `t`. `FORECAST_TEXT_EN` is the English source
 * for the locale files. Day counts shown are always 3 or more (a stall needs `MIN_HIGH_DAYS`), so
 * one plural form reads right in every language we ship.
 */
import type { Forecast, ForecastReason, Verdict, WaitStage } from './forecast';
import type { Translate } from './i18n';

export const FORECAST_TEXT_EN: Readonly<Record<string, string>> = {
  forecast_verdict_no_tracking: 'No tracking read',
  forecast_verdict_delivered: 'Delivered',
  forecast_verdict_on_track: 'On track',
  forecast_verdict_late: 'Late, inside protection',
  forecast_verdict_at_risk: 'At risk',
  forecast_stalled: 'Stalled',
  forecast_stage_ordered: 'order processing',
  forecast_stage_warehouse: 'the warehouse',
  forecast_stage_line_haul: 'international transit',
  forecast_stage_customs: 'customs',
  forecast_stage_last_mile: 'local delivery',
  forecast_stage_unknown: 'transit',
  forecast_reason_no_tracking:
    'No tracking read yet: open this order’s tracking page on AliExpress so we can see where the parcel is.',
  forecast_reason_stalled: 'No scan for $1 days in $2; usually at most $3 days there.',
  forecast_reason_moving: 'Last scan $1, in $2 (usually at most $3 days there).',
  forecast_reason_eta_passed: 'AliExpress expected it by $1, and it has not arrived.',
  forecast_reason_late_after_end: 'It may arrive as late as $1, too close to the protection end: act by $2.',
  forecast_reason_late_before_end: 'Expected by $1 at the latest, before protection ends.',
  forecast_window: 'Expected $1, at the latest $2.',
  forecast_confidence_low: 'Rough forecast: usual times, not your own history.',
  forecast_confidence_medium: 'Fair forecast: from AliExpress’s estimate or your delivered orders.',
  forecast_confidence_high: 'Good forecast: from AliExpress’s estimate and your delivered orders.',
  forecast_step_open_tracking: 'Open the tracking page',
  forecast_step_ask_extension: 'Ask the seller to extend protection, by $1',
  forecast_step_open_dispute: 'Open a dispute before $1',
  forecast_reminder_title: 'Parcels at risk',
  forecast_reminder_body: '$1 may not arrive before protection ends: ask the seller for more time.',
};

export function verdictKey(verdict: Verdict): string {
  return `forecast_verdict_${verdict.replaceAll('-', '_')}`;
}

export function stageKey(stage: WaitStage): string {
  return `forecast_stage_${stage.replaceAll('-', '_')}`;
}

/**
 * One reason in words. `formatInstant` shows an instant as a date in the UI language and zone;
 * `formatDeadline` shows a moment to act before as its last day (a close at 00:00 is the day
 * before: never a later day than the real last one). It defaults to `formatInstant`.
 */
export function reasonText(
  reason: ForecastReason,
  t: Translate,
  formatInstant: (ms: number) => string,
  formatDeadline: (ms: number) => string = formatInstant,
): string {
  switch (reason.id) {
    case 'no-tracking':
      return t('forecast_reason_no_tracking');
    case 'stalled':
      return t('forecast_reason_stalled', [
        String(reason.days),
        t(stageKey(reason.stage)),
        String(reason.usualDays),
      ]);
    case 'moving':
      return t('forecast_reason_moving', [
        formatInstant(reason.at),
        t(stageKey(reason.stage)),
        String(reason.usualDays),
      ]);
    case 'eta-passed':
      return t('forecast_reason_eta_passed', [formatInstant(reason.eta)]);
    case 'late-after-end':
      return t('forecast_reason_late_after_end', [formatInstant(reason.late), formatDeadline(reason.actBy)]);
    case 'late-before-end':
      return t('forecast_reason_late_before_end', [formatInstant(reason.late)]);
  }
}

/** The verdict's reasons in words, the stall first. */
export function forecastReasons(
  f: Forecast,
  t: Translate,
  formatInstant: (ms: number) => string,
  formatDeadline: (ms: number) => string = formatInstant,
): string[] {
  return f.reasons.map((r) => reasonText(r, t, formatInstant, formatDeadline));
}

/** The step in words ("Ask the seller to extend protection, by Sep 2"), or undefined. */
export function stepText(
  f: Forecast,
  t: Translate,
  formatInstant: (ms: number) => string,
  formatDeadline: (ms: number) => string = formatInstant,
): string | undefined {
  if (f.step === undefined) return undefined;
  if (f.step === 'open-tracking') return t('forecast_step_open_tracking');
  const by = formatDeadline(f.stepBy ?? 0);
  return f.step === 'ask-extension'
    ? t('forecast_step_ask_extension', [by])
    : t('forecast_step_open_dispute', [by]);
}

/** The short mark for a chip or a row: "At risk", "Stalled", or nothing when all is well. */
export function forecastMark(f: Forecast, t: Translate): string | undefined {
  if (f.verdict === 'at-risk') return t('forecast_verdict_at_risk');
  if (f.stalled) return t('forecast_stalled');
  return undefined;
}
