/**
 * The delivery forecast as every face shows it (popup row and order view, the panel on AliExpress's
 * order page, the chips): a short mark ("At risk", "Stalled"), and the details — verdict, reasons in
 * words, the expected window, what to do by when, how sure we are — with the extension message
 * filled from the tracking. The forecast itself comes from the order's journey (src/core/journey.ts),
 * never from a face.
 */
import type { Forecast } from '../core/forecast';
import { forecastReasons, stepText, verdictKey } from '../core/forecast-text';
import type { Translate } from '../core/i18n';
import type { CivilDate } from '../core/model';
import { askExtensionMessage, type TemplateView } from '../core/templates';

/**
 * The message asking the seller to extend protection, with the parcel's tracking number and last
 * scan when the forecast has them.
 */
export function extensionMessage(
  view: TemplateView,
  forecast: Forecast | undefined,
  t: Translate,
  formatDate: (date: CivilDate) => string,
  formatDay: (ms: number) => string,
  /** The protection end as its last day to act (it closes at the start of the stated date). */
  formatEnd: (date: CivilDate) => string,
): string {
  const parcel = forecast?.parcel;
  return askExtensionMessage(view, t, {
    formatDate,
    formatEnd,
    ...(parcel?.mailNo !== undefined && parcel.lastScanAt !== undefined
      ? {
          tracking: {
            mailNo: parcel.mailNo,
            lastScanOn: formatDay(parcel.lastScanAt),
            lastScanText: parcel.lastScanText,
          },
        }
      : {}),
  });
}

export interface ForecastDetailsProps {
  readonly forecast: Forecast;
  readonly t: Translate;
  /** An instant as a date in the UI language and the buyer's zone. */
  readonly formatDay: (ms: number) => string;
  /** A moment to act before, as its last day (a close at 00:00 is the day before). */
  readonly formatDeadline: (ms: number) => string;
  /** The extension message, shown when the forecast says to ask for more time. */
  readonly message?: string | undefined;
}

export function ForecastDetails({
  forecast: f,
  t,
  formatDay,
  formatDeadline,
  message,
}: ForecastDetailsProps) {
  const reasons = forecastReasons(f, t, formatDay, formatDeadline);
  const step = stepText(f, t, formatDay, formatDeadline);
  return (
    <div
      class={`pc-forecast-details v-${f.verdict}${f.stalled ? ' stalled' : ''}`}
      data-pc="forecast"
      data-verdict={f.verdict}
      data-stalled={String(f.stalled)}
    >
      <p class="pc-forecast-verdict">
        <strong>{t(verdictKey(f.verdict))}</strong>
        {f.stalled && f.verdict !== 'at-risk' ? ` · ${t('forecast_stalled')}` : ''}
      </p>
      <ul class="pc-forecast-reasons">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {f.window ? (
        <p class="pc-forecast-window">
          {t('forecast_window', [formatDay(f.window.likely), formatDay(f.window.late)])}
        </p>
      ) : null}
      {step ? (
        <p class="pc-forecast-step" data-pc="forecast-step">
          <strong>{step}</strong>
        </p>
      ) : null}
      {f.verdict === 'no-tracking' || f.verdict === 'delivered' ? null : (
        <p class="pc-forecast-confidence">{t(`forecast_confidence_${f.confidence}`)}</p>
      )}
      {message && f.step === 'ask-extension' ? (
        <textarea
          class="pc-forecast-message"
          data-pc="forecast-message"
          readOnly
          rows={7}
          aria-label={t('forecast_step_ask_extension', [formatDeadline(f.stepBy ?? 0)])}
          value={message}
        />
      ) : null}
    </div>
  );
}
