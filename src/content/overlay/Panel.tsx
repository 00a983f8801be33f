/**
 * The order panel on AliExpress's order detail page: the order's deadline ladder as a timeline,
 * what closes next and what to do, how sure each date is, and three actions. Collapsed, it is a
 * small pill with the time left. On the order list it only ever shows the "couldn't read" notice.
 *
 * Every page text (status, item titles) is rendered as a Preact text child, which sets
 * `textContent`: never as HTML.
 */
import type { UsualTable } from '../../core/forecast';
import type { Translate } from '../../core/i18n';
import { dayOf, formatDay, lastDayOf } from '../../core/last-day';
import { startOfDay } from '../../core/time';
import { driftSentences } from '../../ui/drift';
import { extensionMessage, ForecastDetails } from '../../ui/forecast';
import { formatCivil } from '../../ui/format';
import { confidenceKey, kindKey, pageKey, reasonKey, stateKey, windowNoteKey } from '../../ui/labels';
import {
  type DeadlineWindow,
  DISPUTE_REASONS,
  type DisputeReason,
  deadlineText,
  estimatedFromOrderDate,
  formatLastDay,
  type Journey,
  journey,
  OPEN_CASE_STAGES,
  type OrderSummary,
  stageText,
  stepText,
  type Urgency,
  urgency,
  WINDOWS,
  windowState,
} from '../summaries';
import { trusted } from '../trusted';
import { type FormatContext, relativeTime, shortCountdown, shortDate } from './format';
import type { PageHealth } from './health';
import { ClockIcon } from './icons';

/** The evidence checklists' reasons (core/dispute-reasons.ts), in the popup's order. */
export const CHECKLIST_REASONS = DISPUTE_REASONS;
export type ChecklistReason = DisputeReason;

export type Feedback = { readonly kind: 'ok' | 'error'; readonly text: string; readonly copyText?: string };

export interface PanelProps {
  readonly t: Translate;
  readonly fmt: FormatContext;
  /** Undefined on the order list, where only the health notice shows. */
  readonly orderId?: string;
  /** The order's summary, freshened to `fmt.now`; undefined while the order has not been read yet. */
  readonly summary?: OrderSummary;
  readonly health: PageHealth;
  readonly collapsed: boolean;
  readonly returnsUrl?: string;
  readonly feedback?: Feedback;
  /** The buyer's usual stage times for the delivery forecast; default: the forecast's defaults. */
  readonly usual?: UsualTable;
  readonly onToggle: () => void;
  readonly onCopyExtension?: () => void;
  /** Absent when the checklist cannot be started from here: the button is then not shown. */
  readonly onStartChecklist?: (reason: ChecklistReason) => void;
}

export const PANEL_ID = 'pc-panel';

export function Panel(props: PanelProps) {
  const { t, fmt, summary, health, collapsed } = props;
  // Stage, next step and its deadline come from the order's journey, as on every face.
  const j = summary ? journey(summary, fmt.now, undefined, { usual: props.usual }) : undefined;
  const next = j?.deadline;
  const level: Urgency | 'none' = next?.closesAt != null ? urgency(next.closesAt - fmt.now) : 'none';
  // A page read only in part warns like an unreadable one: some of its dates may be estimated.
  const unreadable = health.state === 'unreadable' || health.state === 'partly';

  if (collapsed) {
    const left =
      next?.closesAt != null ? t('overlay_left', [shortCountdown(next.closesAt - fmt.now, fmt.lang)]) : '';
    const label = [t('overlay_expand'), left, unreadable ? unreadableText(props) : '']
      .filter(Boolean)
      .join('. ');
    return (
      <button
        type="button"
        class={`pill u-${level}${unreadable ? ' warn' : ''}`}
        aria-expanded="false"
        aria-controls={PANEL_ID}
        aria-label={label}
        title={label}
        data-pc="pill"
        onClick={trusted(props.onToggle)}
      >
        <ClockIcon />
        <span>{left || t('popup_deadlines')}</span>
        {unreadable ? (
          <span class="pill-warn" aria-hidden="true">
            !
          </span>
        ) : null}
      </button>
    );
  }

  return (
    <section id={PANEL_ID} class="panel" aria-labelledby="pc-title" data-pc="panel">
      <header class="head">
        <ClockIcon />
        <h2 id="pc-title">{t('overlay_title')}</h2>
        <button
          type="button"
          class="icon-button"
          aria-expanded="true"
          aria-controls={PANEL_ID}
          aria-label={t('overlay_collapse')}
          title={t('overlay_collapse')}
          data-pc="collapse"
          onClick={trusted(props.onToggle)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M3 8h10" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <div class="body">
        {unreadable ? <Notice {...props} /> : null}
        {props.orderId === undefined ? null : summary ? (
          <OrderBody {...props} summary={summary} journey={j as Journey} next={next} level={level} />
        ) : (
          <p class="muted" data-pc="waiting">
            {t('popup_order_id', [props.orderId])} · {t('overlay_waiting')}
          </p>
        )}
      </div>
    </section>
  );
}

function unreadableText({ t, health }: PanelProps): string {
  if (health.state === 'partly')
    return `${t('overlay_partly')}: ${driftSentences(t, health.page, health.effects).join('. ')}.`;
  if (health.state !== 'unreadable') return '';
  return t('overlay_unreadable', [t(`popup_health_${health.reason.replaceAll('-', '_')}`)]);
}

function Notice(props: PanelProps) {
  const { health, t } = props;
  if (health.state === 'partly') {
    return (
      <div class="notice" role="status" data-pc="partly">
        <strong>{t('overlay_partly')}</strong>
        <ul>
          {driftSentences(t, health.page, health.effects).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p class="muted">{t('overlay_partly_report')}</p>
      </div>
    );
  }
  if (health.state !== 'unreadable') return null;
  return (
    <p class="notice" role="status" data-pc="unreadable">
      {unreadableText(props)}
    </p>
  );
}

interface OrderBodyProps extends PanelProps {
  readonly summary: OrderSummary;
  readonly journey: Journey;
  readonly next: DeadlineWindow | undefined;
  readonly level: Urgency | 'none';
}

function OrderBody(props: OrderBodyProps) {
  const { t, fmt, summary, next, level } = props;
  const view = summary.view;
  const items = view.items?.value ?? [];
  const first = items[0]?.title;
  const rest = summary.windows.filter((w) => w !== next);
  const j = props.journey;
  const canCopy = j.messages.includes('extend-protection');
  const canChecklist =
    props.onStartChecklist !== undefined &&
    (OPEN_CASE_STAGES.has(j.stage) ||
      j.messages.includes('open-dispute') ||
      summary.windows.some((w) => WINDOWS[w.kind].checklist && windowState(w, fmt.now) === 'open'));
  const last = deadlineText(j, fmt, t);

  return (
    <>
      <p class="order muted" data-pc="order">
        {t('popup_order_id', [summary.orderId])}
        {` · ${stageText(j, t)}`}
      </p>
      {first ? (
        <p class="item" data-pc="item">
          <span class="item-title">{first}</span>
          {items.length > 1 ? (
            <span class="muted"> {t('overlay_more_items', [String(items.length - 1)])}</span>
          ) : null}
        </p>
      ) : null}

      {j.step !== 'none' ? (
        <div
          class={`next u-${level}`}
          data-pc="next"
          data-kind={next?.kind ?? ''}
          data-stage={j.stage}
          data-step={j.step}
        >
          <p class="eyebrow">{t('journey_next')}</p>
          <p class="next-name">{stepText(j, t)}</p>
          {next?.closesAt != null && last ? (
            <>
              <p class="next-when" data-pc="last-day">
                {last} · {relativeTime(next.closesAt, fmt)}
              </p>
              <ConfidenceBadge t={t} fmt={fmt} window={next} />
              {estimatedFromOrderDate(j) ? <p class="note">{t('journey_estimated_open_order')}</p> : null}
            </>
          ) : null}
        </div>
      ) : (
        <p class="none" data-pc="none">
          {t('popup_nothing_open')}
        </p>
      )}

      {j.forecast ? (
        <ForecastDetails
          forecast={j.forecast}
          t={t}
          formatDay={(at) => formatDay(dayOf(at, fmt.timeZone), fmt)}
          formatDeadline={(at) => formatDay(lastDayOf(at, fmt.timeZone).date, fmt)}
          message={
            j.forecast.step === 'ask-extension'
              ? extensionMessage(
                  view,
                  j.forecast,
                  t,
                  (d) => formatCivil(d, { lang: fmt.lang }),
                  (at) => formatDay(dayOf(at, fmt.timeZone), fmt),
                  (d) => formatLastDay(startOfDay(d, fmt.timeZone), fmt, t),
                )
              : undefined
          }
        />
      ) : null}

      {rest.length > 0 ? (
        <>
          <h3>{t('popup_deadlines')}</h3>
          <ol class="timeline" data-pc="timeline">
            {rest.map((w) => (
              <WindowRow key={w.id} t={t} fmt={fmt} window={w} />
            ))}
          </ol>
        </>
      ) : null}

      <div class="actions">
        {canCopy && props.onCopyExtension ? (
          <button
            type="button"
            class="button primary"
            data-pc="copy"
            onClick={trusted(props.onCopyExtension)}
          >
            {t('overlay_copy_extension')}
          </button>
        ) : null}
        {props.returnsUrl ? (
          <a
            class="button"
            href={props.returnsUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-pc="returns"
          >
            {t('popup_link_refunds')}
          </a>
        ) : null}
        {canChecklist && props.onStartChecklist ? (
          <ChecklistStarter t={t} start={props.onStartChecklist} />
        ) : null}
      </div>
      <Live feedback={props.feedback} />
    </>
  );
}

/** "in 5 days · Thu, Sep 4" (an opening). */
function when(at: number, fmt: FormatContext): string {
  return `${relativeTime(at, fmt)} · ${shortDate(at, fmt)}`;
}

/** "in 5 days · last day Wed, Sep 3" (a close: the last day to act, as on every face). */
function whenCloses(at: number, t: Translate, fmt: FormatContext): string {
  return `${relativeTime(at, fmt)} · ${formatLastDay(at, fmt, t)}`;
}

function ChecklistStarter({ t, start }: { t: Translate; start: (reason: ChecklistReason) => void }) {
  // The form never submits: the page's script can `requestSubmit()` a form (a trusted event in
  // Chromium). Only the buyer's own click on the button (trusted) starts a checklist.
  const onSubmit = (event: Event) => event.preventDefault();
  const onClick = trusted((event: MouseEvent) => {
    event.preventDefault();
    const form = (event.currentTarget as HTMLButtonElement).form;
    const select = form?.elements.namedItem('reason') as HTMLSelectElement | null;
    const reason = CHECKLIST_REASONS.find((r) => r === select?.value);
    if (reason) start(reason);
  });
  return (
    <form class="checklist" onSubmit={onSubmit} data-pc="checklist">
      <label for="pc-reason">{t('popup_checklist_pick')}</label>
      <div class="checklist-row">
        <select id="pc-reason" name="reason">
          {CHECKLIST_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(reasonKey(r))}
            </option>
          ))}
        </select>
        <button type="submit" class="button" onClick={onClick}>
          {t('overlay_start_checklist')}
        </button>
      </div>
    </form>
  );
}

function Live({ feedback }: { feedback: Feedback | undefined }) {
  return (
    <div class="live" role="status" aria-live="polite" data-pc="feedback">
      {feedback ? (
        <>
          <p class={feedback.kind === 'error' ? 'error' : 'ok'}>{feedback.text}</p>
          {feedback.copyText ? (
            <textarea readOnly rows={5} aria-label={feedback.text} value={feedback.copyText} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function WindowRow({ t, fmt, window: w }: { t: Translate; fmt: FormatContext; window: DeadlineWindow }) {
  const state = windowState(w, fmt.now);
  let text: string;
  // The state label already says "Closed": the date is enough.
  if (state === 'closed' && w.closesAt !== null) text = shortDate(w.closesAt, fmt);
  else if (state === 'upcoming' && w.opensAt !== null) text = t('window_opens', [when(w.opensAt, fmt)]);
  else if (w.closesAt !== null) text = t('window_closes', [whenCloses(w.closesAt, t, fmt)]);
  else text = t('window_never_closes');
  return (
    <li class={`row s-${state}`} data-kind={w.kind} data-state={state}>
      <span class="dot" aria-hidden="true" />
      <div class="row-main">
        <p class="row-name">
          <span class="state-label">{t(stateKey(state))}</span> {t(kindKey(w.kind))}
        </p>
        <p class="row-when">{text}</p>
        {state === 'closed' ? null : <ConfidenceBadge t={t} fmt={fmt} window={w} />}
        {w.note && state !== 'closed' ? <p class="note">{t(windowNoteKey(w.note))}</p> : null}
      </div>
    </li>
  );
}

function ConfidenceBadge({
  t,
  fmt,
  window: w,
}: {
  t: Translate;
  fmt: FormatContext;
  window: DeadlineWindow;
}) {
  const c = w.confidence;
  const seen = w.seenAt === null ? '' : shortDate(w.seenAt, fmt);
  let hint: string;
  if (c === 'stated' && w.source.type === 'stated')
    hint = t('confidence_stated_hint', [t(pageKey(w.source.page)), seen]);
  else if (c === 'stale') hint = t('confidence_stale_hint', [seen]);
  else hint = t('confidence_estimated_hint');
  return (
    <p class="confidence" data-confidence={c}>
      <span class={`conf c-${c}`}>{t(confidenceKey(c))}</span>
      {c === 'stated' ? <span class="sr-only"> {hint}</span> : <span class="conf-hint"> {hint}</span>}
    </p>
  );
}
