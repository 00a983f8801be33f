/**
 * "At risk" / "Stalled" beside an order (popup row, chip): its own module so that the popup's first
 * chunk does not carry the message templates the forecast details need (src/ui/forecast.tsx).
 */
import type { Forecast } from '../core/forecast';
import { forecastMark } from '../core/forecast-text';
import type { Translate } from '../core/i18n';

export function ForecastMark({ forecast, t }: { forecast: Forecast | undefined; t: Translate }) {
  const mark = forecast ? forecastMark(forecast, t) : undefined;
  if (!forecast || mark === undefined) return null;
  return (
    <span class={`pc-tag pc-forecast pc-forecast-${forecast.verdict}`} data-forecast={forecast.verdict}>
      {mark}
    </span>
  );
}
