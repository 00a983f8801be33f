import { useState } from 'preact/hooks';
import { urgency } from '../core/ladder';
import { ConfidenceTag, UrgencyPill } from '../ui/components';
import { ForecastMark } from '../ui/forecast-mark';
import { formatCountdown } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { deadlineText, localZone, stageText, stepText } from '../ui/journey-text';
import { kindLabel } from '../ui/labels';
import { GROUPS, type Group, type PopupModel, type Row } from './model';
import { orderTitle } from './text';

/**
 * Rows rendered per group before "Show more": about three popups' height (a row is some 60 px of
 * the popup's 600), which keeps the first render cheap at 2,000 orders.
 */
export const FIRST_ROWS = 25;
/** Rows each "Show more" adds. */
export const MORE_ROWS = 200;

const GROUP_KEY: Record<Group, string> = {
  disputes: 'popup_group_disputes',
  'act-now': 'popup_group_act_now',
  'coming-up': 'popup_group_coming_up',
  done: 'popup_group_done',
};

export function OrderList({
  model,
  now,
  onOpen,
  pendingDone = 0,
}: {
  model: PopupModel;
  now: number;
  onOpen: (id: string) => void;
  /** Closed orders whose summaries are still being parsed (src/ui/store.ts): counted in "done" already. */
  pendingDone?: number;
}) {
  return (
    <div class="groups">
      {GROUPS.map((g) => (
        <GroupSection
          key={g}
          group={g}
          rows={model.rows[g]}
          extra={g === 'done' ? pendingDone : 0}
          now={now}
          onOpen={onOpen}
        />
      ))}
    </div>
  );
}

function GroupSection({
  group,
  rows,
  extra,
  now,
  onOpen,
}: {
  group: Group;
  rows: readonly Row[];
  /** Orders of this group not in `rows` yet (being parsed), listed after them. */
  extra: number;
  now: number;
  onOpen: (id: string) => void;
}) {
  const [shown, setShown] = useState(FIRST_ROWS);
  const total = rows.length + extra;
  if (total === 0) return null;
  const id = `group-${group}`;
  const rest = total - shown;
  return (
    <section class={`group group-${group}`} aria-labelledby={id} data-group={group}>
      <h2 id={id} class="group-title">
        {t(GROUP_KEY[group])} <span class="group-count">{total}</span>
      </h2>
      <ul class="rows">
        {rows.slice(0, shown).map((row) => (
          <OrderRow key={row.orderId} row={row} now={now} onOpen={onOpen} />
        ))}
      </ul>
      {rest > 0 && (
        <button type="button" class="pc-button more" onClick={() => setShown(shown + MORE_ROWS)}>
          {t('popup_show_more', [String(Math.min(rest, MORE_ROWS))])}
        </button>
      )}
    </section>
  );
}

function OrderRow({ row, now, onOpen }: { row: Row; now: number; onOpen: (id: string) => void }) {
  const view = row.summary.view;
  const next = row.next;
  const store = view.storeName?.value;
  const j = row.journey;
  const last = row.nextOpen
    ? deadlineText(j, { now, timeZone: localZone(), lang: uiLanguage() }, t)
    : undefined;
  return (
    <li
      class="row"
      data-order-id={row.orderId}
      data-group={row.group}
      data-stage={j.stage}
      data-step={j.step}
    >
      <button type="button" class="row-button" onClick={() => onOpen(row.orderId)}>
        <span class="row-title">{orderTitle(view)}</span>
        <span class="row-meta">
          {store ? `${store} · ` : ''}
          <span class="row-stage">{stageText(j, t)}</span>
          {view.stale ? <span class="pc-tag pc-tag-stale"> {t('confidence_stale')}</span> : null}
          <ForecastMark forecast={j.forecast} t={t} />
        </span>
        {j.step !== 'none' ? <span class="row-step">{stepText(j, t)}</span> : null}
        <span class="row-next">
          {next ? (
            row.nextOpen ? (
              <>
                <UrgencyPill urgency={urgency((next.closesAt as number) - now)} />
                <span class="row-last-day">{last}</span>
                <span class="row-countdown">{formatCountdown((next.closesAt as number) - now)}</span>
                <ConfidenceTag confidence={next.confidence} />
              </>
            ) : (
              <>
                <span class="pc-pill pc-pill-closed">{t('state_upcoming')}</span>
                <span class="row-kind">{kindLabel(next.kind)}</span>
                <span class="row-countdown">
                  {t('window_opens', [formatCountdown((next.opensAt as number) - now)])}
                </span>
              </>
            )
          ) : j.step === 'none' ? (
            <span class="row-none">{t('popup_nothing_open')}</span>
          ) : null}
        </span>
      </button>
    </li>
  );
}
