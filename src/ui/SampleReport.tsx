/**
 * "Copy a sample for a bug report": the buyer first sees the exact text, then copies it or saves
 * it as a file. Nothing is sent anywhere. The text is shown as a textarea's value (never as HTML).
 */
import { useState } from 'preact/hooks';
import type { StoredSample } from '../store/samples';
import { CopyButton } from './components';
import { download } from './download';
import { t } from './i18n';

export function SampleReport({ sample, label }: { sample: StoredSample; label?: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" class="pc-button sample-open" data-sample="open" onClick={() => setOpen(true)}>
        {label ?? t('sample_copy_button')}
      </button>
    );
  }
  const name = `protection-clock-sample-${sample.api}-${new Date(sample.at).toISOString().slice(0, 10)}.json`;
  return (
    <div class="sample" data-sample="view">
      <p>{t('sample_intro')}</p>
      <textarea
        class="sample-text"
        data-sample="text"
        readOnly
        rows={10}
        value={sample.text}
        spellcheck={false}
      />
      <div class="sample-actions">
        <CopyButton text={() => sample.text} label={t('sample_copy')} class="pc-button pc-button-primary" />
        <button
          type="button"
          class="pc-button"
          data-sample="save"
          onClick={() => download(name, 'application/json', sample.text)}
        >
          {t('sample_save')}
        </button>
        <button type="button" class="pc-button" data-sample="close" onClick={() => setOpen(false)}>
          {t('sample_close')}
        </button>
      </div>
    </div>
  );
}
