import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { usualTable } from '../core/forecast';
import { handledIn } from '../core/ledger';
import type { Command } from '../messages';
import { sendCommand } from '../messages-client';
import { attentionCounts, type StoreState } from '../store/state';
import { t } from '../ui/i18n';
import { ordersListUrl } from '../ui/links';
import { useStoreState } from '../ui/store';
import { filterModel, popupModel } from './model';
import { FIRST_FRAME_ROWS, FIRST_ROWS, OrderList } from './OrderList';
import { type Search, type SearchEntry, search, searchIndex } from './search';

/** The polyfill is loaded on the first click that needs it: the first screen reads storage without it. */
const openOptions = async () => (await import('../platform/browser')).browser.runtime.openOptionsPage();

/** From how many orders the list has a search box (fewer fit on a screen or two). */
export const SEARCH_FROM = 8;

/** Commands fail only on a bug or a dead worker: say so on the console; the view follows storage. */
function send(command: Command): Promise<unknown> {
  return (sendCommand as (m: Command) => Promise<unknown>)(command).catch((error: unknown) => {
    console.warn('[protection-clock] command failed', command.type, error);
  });
}

/** The popup shows closed orders FIRST_ROWS at a time: it needs no more of them parsed to open. */
export const FACE_OPTIONS = { keepClosed: FIRST_ROWS };

/**
 * The order view (ladder, checklists, message templates in six languages) is its own chunk: the
 * list opens without parsing it, and it is fetched once the list is on screen, before any click.
 */
type OrderDetailView = typeof import('./OrderDetail')['OrderDetail'];
let orderDetail: Promise<OrderDetailView> | undefined;
const loadOrderDetail = (): Promise<OrderDetailView> => {
  orderDetail ??= import('./OrderDetail').then((m) => m.OrderDetail);
  return orderDetail;
};

export function App() {
  // Closed orders past the first screen's are parsed just after it (src/ui/store.ts).
  const state = useStoreState(FACE_OPTIONS);
  const [now, setNow] = useState(() => Date.now());
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    // Countdown texts move on while the popup stays open; the model follows storage changes.
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  const model = useMemo(() => {
    if (!state) return null;
    const m = popupModel(state.summaries, state.ledger, Date.now(), usualTable(state.forecastHistory));
    performance.mark('pc-model-built');
    return m;
  }, [state]);
  // Search: each order's text folded once per store change; a keystroke filters and renders.
  const [query, setQuery] = useState('');
  // The index is built just after the first render (not before it: 2,000 orders' texts folded
  // would delay the list), or at the first keystroke if that comes sooner.
  const indexed = useRef<{ of: unknown; index: SearchEntry[] } | null>(null);
  const indexOf = (summaries: StoreState['summaries']): SearchEntry[] => {
    if (indexed.current?.of !== summaries) indexed.current = { of: summaries, index: searchIndex(summaries) };
    return indexed.current.index;
  };
  useEffect(() => {
    if (!state) return;
    const timer = setTimeout(() => indexOf(state.summaries), 50);
    return () => clearTimeout(timer);
  }, [state]);
  // The last search: a keystroke that narrows it looks only among what it found.
  const searched = useRef<Search | null>(null);
  const ids = useMemo(() => {
    const found =
      state && query.trim() !== '' ? search(indexOf(state.summaries), query, searched.current) : null;
    searched.current = found;
    return found && new Set(found.found.map((e) => e.orderId));
  }, [state, query]);
  const shown = useMemo(() => (model ? filterModel(model, ids) : null), [model, ids]);
  const typed = useRef(false);
  useLayoutEffect(() => {
    // `npm run bench -- popup` reads these: from the keystroke to its rows in the DOM.
    if (!typed.current) return;
    typed.current = false;
    performance.mark('pc-search-rendered');
    performance.measure('pc-search', 'pc-search-input', 'pc-search-rendered');
  }, [shown]);
  const actions = useMemo(
    () => ({
      snoozedUntil: (windowId: string) => state?.ledger.reminders[`${windowId}:opens`]?.snoozedUntil,
      send: (command: Command) => void send(command),
    }),
    [state],
  );
  const [OrderDetail, setOrderDetail] = useState<OrderDetailView | null>(null);
  // The first frame draws the rows that fit the popup; the next one the rest (OrderList).
  const [firstFrame, setFirstFrame] = useState(true);
  useEffect(() => {
    if (!model) return;
    if (firstFrame) {
      // Effects run after the paint: the buyer sees the first screen from here.
      performance.mark('pc-popup-rendered');
      setFirstFrame(false);
    } else if (!document.documentElement.dataset.ready) {
      // Every row of the first screen is in, "Show more" buttons too: tests and the bench start here.
      document.documentElement.dataset.ready = 'true';
      void loadOrderDetail().then((view) => setOrderDetail(() => view));
    }
  }, [model, firstFrame]);

  // One function for the popup's life: rows redraw only when their own props change.
  const open = useCallback((id: string) => {
    setSelected(id);
    // The order's view starts at its top, whatever the list's scroll.
    window.scrollTo(0, 0);
  }, []);

  if (!state || !model || !shown) return <p class="loading" aria-busy="true" />;
  const orders = state.summaries.length + state.pendingClosed;
  const row = selected ? model.byId.get(selected) : undefined;
  const back = () => {
    const id = selected;
    setSelected(null);
    // Return focus to the row the buyer came from.
    requestAnimationFrame(() =>
      (document.querySelector(`[data-order-id="${id}"] .row-button`) as HTMLElement | null)?.focus(),
    );
  };
  const matched = ids === null ? orders : ids.size;
  return (
    <>
      <header class="bar">
        <h1>
          <span class="brand" aria-hidden="true" />
          {t('popupTitle')}
        </h1>
        {orders > 0 ? <span class="count">{t('popup_orders_count', [String(orders)])}</span> : null}
        <button type="button" class="pc-button settings" onClick={() => void openOptions()}>
          {t('popup_settings')}
        </button>
        {/* In the sticky header, so nothing ever scrolls over it. */}
        {row ? (
          <button type="button" class="pc-button pc-button-link back" onClick={back}>
            ← {t('popup_back')}
          </button>
        ) : orders >= SEARCH_FROM ? (
          <search class="search">
            <input
              type="search"
              class="search-input"
              value={query}
              aria-label={t('popup_search_label')}
              placeholder={t('popup_search_placeholder')}
              autocomplete="off"
              spellcheck={false}
              onInput={(e) => {
                performance.mark('pc-search-input');
                typed.current = true;
                setQuery((e.currentTarget as HTMLInputElement).value);
              }}
            />
          </search>
        ) : null}
      </header>
      <main>
        <LazyHealthNotes state={state} />
        {row && !OrderDetail ? (
          <p class="loading" aria-busy="true" />
        ) : row && OrderDetail ? (
          <OrderDetail
            row={row}
            now={now}
            checklist={state.checklists[row.orderId]}
            note={state.notes[row.orderId]}
            isHandled={handledIn(state.ledger)}
          />
        ) : orders === 0 ? (
          <Empty />
        ) : (
          <>
            {ids !== null ? (
              <p class="search-count muted" role="status">
                {matched === 0
                  ? t('popup_search_none', [query.trim()])
                  : t('popup_search_count', [String(matched), String(orders)])}
              </p>
            ) : null}
            <OrderList
              model={shown}
              now={now}
              onOpen={open}
              actions={actions}
              pendingDone={ids === null ? state.pendingClosed : 0}
              budget={firstFrame ? FIRST_FRAME_ROWS : undefined}
            />
          </>
        )}
      </main>
    </>
  );
}

function Empty() {
  return (
    <section class="empty" aria-labelledby="empty-h">
      <h2 id="empty-h">{t('popup_empty_title')}</h2>
      <ol>
        <li>{t('popup_empty_step1')}</li>
        <li>{t('popup_empty_step2')}</li>
        <li>{t('popup_empty_step3')}</li>
      </ol>
      <a
        class="pc-button pc-button-primary"
        href={ordersListUrl()}
        target="_blank"
        rel="noreferrer"
        onClick={(e) => {
          e.preventDefault();
          void sendCommand({ type: 'open-url', url: ordersListUrl() });
        }}
      >
        {t('popup_empty_open')}
      </a>
    </section>
  );
}

/**
 * Parser health notes are their own chunk (with the sample viewer): most popups have none to
 * show, and the popup's first screen stays within its size budget.
 */
type HealthView = typeof import('./Health')['HealthNotes'];
let healthView: Promise<HealthView> | undefined;

function hasHealthNotes(state: StoreState): boolean {
  const pages = Object.values(state.health).some(
    (entry) =>
      entry !== undefined &&
      (entry.unreadable !== undefined ||
        entry.full !== undefined ||
        (entry.health !== undefined && (!entry.health.usable || (entry.health.drift?.length ?? 0) > 0))),
  );
  const broken = attentionCounts(state);
  return pages || broken.orders > 0 || broken.other > 0;
}

function LazyHealthNotes({ state }: { state: StoreState }) {
  const needed = hasHealthNotes(state);
  const [View, setView] = useState<HealthView | null>(null);
  useEffect(() => {
    if (!needed || View) return;
    healthView ??= import('./Health').then((m) => m.HealthNotes);
    void healthView.then((view) => setView(() => view));
  }, [needed, View]);
  return needed && View ? <View state={state} /> : null;
}
