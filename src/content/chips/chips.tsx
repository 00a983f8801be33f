/**
 * One chip per order card on AliExpress's order list: the time left on the order's next closing
 * window, coloured by urgency. Cards come and go as the SPA renders ("View orders" appends, a
 * navigation replaces), so a MutationObserver re-runs the scan; the scan is idempotent: each card
 * carries `data-pc-chip` with its order id, a chip is created once and afterwards only its text
 * changes when that text really changes (no flicker, no duplicates, and no mutation of ours that
 * would wake the observer again).
 *
 * Each chip is its own tiny shadow root; all share one constructed stylesheet where the browser
 * lets a content script adopt one, else each gets a small <style>.
 */

import { render } from 'preact';
import { orderIdFromUrl } from '../../aliexpress/pages';
import { SELECTORS } from '../../aliexpress/selectors';
import type { UsualTable } from '../../core/forecast';
import { forecastMark } from '../../core/forecast-text';
import type { Translate } from '../../core/i18n';
import { THEME_CSS } from '../../ui/theme';
import { type FormatContext, relativeTime, shortCountdown } from '../overlay/format';
import { ClockIcon } from '../overlay/icons';
import { SHARED_CSS } from '../overlay/styles';
import {
  deadlineText,
  type GetSummaries,
  journey,
  type OrderSummary,
  stageText,
  stepText,
  urgency,
} from '../summaries';
import { closedRoot } from '../trusted';

/** Set on the card: the order id its chip shows. */
export const CARD_ATTR = 'data-pc-chip';
/** The chip's host element (a custom tag page styles do not target). */
export const CHIP_TAG = 'pc-chip';

export const CHIP_CSS = `${THEME_CSS}${SHARED_CSS}
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 auto 0 8px; font: 12px/1.5 var(--pc-font); }
.chip { display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; border-radius: 999px;
  font-weight: 650; border: 1px solid currentColor; white-space: nowrap; }
.u-none { background: var(--pc-closed-bg); color: var(--pc-closed); font-weight: 500; }
/* A phone: text a finger's reader can read (14 px), and the chip never wider than its card. */
@media (max-width: 599px) { :host { font-size: 14px; max-width: 100%; } .chip { max-width: 100%; overflow: hidden; text-overflow: ellipsis; } }
.mark { margin-left: 2px; padding-left: 5px; border-left: 1px solid currentColor; }
.f-at-risk { color: var(--pc-urgent); font-weight: 700; }
`;

export interface ChipText {
  /** `later`, `soon`, `urgent`, `overdue`, or `none` when nothing is open. */
  readonly level: string;
  readonly short: string;
  /** The full sentence for screen readers and the tooltip. */
  readonly label: string;
  /** The delivery forecast's mark ("At risk", "Stalled"), and its verdict, when there is one. */
  readonly mark?: string;
  readonly forecast?: string;
}

export function chipText(
  summary: OrderSummary,
  t: Translate,
  fmt: FormatContext,
  usual?: UsualTable,
): ChipText {
  // The order's journey decides, as on every face: an open case is never "nothing open".
  const j = journey(summary, fmt.now, undefined, { usual });
  const mark = j.forecast ? forecastMark(j.forecast, t) : undefined;
  const withMark = (text: ChipText): ChipText =>
    mark === undefined || !j.forecast
      ? text
      : { ...text, mark, forecast: j.forecast.verdict, label: `${mark}. ${text.label}` };
  const next = j.deadline;
  if (next?.closesAt == null) {
    if (j.step === 'none')
      return withMark({ level: 'none', short: t('popup_nothing_open'), label: t('overlay_chip_none') });
    const stage = stageText(j, t);
    return withMark({ level: 'none', short: stage, label: t('overlay_chip_label', [stage, stepText(j, t)]) });
  }
  const closes = `${deadlineText(j, fmt, t) ?? ''} (${relativeTime(next.closesAt, fmt)})`;
  return withMark({
    level: urgency(next.closesAt - fmt.now),
    short: t('overlay_left', [shortCountdown(next.closesAt - fmt.now, fmt.lang)]),
    label: t('overlay_chip_label', [stepText(j, t), closes]),
  });
}

/** Card elements are whatever the page gives; only attributes and text are read. */
export function cardOrderId(card: Element): string | undefined {
  for (const row of Array.from(card.querySelectorAll(SELECTORS.list.headerInfo))) {
    // Order ids are 12 to 20 digits; no date or price on the card has such a run.
    const id = /\d{12,24}/.exec(row.textContent ?? '')?.[0];
    if (id) return id;
  }
  const link = card.querySelector(SELECTORS.list.detailLink)?.getAttribute('href') ?? undefined;
  return orderIdFromUrl(link ? new URL(link, card.ownerDocument.baseURI).href : undefined);
}

let shared: CSSStyleSheet | null | undefined;
function sharedSheet(): CSSStyleSheet | null {
  if (shared !== undefined) return shared;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CHIP_CSS);
    shared = sheet;
  } catch {
    shared = null;
  }
  return shared;
}

function style(root: ShadowRoot): void {
  const sheet = sharedSheet();
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox refuses a sheet constructed in a content script's compartment: use a <style>.
    }
  }
  const el = root.ownerDocument.createElement('style');
  el.textContent = CHIP_CSS;
  root.append(el);
}

function Chip({ text }: { text: ChipText }) {
  return (
    <span class={`chip u-${text.level}`}>
      <ClockIcon size={12} />
      <span aria-hidden="true">{text.short}</span>
      {text.mark ? (
        <span class={`mark f-${text.forecast ?? ''}`} aria-hidden="true">
          {text.mark}
        </span>
      ) : null}
      <span class="sr-only">{text.label}</span>
    </span>
  );
}

/** Where each chip renders, inside its closed root (the page sees the host only). */
const mounts = new WeakMap<HTMLElement, HTMLElement>();

function createChip(doc: Document): HTMLElement {
  const host = doc.createElement(CHIP_TAG);
  const root = closedRoot(host);
  style(root);
  const mount = doc.createElement('span');
  root.append(mount);
  mounts.set(host, mount);
  return host;
}

/** Renders the chip; Preact touches only what changed, so a re-run does not flicker. */
function fill(host: HTMLElement, text: ChipText, orderId: string): void {
  const mount = mounts.get(host);
  if (mount) render(<Chip text={text} />, mount);
  if (host.title !== text.label) host.title = text.label;
  if (host.dataset.orderId !== orderId) host.dataset.orderId = orderId;
  if (host.dataset.level !== text.level) host.dataset.level = text.level;
  const forecast = text.forecast ?? '';
  if ((host.dataset.forecast ?? '') !== forecast) host.dataset.forecast = forecast;
}

export interface ChipDeps {
  readonly doc: Document;
  readonly t: Translate;
  readonly format: () => FormatContext;
  /** Order summaries by id, from the worker; rejects when it did not answer. */
  readonly load: GetSummaries;
  /** The buyer's usual delivery stage times (the forecast's), when known. */
  readonly usual?: () => UsualTable | undefined;
}

export interface Chips {
  /** Re-scan the page (cards added, removed or reused). */
  scan(): void;
  /** Some orders' summaries changed in storage (`all`: any may have): reload those that have a card. */
  ordersChanged(ids: readonly string[] | 'all'): void;
  /** Re-render every chip's countdown from the summaries already loaded. */
  tick(): void;
  stop(): void;
}

export function startChips(deps: ChipDeps): Chips {
  const { doc } = deps;
  const orders = new Map<string, OrderSummary>();
  const requested = new Set<string>();
  let stopped = false;
  let scheduled = false;

  const render = (card: Element, id: string) => {
    const order = orders.get(id);
    let host = Array.from(card.querySelectorAll(CHIP_TAG)).find(
      (el) => el.closest(SELECTORS.list.card) === card,
    ) as HTMLElement | undefined;
    // A chip we did not make (an earlier copy of this script, or the page's own) is replaced.
    if (host && !mounts.has(host)) {
      host.remove();
      host = undefined;
    }
    if (!order) {
      // Not read yet (the list response is being stored): no chip rather than a wrong one.
      host?.remove();
      return;
    }
    if (!host) {
      host = createChip(doc);
      const status = card.querySelector(SELECTORS.list.status);
      if (status) status.after(host);
      else card.prepend(host);
    }
    fill(host, chipText(order, deps.t, deps.format(), deps.usual?.()), id);
  };

  const scanNow = () => {
    scheduled = false;
    if (stopped) return;
    const missing: string[] = [];
    for (const card of Array.from(doc.querySelectorAll(SELECTORS.list.card))) {
      const id = cardOrderId(card);
      if (!id) continue;
      // React may reuse a card node for another order: the attribute follows the id.
      if (card.getAttribute(CARD_ATTR) !== id) card.setAttribute(CARD_ATTR, id);
      if (!orders.has(id) && !requested.has(id)) missing.push(id);
      render(card, id);
    }
    if (missing.length) void fetch(missing);
  };

  const fetch = async (ids: readonly string[]) => {
    for (const id of ids) requested.add(id);
    const loaded = await deps.load(ids).catch(() => undefined);
    for (const id of ids) {
      const summary = loaded?.get(id);
      if (summary) orders.set(id, summary);
      // Not stored yet (storage.onChanged will say when), or no answer: asked again on the next scan.
      else requested.delete(id);
    }
    if (!stopped) renderKnown(ids);
  };

  const renderKnown = (ids: readonly string[]) => {
    const wanted = new Set(ids);
    for (const card of Array.from(doc.querySelectorAll(`${SELECTORS.list.card}[${CARD_ATTR}]`))) {
      const id = card.getAttribute(CARD_ATTR);
      if (id && wanted.has(id)) render(card, id);
    }
  };

  const schedule = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    // One scan per frame at most, however many mutations the page makes. Called as a method of
    // its window: Firefox's content scripts see the page's window through a wrapper where an
    // unbound requestAnimationFrame throws, and the list was then never scanned again.
    const win = doc.defaultView;
    if (win) win.requestAnimationFrame(scanNow);
    else setTimeout(scanNow, 16);
  };

  const ours = (node: Node) => node.nodeName.toLowerCase() === CHIP_TAG;
  const observer = new (doc.defaultView?.MutationObserver ?? MutationObserver)((records) => {
    // Our own chip insertions are not page changes (chip text lives in shadow roots, unobserved).
    const foreign = records.some((r) => {
      const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
      return nodes.length === 0 || !nodes.every(ours);
    });
    if (foreign) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  scanNow();

  return {
    scan: schedule,
    ordersChanged: (ids) => {
      const onPage =
        ids === 'all'
          ? [
              ...new Set(
                [...doc.querySelectorAll(`[${CARD_ATTR}]`)].map((el) => el.getAttribute(CARD_ATTR) ?? ''),
              ),
            ].filter((id) => /^\d{6,24}$/.test(id))
          : ids.filter((id) => /^\d{6,24}$/.test(id) && doc.querySelector(`[${CARD_ATTR}="${id}"]`) !== null);
      for (const id of onPage) {
        orders.delete(id);
        requested.delete(id);
      }
      if (onPage.length) void fetch(onPage);
    },
    tick: () => renderKnown([...orders.keys()]),
    stop: () => {
      stopped = true;
      observer.disconnect();
    },
  };
}
