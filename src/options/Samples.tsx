/**
 * "Report a broken page": every sample the worker kept (src/store/samples.ts), each shown in full
 * before the buyer copies or saves it (src/ui/SampleReport.tsx).
 */
import { formatInstant } from '../ui/format';
import { t } from '../ui/i18n';
import { pageKey } from '../ui/labels';
import { SampleReport } from '../ui/SampleReport';
import { useSamples } from '../ui/samples';

const PAGES: Readonly<Record<string, 'list' | 'detail' | 'tracking' | 'refunds'>> = {
  list: 'list',
  detail: 'detail',
  tracking: 'tracking',
  refunds: 'refunds',
};

export function Samples() {
  const samples = useSamples();
  return (
    <section class="card" aria-labelledby="samples-h" id="samples">
      <h2 id="samples-h">{t('options_samples_title')}</h2>
      <p class="hint">{t('options_samples_intro')}</p>
      {samples.length === 0 ? (
        <p class="hint" data-sample="none">
          {t('sample_none')}
        </p>
      ) : (
        <ul class="samples">
          {samples.map((sample) => (
            <li key={`${sample.api}:${sample.at}`}>
              <p>
                {t('sample_label', [
                  PAGES[sample.api] ? t(pageKey(PAGES[sample.api] ?? 'detail')) : sample.api,
                  formatInstant(sample.at),
                  t(`sample_state_${sample.state}`),
                ])}
              </p>
              <SampleReport sample={sample} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
