/**
 * Small components the popup, the options page and the overlay share. Page text (titles, store
 * names) only ever goes in as text children: Preact escapes it; nothing here sets HTML.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Confidence, Urgency } from '../core/ladder';
import { t } from './i18n';
import { confidenceKey, urgencyKey } from './labels';

/** Urgency as colour AND words: the label is the text, the colour only repeats it. */
export function UrgencyPill({ urgency }: { urgency: Urgency }) {
  return <span class={`pc-pill pc-pill-${urgency}`}>{t(urgencyKey(urgency))}</span>;
}

export function ConfidenceTag({ confidence, hint }: { confidence: Confidence; hint?: string | undefined }) {
  return (
    <span class={`pc-tag pc-tag-${confidence}`} title={hint}>
      {t(confidenceKey(confidence))}
    </span>
  );
}

/**
 * Copies `text()` to the clipboard on click and says so in a polite live region (screen readers
 * hear "Copied"). Falls back to telling the buyer to copy by hand when the clipboard refuses.
 */
export function CopyButton({
  text,
  label,
  class: cls,
}: {
  text: () => string;
  label: string;
  class?: string;
}) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus('idle'), 4000);
  };
  return (
    <span>
      <button type="button" class={cls ?? 'pc-button'} onClick={copy}>
        {label}
      </button>
      <span class="pc-status" role="status" aria-live="polite">
        {status === 'copied' ? t('popup_copied') : status === 'failed' ? t('popup_copy_failed') : ''}
      </span>
    </span>
  );
}
