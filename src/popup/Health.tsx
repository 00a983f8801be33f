import type { JSX } from 'preact';
import { sendCommand } from '../messages-client';
import { MAX_ORDERS, type PageKind } from '../store/items';
import { attentionCounts, type StoreState } from '../store/state';
import { driftDetail, driftSentences } from '../ui/drift';
import { formatInstant } from '../ui/format';
import { t } from '../ui/i18n';
import { pageKey } from '../ui/labels';
import { SampleReport } from '../ui/SampleReport';
import { useSamples } from '../ui/samples';

const PAGE_SOURCE: Record<PageKind, 'list' | 'detail' | 'tracking' | 'refunds'> = {
  'order-list': 'list',
  'order-detail': 'detail',
  tracking: 'tracking',
  refunds: 'refunds',
};

/**
 * Parser health: a page that could not be read, or was read only in part (what that costs, and
 * exactly what changed), with the sample kept for a bug report; and stored records that fail
 * their schema.
 */
export function HealthNotes({ state }: { state: StoreState }) {
  const samples = useSamples();
  const notes: JSX.Element[] = [];
  let unreadable = false;
  for (const [kind, entry] of Object.entries(state.health) as [
    PageKind,
    NonNullable<StoreState['health'][PageKind]>,
  ][]) {
    const source = PAGE_SOURCE[kind];
    const page = t(pageKey(source));
    const sample = samples.find((s) => s.api === source);
    const drift = entry.health?.drift ?? [];
    const reason = entry.unreadable ?? (entry.health && !entry.health.usable ? 'nothing-found' : undefined);
    if (reason) {
      unreadable = true;
      notes.push(
        <div key={kind} data-health={kind} data-state="unreadable">
          <p>
            {`${t('popup_health_body', [page, t(`popup_health_${reason.replaceAll('-', '_')}`)])} (${formatInstant(entry.at)})`}
          </p>
          {sample ? <SampleReport sample={sample} /> : null}
        </div>,
      );
    } else if (drift.length > 0) {
      notes.push(
        <div key={kind} data-health={kind} data-state="partly">
          <p>{t('popup_partly_body', [page, formatInstant(entry.at)])}</p>
          <ul>
            {driftSentences(
              t,
              source,
              drift.map((d) => d.effect),
            ).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <details>
            <summary>{t('popup_health_changed')}</summary>
            <ul data-health-detail>
              {drift.map((d) => (
                <li key={`${d.kind}:${d.where}:${d.text ?? ''}`}>{driftDetail(t, d)}</li>
              ))}
            </ul>
          </details>
          {sample ? <SampleReport sample={sample} /> : null}
        </div>,
      );
    }
  }
  // The store was full: say what it removed and what it did not keep (the newest report).
  const full = Object.values(state.health)
    .map((entry) => entry?.full)
    .filter((f) => f !== undefined)
    .sort((a, b) => b.at - a.at)[0];
  if (full)
    notes.push(
      <p key="full" data-health="full">
        {t('popup_store_full', [String(MAX_ORDERS), String(full.evicted), String(full.refused)])}
      </p>,
    );
  // Each count names what it counts: orders apart from notes, checklists and settings.
  const broken = attentionCounts(state);
  if (broken.orders > 0)
    notes.push(
      <p key="broken" data-health="broken">
        {t('popup_health_broken', [String(broken.orders)])}
      </p>,
    );
  if (broken.other > 0)
    notes.push(
      <p key="broken-other" data-health="broken-other">
        {t('popup_health_broken_other', [String(broken.other)])}
      </p>,
    );
  if (notes.length === 0) return null;
  const dismissable = state.quarantine.map((q) => ({ key: q.key, at: q.at }));
  return (
    <div class="health" role="status" aria-labelledby="health-h">
      <h2 id="health-h">
        ⚠{' '}
        {unreadable
          ? t('popup_health_title')
          : full || broken.orders + broken.other > 0
            ? // Only the store's notes: the heading does not say a page could not be read.
              t('popup_store_title')
            : t('overlay_partly')}
      </h2>
      {notes}
      {dismissable.length > 0 ? (
        <button
          type="button"
          class="pc-button"
          data-health="dismiss"
          onClick={() => void sendCommand({ type: 'dismiss-quarantined', entries: dismissable })}
        >
          {t('popup_health_dismiss')}
        </button>
      ) : null}
    </div>
  );
}
