/**
 * The faces on AliExpress's pages: the order panel on the detail page, the chips on the list, and
 * the "couldn't read this page" notice wherever the reader gave up. One controller follows the
 * tab's URL across SPA navigations and shows what fits the page it is on now, in one shadow host
 * (never two: the host is looked up before it is made).
 *
 * Data comes from the worker, never from the page directly: each order's summary (its ladder,
 * precomputed by the worker) asked for over the page's port, again whenever storage says that
 * order's summary changed, and freshened to the time of each render (a date read too long ago
 * shows as stale).
 */
import { h, render } from 'preact';
import { orderIdFromUrl, pageKind } from '../../aliexpress/pages';
import type { UsualTable } from '../../core/forecast';
import type { Translate } from '../../core/i18n';
import { dayOf, formatDay, formatLastDay } from '../../core/last-day';
import { startOfDay } from '../../core/time';
import { extensionMessage } from '../../ui/forecast';
import { formatCivil } from '../../ui/format';
import { type Chips, startChips } from '../chips/chips';
import { changedSummaryIds, freshen, type GetSummaries, journey, type OrderSummary } from '../summaries';
import { closedRoot } from '../trusted';
import type { FormatContext } from './format';
import type { HealthTracker } from './health';
import { type ChecklistReason, type Feedback, PANEL_ID, Panel } from './Panel';
import {
  FORECAST_HISTORY_KEY,
  loadCollapsed,
  loadUsual,
  OVERLAY_COLLAPSED_KEY,
  type PageStorage,
} from './storage';
import { PANEL_CSS, PANEL_MARGIN_PX, PANEL_TOP_PX, PANEL_WIDTH_PX } from './styles';

export const HOST_TAG = 'protection-clock-overlay';
/** Below this width the panel starts collapsed: it would sit on the page's own content. */
export const NARROW_PX = 1200;
/**
 * Below this width the page is a phone's: the pill is a bar in the page's flow above its content
 * (it covers nothing of the page), and it opens to a sheet from the bottom that the buyer closes.
 */
export const PHONE_PX = 600;
const TICK_MS = 30_000;

export interface OverlayDeps {
  readonly win: Window;
  readonly storage: PageStorage;
  readonly health: HealthTracker;
  readonly t: Translate;
  readonly lang: string;
  readonly timeZone: string;
  readonly now: () => number;
  readonly copy: (text: string) => Promise<void>;
  /** Order summaries from the worker (over the page's port). */
  readonly summaries: GetSummaries;
  /** Starts the evidence checklist through the worker; true when it did. */
  readonly startChecklist?: (orderId: string, reason: ChecklistReason) => Promise<boolean>;
  /** Where the buyer opens a return or refund for an order. */
  readonly returnsUrl: (orderId: string) => string;
}

export interface Overlay {
  /** The tab's URL changed (SPA navigation). */
  navigated(url: string): void;
  stop(): void;
}

/**
 * Whether the expanded panel fits without covering the page's own controls: a wide enough
 * viewport, and no visible button, link or field of the page under the panel's column (below the
 * header; the column is fixed, so anything in it passes under the panel while scrolling).
 */
export function hasRoom(win: Window, host: Element | null): boolean {
  if (win.innerWidth < NARROW_PX) return false;
  const left = win.innerWidth - PANEL_MARGIN_PX - PANEL_WIDTH_PX;
  const controls = win.document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]');
  for (const el of Array.from(controls)) {
    if (host?.contains(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.bottom + win.scrollY <= PANEL_TOP_PX) continue;
    if (r.right > left && r.left < win.innerWidth - PANEL_MARGIN_PX) return false;
  }
  return true;
}

export function startOverlay(deps: OverlayDeps): Overlay {
  const { win, storage, health, t } = deps;
  const doc = win.document;
  let url = '';
  let orderId: string | undefined;
  let isList = false;
  let summary: OrderSummary | undefined;
  let collapsedPref: boolean | undefined;
  let expandedHere = false;
  let room = true;
  let feedback: Feedback | undefined;
  let focusAfter: 'pill' | 'collapse' | undefined;
  let chips: Chips | undefined;
  let host: HTMLElement | undefined;
  let root: ShadowRoot | undefined;
  let mountPoint: HTMLElement | undefined;
  let generation = 0;
  let usual: UsualTable | undefined;

  const fmt = (): FormatContext => ({ now: deps.now(), timeZone: deps.timeZone, lang: deps.lang });

  const ensureHost = (): HTMLElement => {
    if (host?.isConnected && mountPoint) return host;
    // A host left by an earlier copy of this script (an extension reload) is replaced, never doubled.
    for (const stale of Array.from(doc.querySelectorAll(HOST_TAG))) stale.remove();
    host = doc.createElement(HOST_TAG);
    root = closedRoot(host);
    const style = doc.createElement('style');
    style.textContent = PANEL_CSS;
    mountPoint = doc.createElement('div');
    root.append(style, mountPoint);
    root.addEventListener('keydown', (event) => {
      const e = event as KeyboardEvent;
      if (e.isTrusted && e.key === 'Escape' && !collapsed()) {
        e.stopPropagation();
        toggle();
      }
    });
    // Outside <body>: the page's own renders replace body content, never the root's other children.
    doc.documentElement.append(host);
    return host;
  };

  const unmount = () => {
    if (mountPoint) render(null, mountPoint);
    host?.remove();
    host = undefined;
    root = undefined;
    mountPoint = undefined;
  };

  const onPhone = () => win.innerWidth < PHONE_PX;
  // On a phone the sheet covers the page: it opens only when the buyer asks, on this page.
  const collapsed = () => (onPhone() ? !expandedHere : collapsedPref === true || (!room && !expandedHere));

  /** In the page's flow before <body> on a phone, out of it (fixed, after <body>) elsewhere. */
  const place = (el: HTMLElement) => {
    const phone = onPhone();
    el.toggleAttribute('data-phone', phone);
    if (phone && doc.body && el.nextElementSibling !== doc.body)
      doc.documentElement.insertBefore(el, doc.body);
    if (!phone && el.nextElementSibling !== null) doc.documentElement.append(el);
  };

  const toggle = () => {
    const wasCollapsed = collapsed();
    if (onPhone()) {
      expandedHere = wasCollapsed;
      focusAfter = wasCollapsed ? 'collapse' : 'pill';
      feedback = undefined;
      paint();
      return;
    }
    collapsedPref = !wasCollapsed;
    expandedHere = wasCollapsed;
    focusAfter = wasCollapsed ? 'collapse' : 'pill';
    feedback = undefined;
    void storage.set({ [OVERLAY_COLLAPSED_KEY]: collapsedPref }).catch(() => {});
    paint();
  };

  const copyExtension = async () => {
    if (!summary) return;
    const f = fmt();
    // The same message the panel shows: with the parcel's tracking number and last scan.
    const forecast = journey(freshen(summary, f.now), f.now, undefined, { usual }).forecast;
    const text = extensionMessage(
      summary.view,
      forecast,
      t,
      (d) => formatCivil(d, { lang: deps.lang }),
      (at) => formatDay(dayOf(at, f.timeZone), f),
      (d) => formatLastDay(startOfDay(d, f.timeZone), f, t),
    );
    try {
      await deps.copy(text);
      feedback = { kind: 'ok', text: t('overlay_copied') };
    } catch {
      feedback = { kind: 'error', text: t('popup_copy_failed'), copyText: text };
    }
    paint();
  };

  const startChecklist = deps.startChecklist
    ? async (reason: ChecklistReason) => {
        if (!orderId || !deps.startChecklist) return;
        const ok = await deps.startChecklist(orderId, reason).catch(() => false);
        feedback = ok
          ? { kind: 'ok', text: t('overlay_checklist_started') }
          : { kind: 'error', text: t('overlay_checklist_failed') };
        paint();
      }
    : undefined;

  const paint = () => {
    const showPanel =
      orderId !== undefined ||
      (isList && (health.current.state === 'unreadable' || health.current.state === 'partly'));
    if (!showPanel) {
      unmount();
      return;
    }
    place(ensureHost());
    // Judged on every paint until the buyer chooses: the page renders its controls late.
    if (collapsedPref !== true && !expandedHere) room = hasRoom(win, host ?? null);
    const f = fmt();
    const id = orderId;
    render(
      h(Panel, {
        t,
        fmt: f,
        ...(id === undefined ? {} : { orderId: id, returnsUrl: deps.returnsUrl(id) }),
        ...(summary ? { summary: freshen(summary, f.now) } : {}),
        ...(usual ? { usual } : {}),
        health: health.current,
        collapsed: collapsed(),
        ...(feedback ? { feedback } : {}),
        onToggle: toggle,
        onCopyExtension: () => void copyExtension(),
        ...(startChecklist
          ? { onStartChecklist: (reason: ChecklistReason) => void startChecklist(reason) }
          : {}),
      }),
      mountPoint as HTMLElement,
    );
    if (focusAfter && root) {
      const target = root.querySelector<HTMLElement>(
        focusAfter === 'pill' ? '[data-pc="pill"]' : '[data-pc="collapse"]',
      );
      target?.focus();
      focusAfter = undefined;
    }
  };

  const loadSummary = async () => {
    const wanted = orderId;
    const mine = ++generation;
    if (wanted === undefined) return;
    // No answer (the worker went to sleep mid-request): keep what is shown; the next change retries.
    const found = await deps.summaries([wanted]).catch(() => undefined);
    // A navigation while we waited: this answer is about another page.
    if (!found || mine !== generation || wanted !== orderId) return;
    summary = found.get(wanted);
    paint();
  };

  const route = (next: string) => {
    if (next === url) return;
    url = next;
    health.reset(next);
    const kind = pageKind(next);
    const nextId = kind === 'order-detail' ? orderIdFromUrl(next) : undefined;
    if (nextId !== orderId) {
      summary = undefined;
      feedback = undefined;
      expandedHere = false;
    }
    orderId = nextId;
    isList = kind === 'order-list';
    if (isList && !chips) {
      chips = startChips({
        doc,
        t,
        format: fmt,
        load: deps.summaries,
        usual: () => usual,
      });
    } else if (!isList && chips) {
      chips.stop();
      chips = undefined;
    }
    paint();
    void loadSummary();
  };

  const unsubscribeStorage = storage.subscribe((changes) => {
    if (OVERLAY_COLLAPSED_KEY in changes) {
      const value = changes[OVERLAY_COLLAPSED_KEY]?.newValue;
      const pref = typeof value === 'boolean' ? value : undefined;
      if (pref !== collapsedPref) {
        collapsedPref = pref;
        paint();
      }
    }
    if (FORECAST_HISTORY_KEY in changes) {
      void loadUsual(storage)
        .catch(() => undefined)
        .then((u) => {
          usual = u;
          paint();
        });
    }
    // The worker rewrote these orders' summaries (a page read, a new day, a deletion).
    const ids = changedSummaryIds(changes);
    if (orderId && (ids === 'all' || ids.includes(orderId))) void loadSummary();
    if (chips && ids.length) chips.ordersChanged(ids);
  });
  const unsubscribeHealth = health.subscribe(() => paint());

  let resizeTimer: number | undefined;
  const onResize = () => {
    win.clearTimeout(resizeTimer);
    resizeTimer = win.setTimeout(() => {
      const before = room;
      room = hasRoom(win, host ?? null);
      if (room !== before || (host && host.hasAttribute('data-phone') !== onPhone())) paint();
    }, 200);
  };
  win.addEventListener('resize', onResize);

  // Countdowns move: repaint while the tab is visible (a hidden tab repaints when it comes back).
  const tick = () => {
    if (doc.visibilityState === 'hidden') return;
    if (orderId) paint();
    chips?.tick();
  };
  const timer = win.setInterval(tick, TICK_MS);
  doc.addEventListener('visibilitychange', tick);

  void Promise.all([
    loadCollapsed(storage).catch(() => undefined),
    loadUsual(storage).catch(() => undefined),
  ]).then(([pref, u]) => {
    collapsedPref = pref;
    usual = u;
    route(win.location.href);
  });

  return {
    navigated: (next) => route(next),
    stop: () => {
      win.clearInterval(timer);
      win.removeEventListener('resize', onResize);
      doc.removeEventListener('visibilitychange', tick);
      unsubscribeStorage();
      unsubscribeHealth();
      chips?.stop();
      unmount();
    },
  };
}

export { PANEL_ID };
