import { Component } from 'preact';
import { useState } from 'preact/hooks';
import { DAY_MS } from '../core/durations';
import { urgency } from '../core/window-state';
import type { Command } from '../messages';
import { ConfidenceTag, UrgencyPill } from '../ui/components';
import { ForecastMark } from '../ui/forecast-mark';
import { formatCivil, formatCountdown, formatInstant } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { deadlineText, localZone, stageText, stepText } from '../ui/journey-text';
import { kindLabel } from '../ui/labels';
import { orderUrl } from '../ui/links';
import { GROUPS, type Group, type PopupModel, type Row } from './model';
import { orderTitle } from './text';

/**
 * Rows rendered per group before "Show more": about three popups' height (a row is some 60 px of
 * the popup's 600), which keeps the first render cheap at 2,000 orders.
 */
export const FIRST_ROWS = 25;
/** Rows each "Show more" adds. */
export const MORE_ROWS = 200;
/**
 * Rows the popup's first frame draws, over all groups in order: far more than its 600 px show (a
 * row is 120 to 160 px tall). The rest of each group's first FIRST_ROWS follow in the next frame,
 * below the fold: drawing some 80 rows before the first paint cost as much as reading the store.
 */
export const FIRST_FRAME_ROWS = 10;

const GROUP_KEY: Record<Group, string> = {
  disputes: 'popup_group_disputes',
  'act-now': 'popup_group_act_now',
  'coming-up': 'popup_group_coming_up',
  done: 'popup_group_done',
};

/** What a row can do besides opening the order's view: the buyer's commands (src/messages.ts). */
export interface RowActions {
  /** When the reminders of a window are snoozed until, if they are. */
  readonly snoozedUntil: (windowId: string) => number | undefined;
  readonly send: (command: Command) => void;
}
const NO_ACTIONS: RowActions = { snoozedUntil: () => undefined, send: () => {} };

export function OrderList({
  model,
  now,
  onOpen,
  actions = NO_ACTIONS,
  pendingDone = 0,
  budget = Number.POSITIVE_INFINITY,
}: {
  model: PopupModel;
  now: number;
  onOpen: (id: string) => void;
  actions?: RowActions;
  /** Closed orders whose summaries are still being parsed (src/ui/store.ts): counted in "done" already. */
  pendingDone?: number;
  /** Rows to draw over all groups, in order (the first frame's FIRST_FRAME_ROWS); counts stay whole. */
  budget?: number;
}) {
  let left = budget;
  return (
    <div class="groups">
      {GROUPS.map((g) => {
        const cap = left;
        left = Math.max(0, left - Math.min(model.rows[g].length, FIRST_ROWS));
        return (
          <GroupSection
            key={g}
            group={g}
            rows={model.rows[g]}
            extra={g === 'done' ? pendingDone : 0}
            cap={cap}
            now={now}
            onOpen={onOpen}
            actions={actions}
          />
        );
      })}
      <HiddenSection rows={model.hidden} now={now} onOpen={onOpen} actions={actions} />
    </div>
  );
}

/** Orders the buyer hid: counted, listed only on demand, each can come back. */
function HiddenSection({
  rows,
  now,
  onOpen,
  actions,
}: {
  rows: readonly Row[];
  now: number;
  onOpen: (id: string) => void;
  actions: RowActions;
}) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(FIRST_ROWS);
  if (rows.length === 0) return null;
  const rest = rows.length - shown;
  return (
    <section class="group group-hidden" aria-labelledby="group-hidden" data-group="hidden">
      <h2 id="group-hidden" class="group-title">
        {t('popup_group_hidden')} <span class="group-count">{rows.length}</span>
      </h2>
      <p class="hidden-note muted">{t('popup_hidden_note')}</p>
      {open ? (
        <>
          <ul class="rows">
            {rows.slice(0, shown).map((row) => (
              <OrderRow key={row.orderId} row={row} now={now} onOpen={onOpen} actions={actions} hidden />
            ))}
          </ul>
          {rest > 0 && (
            <button type="button" class="pc-button more" onClick={() => setShown(shown + MORE_ROWS)}>
              {t('popup_show_more', [String(Math.min(rest, MORE_ROWS))])}
            </button>
          )}
        </>
      ) : (
        <button type="button" class="pc-button more" aria-expanded="false" onClick={() => setOpen(true)}>
          {t('popup_hidden_show', [String(rows.length)])}
        </button>
      )}
    </section>
  );
}

function GroupSection({
  group,
  rows,
  extra,
  cap,
  now,
  onOpen,
  actions,
}: {
  group: Group;
  rows: readonly Row[];
  /** Orders of this group not in `rows` yet (being parsed), listed after them. */
  extra: number;
  /** At most this many rows drawn for now (the first frame's budget), and no "Show more" below them. */
  cap: number;
  now: number;
  onOpen: (id: string) => void;
  actions: RowActions;
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
        {rows.slice(0, Math.min(shown, cap)).map((row) => (
          <OrderRow key={row.orderId} row={row} now={now} onOpen={onOpen} actions={actions} />
        ))}
      </ul>
      {rest > 0 && cap >= shown && (
        <button type="button" class="pc-button more" onClick={() => setShown(shown + MORE_ROWS)}>
          {t('popup_show_more', [String(Math.min(rest, MORE_ROWS))])}
        </button>
      )}
    </section>
  );
}

interface RowProps {
  row: Row;
  now: number;
  onOpen: (id: string) => void;
  actions: RowActions;
  hidden?: boolean;
}

/**
 * A row drawn again only when its own props change: a keystroke in the search keeps most rows of
 * the list (the model's rows are the same objects), and only the ones coming in are drawn.
 */
class OrderRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const p = this.props;
    return (
      p.row !== next.row ||
      p.now !== next.now ||
      p.onOpen !== next.onOpen ||
      p.actions !== next.actions ||
      p.hidden !== next.hidden
    );
  }

  override render(props: RowProps) {
    return orderRow(props);
  }
}

function orderRow({ row, now, onOpen, actions, hidden = false }: RowProps) {
  const view = row.summary.view;
  const titleId = `title-${row.orderId}`;
  const placed = view.placedOn ? t('popup_row_placed', [formatCivil(view.placedOn.value)]) : '';
  const price = view.totalText?.value ?? '';
  const facts = [placed, price].filter(Boolean).join(' · ');
  // Snooze what would remind next: the window the row counts down to, while it can still cost money.
  const snoozable = row.nextOpen && row.next?.losesMoney === true && !hidden ? row.next : undefined;
  const snoozed = snoozable ? actions.snoozedUntil(snoozable.id) : undefined;
  const url = orderUrl(row.orderId);
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
        <span class="row-title" id={titleId}>
          {orderTitle(view)}
        </span>
        {facts ? <span class="row-facts">{facts}</span> : null}
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
      <div class="row-actions">
        <a
          class="row-action"
          href={url}
          target="_blank"
          rel="noreferrer"
          aria-describedby={titleId}
          onClick={(e) => {
            e.preventDefault();
            actions.send({ type: 'open-url', url });
          }}
        >
          {t('popup_row_open')}
        </a>
        {snoozable ? (
          snoozed !== undefined && snoozed > now ? (
            <span class="row-snoozed">{t('popup_row_snoozed', [formatInstant(snoozed)])}</span>
          ) : (
            <button
              type="button"
              class="row-action"
              aria-describedby={titleId}
              onClick={() =>
                actions.send({
                  type: 'snooze',
                  windowId: snoozable.id,
                  orderId: row.orderId,
                  until: Date.now() + DAY_MS,
                })
              }
            >
              {t('popup_row_snooze')}
            </button>
          )
        ) : null}
        <button
          type="button"
          class="row-action"
          aria-describedby={titleId}
          data-action={hidden ? 'unhide' : 'hide'}
          onClick={() => actions.send({ type: 'set-hidden', orderId: row.orderId, hidden: !hidden })}
        >
          {t(hidden ? 'popup_row_unhide' : 'popup_row_hide')}
        </button>
      </div>
    </li>
  );
}
