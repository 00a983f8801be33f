import { useEffect, useState } from 'preact/hooks';
import { deadlinesIcs, ordersCsv, parseBackupText } from '../core/export';
import { WINDOW_KINDS, type WindowKind } from '../core/ladder';
import { handledIn } from '../core/ledger';
import type { Prefs } from '../core/reminders';
import { freshen } from '../core/summary';
import type { PrefsPatch } from '../messages';
import { sendCommand } from '../messages-client';
import type { StoreState } from '../store/state';
import { download, today } from '../ui/download';
import { t } from '../ui/i18n';
import { localZone } from '../ui/journey-text';
import { kindLabel } from '../ui/labels';
import { orderUrl } from '../ui/links';
import { useStoreState } from '../ui/store';
import { Samples } from './Samples';

const LEAD_CHOICES = [14, 7, 3, 2, 1];

export function App() {
  const state = useStoreState();
  if (!state) return <p aria-busy="true" />;
  return (
    <main class="options">
      <h1>
        <span class="brand" aria-hidden="true" />
        {t('options_title')}
      </h1>
      <Reminders prefs={state.prefs} />
      <Sync sync={state.sync} />
      <Data state={state} />
      <Samples />
      <DeleteAll count={state.summaries.length} />
    </main>
  );
}

/**
 * Preferences shown optimistically: a change shows at once and is sent to the worker. Each sent
 * patch stays laid over the stored prefs until storage holds it (or the worker refused it), so a
 * storage update from an earlier change never flips a later click back.
 */
function useSaver(stored: Prefs) {
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState<PrefsPatch[]>([]);
  const holds = (p: PrefsPatch) =>
    Object.entries(p).every(([k, v]) => JSON.stringify(stored[k as keyof Prefs]) === JSON.stringify(v));
  useEffect(() => setPending((list) => list.filter((p) => !holds(p))), [stored]);
  // Patches not yet confirmed by storage, applied in order on top of what is stored.
  const prefs: Prefs = Object.assign({}, stored, ...pending);
  const save = (patch: PrefsPatch) => {
    setStatus('');
    setPending((list) => [...list, patch]);
    sendCommand({ type: 'set-prefs', prefs: patch }).then(
      () => setStatus(t('options_saved')),
      (e: unknown) => {
        setPending((list) => list.filter((p) => p !== patch));
        setStatus(t('options_save_failed', [String(e)]));
      },
    );
  };
  return { status, save, prefs };
}

const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;

function Reminders({ prefs: stored }: { prefs: Prefs }) {
  const { status, save, prefs } = useSaver(stored);
  const leads = [...new Set([...LEAD_CHOICES, ...prefs.leadsDays])].sort((a, b) => b - a);
  const quiet = prefs.quietHours;
  const setLead = (days: number, on: boolean) => {
    const next = new Set(prefs.leadsDays);
    if (on) next.add(days);
    else next.delete(days);
    save({ leadsDays: [...next].sort((a, b) => b - a) });
  };
  const setKind = (kind: WindowKind, on: boolean) => save({ kinds: { ...prefs.kinds, [kind]: on } });
  return (
    <section class="card" aria-labelledby="reminders-h">
      <h2 id="reminders-h">{t('options_reminders')}</h2>
      <fieldset>
        <legend>{t('options_leads')}</legend>
        <div class="choices">
          {leads.map((days) => (
            <label key={days} class="choice">
              <input
                type="checkbox"
                name="lead"
                value={days}
                checked={prefs.leadsDays.includes(days)}
                onChange={(e) => setLead(days, checked(e))}
              />{' '}
              {days === 1 ? t('options_lead_1') : t('options_lead_n', [String(days)])}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('options_quiet')}</legend>
        <label class="choice">
          <input
            type="checkbox"
            id="quiet-on"
            checked={quiet !== null}
            onChange={(e) => save({ quietHours: checked(e) ? { start: '22:00', end: '08:00' } : null })}
          />{' '}
          {t('options_quiet_on')}
        </label>
        {quiet ? (
          <div class="times">
            <label>
              {t('options_quiet_from')}{' '}
              <input
                type="time"
                id="quiet-start"
                value={quiet.start}
                required
                onChange={(e) => {
                  const v = (e.currentTarget as HTMLInputElement).value;
                  if (v) save({ quietHours: { start: v, end: quiet.end } });
                }}
              />
            </label>
            <label>
              {t('options_quiet_to')}{' '}
              <input
                type="time"
                id="quiet-end"
                value={quiet.end}
                required
                onChange={(e) => {
                  const v = (e.currentTarget as HTMLInputElement).value;
                  if (v) save({ quietHours: { start: quiet.start, end: v } });
                }}
              />
            </label>
          </div>
        ) : null}
        <p class="hint">{t('options_quiet_hint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('options_kinds')}</legend>
        <div class="choices kinds">
          {WINDOW_KINDS.map((kind) => (
            <label key={kind} class="choice">
              <input
                type="checkbox"
                name="kind"
                value={kind}
                checked={prefs.kinds[kind] !== false}
                onChange={(e) => setKind(kind, checked(e))}
              />{' '}
              {kindLabel(kind)}
            </label>
          ))}
        </div>
      </fieldset>
      <label class="choice">
        <input
          type="checkbox"
          id="badge"
          checked={prefs.badge}
          onChange={(e) => save({ badge: checked(e) })}
        />{' '}
        {t('options_badge')}
      </label>
      <p class="pc-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

/**
 * Opt-in sync: off until the buyer turns it on, with what is sent, to whom, and what never is,
 * in the same words as the README's privacy section.
 */
function Sync({ sync }: { sync: StoreState['sync'] }) {
  const [status, setStatus] = useState('');
  const report = sync.report;
  const trouble = sync.on && report && (report.error || report.left.length > 0 || report.bad.length > 0);
  const toggle = (on: boolean) =>
    sendCommand({ type: 'set-sync', on }).then(
      () => setStatus(t('options_saved')),
      (e: unknown) => setStatus(t('options_save_failed', [String(e)])),
    );
  return (
    <section class="card" aria-labelledby="sync-h">
      <h2 id="sync-h">{t('options_sync')}</h2>
      <label class="choice">
        <input type="checkbox" id="sync" checked={sync.on} onChange={(e) => void toggle(checked(e))} />{' '}
        {t('options_sync_on')}
      </label>
      <p class="hint">{t('options_sync_what')}</p>
      <p class="hint">{t('options_sync_who')}</p>
      <p class="hint">{t('options_sync_never')}</p>
      <p class="hint">{t('options_sync_off')}</p>
      {trouble ? (
        <p class="hint" id="sync-report">
          {t('options_sync_report', [
            String(report.left.length),
            String(report.bad.length),
            report.error ?? '',
          ])}
        </p>
      ) : null}
      <p class="pc-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

function Data({ state }: { state: StoreState }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Each order's summary, freshened to the moment of the export (a stale date says so).
  const ladders = () => {
    const now = Date.now();
    return { now, ladders: state.summaries.map((s) => freshen(s, now)) };
  };
  const isHandled = handledIn(state.ledger);
  const exportBackup = async () => {
    const backup = await sendCommand({ type: 'export-backup' });
    download(
      `protection-clock-backup-${today()}.json`,
      'application/json',
      `${JSON.stringify(backup, null, 2)}\n`,
    );
  };
  const importBackup = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setMessage(null);
    const parsed = parseBackupText(await file.text());
    input.value = '';
    if (!parsed.ok) {
      setMessage({
        ok: false,
        text: t('options_import_failed', [t(`import_error_${parsed.reason.replaceAll('-', '_')}`)]),
      });
      return;
    }
    try {
      const s = await sendCommand({ type: 'import-backup', backup: parsed.backup });
      const others = s.checklists + s.notes + s.ledgerEntries + (s.prefs ? 1 : 0);
      const why = s.errors.join('; ') || t('import_error_invalid');
      // Say exactly what happened: "nothing changed" only when nothing did.
      if (s.undone === false) {
        setMessage({
          ok: false,
          text: t('options_import_undo_failed', [String(s.ordersAdded), String(s.ordersUpdated), why]),
        });
        return;
      }
      if (!s.ok && s.changed) {
        setMessage({
          ok: false,
          text: t('options_import_partial', [
            String(s.ordersAdded),
            String(s.ordersUpdated),
            String(others),
            why,
          ]),
        });
        return;
      }
      if (!s.ok) {
        setMessage({ ok: false, text: t('options_import_failed', [why]) });
        return;
      }
      setMessage({
        ok: true,
        text: t('options_import_done', [String(s.ordersAdded), String(s.ordersUpdated), String(others)]),
      });
    } catch (e) {
      setMessage({ ok: false, text: t('options_import_failed', [String(e)]) });
    }
  };
  return (
    <section class="card" aria-labelledby="data-h">
      <h2 id="data-h">{t('options_data')}</h2>
      <p class="hint">{t('options_data_hint')}</p>
      <div class="buttons">
        <button type="button" class="pc-button" id="export-backup" onClick={() => void exportBackup()}>
          {t('options_export_backup')}
        </button>
        <label class="pc-button file">
          {t('options_import_backup')}
          <input
            type="file"
            id="import-backup"
            accept="application/json,.json"
            onChange={(e) => void importBackup(e.currentTarget as HTMLInputElement)}
          />
        </label>
      </div>
      <div class="buttons">
        <button
          type="button"
          class="pc-button"
          id="export-csv"
          onClick={() => {
            const { now, ladders: ls } = ladders();
            download(
              `protection-clock-orders-${today()}.csv`,
              'text/csv',
              ordersCsv(ls, { now, isHandled, timeZone: localZone() }),
            );
          }}
        >
          {t('options_export_csv')}
        </button>
        <button
          type="button"
          class="pc-button"
          id="export-ics"
          onClick={() => {
            const { now, ladders: ls } = ladders();
            download(
              `protection-clock-deadlines-${today()}.ics`,
              'text/calendar',
              deadlinesIcs(ls, { now, isHandled, t, orderUrl, timeZone: localZone() }),
            );
          }}
        >
          {t('options_export_ics')}
        </button>
      </div>
      <p class="hint">{t('options_export_hint')}</p>
      <p
        class={message?.ok === false ? 'result error' : 'result'}
        role="status"
        aria-live="polite"
        id="data-result"
      >
        {message?.text ?? ''}
      </p>
    </section>
  );
}

function DeleteAll({ count }: { count: number }) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <section class="card danger" aria-labelledby="delete-h">
      <h2 id="delete-h">{t('options_delete')}</h2>
      <p class="hint">{t('options_delete_hint')}</p>
      {confirming ? (
        <div class="confirm" role="alertdialog" aria-labelledby="delete-confirm-text">
          <p id="delete-confirm-text">{t('options_delete_confirm', [String(count)])}</p>
          <div class="buttons">
            <button
              type="button"
              class="pc-button pc-button-danger"
              id="delete-yes"
              onClick={() =>
                void sendCommand({ type: 'delete-all', confirm: true }).then(() => {
                  setConfirming(false);
                  setDone(true);
                })
              }
            >
              {t('options_delete_yes')}
            </button>
            <button type="button" class="pc-button" id="delete-cancel" onClick={() => setConfirming(false)}>
              {t('options_cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="pc-button"
          id="delete-all"
          onClick={() => {
            setDone(false);
            setConfirming(true);
          }}
        >
          {t('options_delete')}…
        </button>
      )}
      <p class="pc-status" role="status" aria-live="polite">
        {done ? t('options_deleted') : ''}
      </p>
    </section>
  );
}
