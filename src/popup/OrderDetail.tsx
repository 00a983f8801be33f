import { useEffect, useRef, useState } from 'preact/hooks';
import {
  checklistAsText,
  checklist as checklistItems,
  DISPUTE_REASONS,
  type DisputeReason,
  guideFor,
  missingRequired,
} from '../core/evidence';
import { type DeadlineWindow, urgency, windowState } from '../core/ladder';
import { dayOf, formatDay, formatLastDay, formatOpening, lastDayOf } from '../core/last-day';
import type { CivilDate } from '../core/model';
import { composeMessage, type MessageId } from '../core/templates';
import { civilDateOf, startOfDay } from '../core/time';
import type { Command } from '../messages';
import { sendCommand } from '../messages-client';
import type { Checklist, Note } from '../store/items';
import { CopyButton, UrgencyPill } from '../ui/components';
import { ForecastDetails } from '../ui/forecast';
import { formatCivil, formatCountdown, formatInstant } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { deadlineText, estimatedFromOrderDate, localZone, stageText, stepText } from '../ui/journey-text';
import {
  actionLabel,
  kindLabel,
  pageKey,
  reasonLabel,
  stateKey,
  statusLabel,
  windowNoteKey,
} from '../ui/labels';
import { orderUrl, refundsUrl, trackingUrl } from '../ui/links';
import type { Row } from './model';
import { orderTitle } from './text';

export interface DetailProps {
  row: Row;
  now: number;
  checklist: Checklist | undefined;
  note: Note | undefined;
  isHandled: (windowId: string) => boolean;
}

/** Commands fail only on a bug or a dead worker: say so on the console; the view follows storage. */
function send(message: Command): Promise<unknown> {
  return sendCommand(message).catch((error: unknown) => {
    console.warn('[protection-clock] command failed', message.type, error);
  });
}

export function OrderDetail({ row, now, checklist, note, isHandled }: DetailProps) {
  const view = row.summary.view;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [row.orderId]);
  const store = view.storeName?.value;
  const open = (url: string) => (e: Event) => {
    e.preventDefault();
    void send({ type: 'open-url', url });
  };
  return (
    <article class="detail" data-detail-order-id={row.orderId}>
      <h2 class="detail-title" tabIndex={-1} ref={heading}>
        {orderTitle(view)}
      </h2>
      <p class="detail-meta">
        {store ? `${store} · ` : ''}
        {statusLabel(view.status?.value)} · {t('popup_order_id', [view.orderId])}
      </p>
      <JourneyBlock row={row} now={now} checklist={checklist} />
      <nav class="links" aria-label={t('popup_link_order')}>
        {(
          [
            [orderUrl(view.orderId), 'popup_link_order'],
            [trackingUrl(view.orderId), 'popup_link_tracking'],
            [refundsUrl(view.orderId), 'popup_link_refunds'],
          ] as const
        ).map(([url, label]) => (
          <a key={label} href={url} onClick={open(url)} target="_blank" rel="noreferrer">
            {t(label)}
          </a>
        ))}
      </nav>

      <section aria-labelledby="deadlines-h" class="block">
        <h3 id="deadlines-h">{t('popup_deadlines')}</h3>
        {row.summary.windows.length === 0 ? (
          <p class="muted">{t('popup_no_deadlines')}</p>
        ) : (
          <ol class="ladder">
            {row.summary.windows.map((w) => (
              <WindowItem key={w.id} w={w} now={now} handled={isHandled(w.id)} />
            ))}
          </ol>
        )}
      </section>

      <ChecklistSection orderId={row.orderId} checklist={checklist} />
      <Templates row={row} checklist={checklist} now={now} />
      <NoteSection orderId={row.orderId} note={note} />
    </article>
  );
}

/** The order's stage, its one next step and that step's last day; for a dispute, the case's dates. */
function JourneyBlock({ row, now, checklist }: { row: Row; now: number; checklist: Checklist | undefined }) {
  const j = row.journey;
  const ctx = { now, timeZone: localZone(), lang: uiLanguage() };
  const last = deadlineText(j, ctx, t);
  const win = (kind: DeadlineWindow['kind']) => row.summary.windows.find((w) => w.kind === kind);
  const facts = row.summary.view.facts?.openCase;
  const dispute = row.group === 'disputes';
  const seller = win('seller-response');
  const escalation = win('escalation');
  const auto = win('auto-escalation');
  const day = (at: number) => formatDay(dayOf(at, ctx.timeZone), ctx);
  return (
    <section class="journey" aria-labelledby="journey-h" data-stage={j.stage} data-step={j.step}>
      <h3 id="journey-h" class="journey-stage">
        {stageText(j, t)}
      </h3>
      {j.step !== 'none' ? <p class="journey-step">{stepText(j, t)}</p> : null}
      {last ? (
        <p class="journey-deadline">
          {last}
          {estimatedFromOrderDate(j) ? (
            <span class="muted"> · {t('journey_estimated_open_order')}</span>
          ) : null}
        </p>
      ) : null}
      {j.forecast ? (
        <ForecastDetails
          forecast={j.forecast}
          t={t}
          formatDay={day}
          formatDeadline={(at) => formatDay(lastDayOf(at, ctx.timeZone).date, ctx)}
        />
      ) : null}
      {dispute ? (
        <ul class="case-facts">
          {/* AliExpress's case type as words; a bare code means nothing to a buyer. */}
          {facts?.type && !/^\d+$/.test(facts.type) ? <li>{t('dispute_case', [facts.type])}</li> : null}
          {facts?.createdAt ? (
            <li>{t('dispute_opened_on', [formatDay(facts.createdAt.slice(0, 10), ctx)])}</li>
          ) : null}
          {/* No page we read states the case's reason: the buyer's own pick, said as theirs. */}
          {checklist ? (
            <li data-case="reason">{t('dispute_your_reason', [reasonLabel(checklist.reason)])}</li>
          ) : null}
          {facts?.returnAgreedOn ? (
            <li data-case="return-agreed">
              {t(facts.returnAgreedByYou ? 'dispute_return_agreed_you' : 'dispute_return_agreed', [
                formatDay(facts.returnAgreedOn, ctx),
              ])}
            </li>
          ) : null}
          {seller?.closesAt != null && windowState(seller, now) === 'open' ? (
            <li data-case="seller">{t('dispute_seller_by', [formatLastDay(seller.closesAt, ctx, t)])}</li>
          ) : null}
          {escalation?.opensAt != null && windowState(escalation, now) === 'upcoming' ? (
            <li data-case="escalation-opens">{t('dispute_escalation_opens', [day(escalation.opensAt)])}</li>
          ) : null}
          {escalation?.closesAt != null && windowState(escalation, now) !== 'closed' ? (
            <li data-case="escalation-closes">
              {t('dispute_escalation_closes', [formatLastDay(escalation.closesAt, ctx, t)])}
            </li>
          ) : null}
          {auto?.opensAt != null && windowState(auto, now) === 'upcoming' ? (
            <li data-case="auto">{t('dispute_auto', [day(auto.opensAt)])}</li>
          ) : null}
        </ul>
      ) : null}
      {dispute ? <ReturnAgreed row={row} today={dayOf(now, ctx.timeZone)} /> : null}
    </section>
  );
}

/**
 * "The seller agreed to a return": no page we read states that day, so the buyer tells us, and the
 * order moves to "ship it back" with its last day. Taken back the same way.
 */
function ReturnAgreed({ row, today }: { row: Row; today: string }) {
  const facts = row.summary.view.facts?.openCase;
  if (facts?.returnAgreedOn !== undefined && facts.returnAgreedByYou !== true) return null;
  const set = (on: string | null) => () => void send({ type: 'set-return-agreed', orderId: row.orderId, on });
  return facts?.returnAgreedOn === undefined ? (
    <div class="case-mark">
      <button type="button" id="mark-return-agreed" class="pc-button" onClick={set(today)}>
        {t('dispute_mark_return_agreed')}
      </button>
      <p class="muted">{t('dispute_mark_return_agreed_hint')}</p>
    </div>
  ) : (
    <div class="case-mark">
      <button type="button" id="unmark-return-agreed" class="pc-button pc-button-link" onClick={set(null)}>
        {t('dispute_unmark_return_agreed')}
      </button>
    </div>
  );
}

function confidenceHint(w: DeadlineWindow): string {
  if (w.confidence === 'stale') return t('confidence_stale_hint', [w.seenAt ? formatInstant(w.seenAt) : '?']);
  if (w.source.type === 'stated')
    return t('confidence_stated_hint', [t(pageKey(w.source.page)), formatInstant(w.source.readAt)]);
  return t('confidence_estimated_hint');
}

function WindowItem({ w, now, handled }: { w: DeadlineWindow; now: number; handled: boolean }) {
  const state = windowState(w, now);
  const ctx = { now, timeZone: localZone(), lang: uiLanguage() };
  const hint = confidenceHint(w);
  const handledId = `handled-${w.kind}`;
  return (
    <li class={`window window-${state}`} data-window={w.kind} data-state={state}>
      <div class="window-head">
        {state === 'open' && w.closesAt !== null ? (
          <UrgencyPill urgency={urgency(w.closesAt - now)} />
        ) : (
          <span class="pc-pill pc-pill-closed">{t(stateKey(state))}</span>
        )}
        <strong class="window-kind">{kindLabel(w.kind)}</strong>
      </div>
      <p class="window-action">{actionLabel(w.action)}</p>
      <p class="window-when">
        {state === 'upcoming' && w.opensAt !== null
          ? `${t('window_opens', [formatCountdown(w.opensAt - now)])} · ${formatOpening(w.opensAt, ctx)}`
          : w.closesAt === null
            ? t('window_never_closes')
            : state === 'closed'
              ? t('window_closed', [formatLastDay(w.closesAt, ctx, t)])
              : `${t('window_closes', [formatCountdown(w.closesAt - now)])} · ${formatLastDay(w.closesAt, ctx, t)}`}
      </p>
      <p class="window-source">
        <span class={`pc-tag pc-tag-${w.confidence}`}>{hint}</span>
      </p>
      {w.note ? <p class="window-note">{t(windowNoteKey(w.note))}</p> : null}
      {w.losesMoney && state !== 'closed' ? (
        <p class="window-handled">
          <input
            type="checkbox"
            id={handledId}
            checked={handled}
            onChange={(e) =>
              void send({
                type: 'set-handled',
                windowId: w.id,
                orderId: w.orderId,
                handled: (e.currentTarget as HTMLInputElement).checked,
              })
            }
          />{' '}
          <label for={handledId}>{t('popup_handled')}</label>
        </p>
      ) : null}
    </li>
  );
}

function ChecklistSection({ orderId, checklist }: { orderId: string; checklist: Checklist | undefined }) {
  return (
    <section aria-labelledby="checklist-h" class="block checklist" data-checklist={checklist?.reason ?? ''}>
      <h3 id="checklist-h">{t('popup_checklist')}</h3>
      <p class="muted">{t('popup_checklist_pick')}</p>
      <fieldset class="reasons">
        <legend class="pc-visually-hidden">{t('popup_checklist_pick')}</legend>
        {DISPUTE_REASONS.map((reason) => (
          <button
            key={reason}
            type="button"
            class={`pc-button reason${checklist?.reason === reason ? ' pc-button-primary' : ''}`}
            aria-pressed={checklist?.reason === reason}
            data-reason={reason}
            onClick={() => {
              if (checklist?.reason !== reason) void send({ type: 'checklist-start', orderId, reason });
            }}
          >
            {reasonLabel(reason)}
          </button>
        ))}
      </fieldset>
      {checklist ? <ChecklistBody checklist={checklist} /> : null}
    </section>
  );
}

function ChecklistBody({ checklist }: { checklist: Checklist }) {
  const { reason, ticks, orderId } = checklist;
  const items = checklistItems(reason);
  const done = items.filter((it) => ticks[it.id] === true).length;
  const missing = missingRequired(reason, ticks).length;
  // "Every required item is ready" only where something is required: next to "0 of 4 ready" it
  // read as a contradiction for "not received", whose evidence is all optional.
  const required = items.some((it) => it.required);
  return (
    <div class="checklist-body">
      <h4>{t(`evidence_title_${reason.replaceAll('-', '_')}`)}</h4>
      <section class="guide" aria-labelledby="guide-h" data-guide={reason}>
        <h5 id="guide-h">{t('guide_title')}</h5>
        <ul>
          {guideFor(reason).map((tip) => (
            <li key={tip} data-tip={tip}>
              {t(tip)}
            </li>
          ))}
        </ul>
      </section>
      <p class="progress-line">
        <progress
          value={done}
          max={items.length}
          aria-label={t('popup_checklist_progress', [String(done), String(items.length)])}
        />{' '}
        <span>{t('popup_checklist_progress', [String(done), String(items.length)])}</span>
        {' · '}
        <span class={missing ? 'warn' : 'ok'}>
          {!required
            ? t('popup_checklist_none_required')
            : missing
              ? t('popup_checklist_required_left', [String(missing)])
              : t('popup_checklist_required_done')}
        </span>
      </p>
      <ul class="evidence">
        {items.map((it) => {
          const id = `ev-${it.id}`;
          return (
            <li key={it.id} data-item={it.id}>
              <input
                type="checkbox"
                id={id}
                checked={ticks[it.id] === true}
                aria-describedby={`${id}-why`}
                onChange={(e) =>
                  void send({
                    type: 'checklist-tick',
                    orderId,
                    itemId: it.id,
                    ticked: (e.currentTarget as HTMLInputElement).checked,
                  })
                }
              />
              <label for={id}>
                {t(it.text)}{' '}
                <span class={it.required ? 'req' : 'opt'}>
                  ({t(it.required ? 'evidence_required' : 'evidence_optional')})
                </span>
              </label>
              <p class="why muted" id={`${id}-why`}>
                {t('popup_why', [t(it.why)])}
              </p>
            </li>
          );
        })}
      </ul>
      <div class="actions">
        <CopyButton text={() => checklistAsText(reason, ticks, t)} label={t('popup_copy_text')} />
        <button
          type="button"
          class="pc-button"
          onClick={() => void send({ type: 'checklist-clear', orderId })}
        >
          {t('popup_checklist_clear')}
        </button>
      </div>
    </div>
  );
}

const TEMPLATE_IDS: Readonly<Record<MessageId, string>> = {
  'extend-protection': 'tpl-extension',
  'open-dispute': 'tpl-dispute',
  'decline-partial-refund': 'tpl-decline-partial-refund',
  'decline-return-at-own-cost': 'tpl-decline-return-at-own-cost',
  'escalation-statement': 'tpl-escalation-statement',
  'change-reason': 'tpl-change-reason',
};

/**
 * The messages that fit the order's moment (its journey decides: no "extend" once delivered), each
 * filled with what we know (core/templates.ts), dates as the buyer reads them: the protection end
 * as its last day.
 */
function Templates({ row, checklist, now }: { row: Row; checklist: Checklist | undefined; now: number }) {
  const view = row.summary.view;
  const timeZone = localZone();
  const ctx = { now, timeZone, lang: uiLanguage() };
  // The reason the buyer picked; a change of reason is usually to "not as described" (tracking
  // says delivered, but what came is wrong).
  const picked = checklist?.reason;
  const opts = {
    formatDate: (d: string) => formatCivil(d),
    formatEnd: (d: string) => formatLastDay(startOfDay(d as CivilDate, timeZone), ctx, t),
    formatInstant: (at: number) => formatCivil(civilDateOf(at, timeZone)),
    today: civilDateOf(now, timeZone),
    ticks: checklist?.ticks ?? {},
  };
  // With the tracking read, the extension request names the parcel's number and its last scan.
  const parcel = row.journey.forecast?.parcel;
  const tracking =
    parcel?.mailNo !== undefined && parcel.lastScanAt !== undefined
      ? {
          mailNo: parcel.mailNo,
          lastScanOn: formatDay(dayOf(parcel.lastScanAt, timeZone), ctx),
          lastScanText: parcel.lastScanText,
        }
      : undefined;
  const fits = row.journey.messages.filter((id) => id !== 'open-dispute' || picked !== undefined);
  if (fits.length === 0) return null;
  return (
    <section aria-labelledby="templates-h" class="block templates">
      <h3 id="templates-h">{t('popup_templates')}</h3>
      {fits.map((id) => {
        const reason: DisputeReason =
          id === 'change-reason'
            ? picked && picked !== 'not-received'
              ? picked
              : 'not-as-described'
            : (picked ?? 'not-received');
        const title =
          id === 'extend-protection'
            ? t('popup_template_extension')
            : id === 'open-dispute'
              ? `${t('popup_template_dispute')} · ${reasonLabel(reason)}`
              : t(`popup_template_${id.replaceAll('-', '_')}`);
        return (
          <Template
            key={id}
            id={TEMPLATE_IDS[id]}
            title={title}
            text={composeMessage(id, view, t, {
              ...opts,
              reason,
              ...(id === 'extend-protection' && tracking ? { tracking } : {}),
            })}
          />
        );
      })}
    </section>
  );
}

function Template({ id, title, text }: { id: string; title: string; text: string }) {
  return (
    <div class="template" data-template={id}>
      <h4 id={`${id}-h`}>{title}</h4>
      <pre class="template-text">{text}</pre>
      <CopyButton text={() => text} label={t('popup_copy_message')} />
    </div>
  );
}

function NoteSection({ orderId, note }: { orderId: string; note: Note | undefined }) {
  const [text, setText] = useState(note?.text ?? '');
  const [saved, setSaved] = useState(false);
  useEffect(() => setText(note?.text ?? ''), [note?.text]);
  return (
    <section aria-labelledby="note-h" class="block note">
      <h3 id="note-h">
        <label for="note-text">{t('popup_note')}</label>
      </h3>
      <textarea
        id="note-text"
        rows={3}
        maxLength={5000}
        value={text}
        onInput={(e) => {
          setText((e.currentTarget as HTMLTextAreaElement).value);
          setSaved(false);
        }}
      />
      <div class="actions">
        <button
          type="button"
          class="pc-button"
          onClick={() =>
            void send({ type: 'set-note', orderId, text: text.trim() }).then(() => setSaved(true))
          }
        >
          {t('popup_note_save')}
        </button>
        <span class="pc-status" role="status" aria-live="polite">
          {saved ? t('popup_saved') : ''}
        </span>
      </div>
    </section>
  );
}
