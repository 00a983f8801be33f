/**
 * The panel's stylesheet, inside its shadow root: the shared theme tokens, then our rules.
 * `:host { all: initial }` stops the page's inherited styles (font, colour, line height) from
 * leaking in; the shadow root stops ours from leaking out.
 */
import { FOCUS_CSS, THEME_CSS } from '../../ui/theme';

/** Below AliExpress's header, so the panel never sits on the search bar or account menu. */
export const PANEL_TOP_PX = 96;
export const PANEL_WIDTH_PX = 300;
export const PANEL_MARGIN_PX = 16;

/** Shared by the panel and the chips: urgency colours (always beside a text) and screen-reader text. */
export const SHARED_CSS = `
.u-overdue { background: var(--pc-overdue-bg); color: var(--pc-overdue); }
.u-urgent { background: var(--pc-urgent-bg); color: var(--pc-urgent); }
.u-soon { background: var(--pc-soon-bg); color: var(--pc-soon); }
.u-later { background: var(--pc-later-bg); color: var(--pc-later); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export const PANEL_CSS = `${THEME_CSS}${FOCUS_CSS}${SHARED_CSS}
:host { all: initial; position: fixed; top: ${PANEL_TOP_PX}px; right: ${PANEL_MARGIN_PX}px;
  z-index: 2147483000; font: var(--pc-font-size)/1.4 var(--pc-font); color: var(--pc-text); }
* { box-sizing: border-box; }
p, h2, h3, ol { margin: 0; padding: 0; }
.muted { color: var(--pc-muted); }
.panel { width: ${PANEL_WIDTH_PX}px; max-height: calc(100vh - ${PANEL_TOP_PX + 96}px); display: flex; flex-direction: column;
  background: var(--pc-bg); border: 1px solid var(--pc-border); border-radius: 10px;
  box-shadow: 0 6px 24px rgb(0 0 0 / 18%); overflow: hidden; }
.head { display: flex; align-items: center; gap: var(--pc-gap); padding: 8px 8px 8px 12px;
  background: var(--pc-surface); border-bottom: 1px solid var(--pc-border); color: var(--pc-brand); }
.head h2 { flex: 1; font-size: 14px; font-weight: 650; color: var(--pc-text); }
.body { padding: 10px 12px 12px; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; }
/* The body scrolls; its parts keep their height (a flex item may shrink: the item's title, clamped
   with overflow hidden, shrank to nothing when many deadlines filled the panel). */
.body > * { flex: none; }
.clock { flex: none; }
.icon-button { display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: var(--pc-radius);
  border: 1px solid transparent; background: transparent; color: var(--pc-text); cursor: pointer; }
.icon-button:hover { border-color: var(--pc-border); background: var(--pc-bg); }
.order { font-size: 12px; overflow-wrap: anywhere; }
.item { font-size: 13px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  overflow-wrap: anywhere; }
.next { border-radius: 8px; padding: 8px 10px; border-left: 4px solid currentColor; display: grid; gap: 2px; }
.next .eyebrow { font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; }
.next-name { font-size: 15px; font-weight: 650; color: var(--pc-text); }
.next-when { font-weight: 600; }
.todo { color: var(--pc-text); font-size: 13px; margin-top: 4px; }
.todo-label { font-weight: 650; }
.u-none { background: var(--pc-surface); color: var(--pc-text); }
h3 { font-size: 12px; font-weight: 650; color: var(--pc-muted); text-transform: uppercase; letter-spacing: .04em; margin-top: 4px; }
.timeline { list-style: none; display: grid; gap: 0; }
.row { display: grid; grid-template-columns: 14px 1fr; gap: 6px; padding: 6px 0; border-top: 1px solid var(--pc-border); }
.row:first-child { border-top: 0; }
.dot { width: 10px; height: 10px; border-radius: 50%; margin-top: 4px; border: 2px solid var(--pc-brand); }
.s-open .dot { background: var(--pc-brand); }
.s-closed .dot { border-color: var(--pc-closed); }
.s-closed .row-main { color: var(--pc-closed); }
.row-name { font-weight: 600; font-size: 13px; }
.state-label { font-weight: 500; font-size: 11px; padding: 0 5px; border-radius: 4px; background: var(--pc-surface);
  border: 1px solid var(--pc-border); color: var(--pc-text); vertical-align: 1px; }
.row-when { font-size: 12px; }
.note { font-size: 12px; color: var(--pc-muted); }
.confidence { font-size: 12px; color: var(--pc-muted); }
.conf { display: inline-block; font-size: 11px; font-weight: 650; padding: 0 6px; border-radius: 999px; border: 1px solid; }
.c-stated { color: var(--pc-later); background: var(--pc-later-bg); }
.c-estimated { color: var(--pc-text); background: var(--pc-surface); border-style: dashed; }
.c-stale { color: var(--pc-warn); background: var(--pc-warn-bg); }
.notice { border-radius: 8px; padding: 8px 10px; background: var(--pc-warn-bg); color: var(--pc-warn); font-size: 13px; }
.notice-title { font-weight: 650; }
.notice ul { margin: 4px 0; padding-left: 18px; }
.notice p { margin: 4px 0 0; }
.actions { display: flex; flex-direction: column; gap: 6px; margin-top: 4px; }
.button { display: block; text-align: center; font: inherit; font-size: 13px; font-weight: 600; padding: 7px 10px;
  border-radius: var(--pc-radius); border: 1px solid var(--pc-border); background: var(--pc-bg); color: var(--pc-link);
  text-decoration: none; cursor: pointer; }
.button:hover { background: var(--pc-surface); }
.button.primary { background: var(--pc-brand); border-color: var(--pc-brand); color: var(--pc-brand-text); }
.button.primary:hover { filter: brightness(1.08); }
.live:empty { display: none; }
.live .ok { color: var(--pc-later); font-size: 12px; }
.live .error { color: var(--pc-urgent); font-size: 12px; }
.live textarea { width: 100%; margin-top: 4px; font: 12px/1.4 var(--pc-font); color: var(--pc-text); background: var(--pc-surface);
  border: 1px solid var(--pc-border); border-radius: var(--pc-radius); padding: 6px; resize: vertical; }
.checklist { display: grid; gap: 4px; }
.checklist label { font-size: 12px; color: var(--pc-muted); }
.checklist-row { display: grid; gap: 6px; }
/* The reason picker: our own look in light and dark, a drawn chevron (no image, no request). */
select { width: 100%; appearance: none; -webkit-appearance: none; font: inherit; font-size: 13px;
  color: var(--pc-text); background-color: var(--pc-bg); border: 1px solid var(--pc-border);
  border-radius: var(--pc-radius); padding: 6px 28px 6px 8px; cursor: pointer;
  background-image: linear-gradient(45deg, transparent 50%, currentColor 50%),
    linear-gradient(135deg, currentColor 50%, transparent 50%);
  background-position: calc(100% - 15px) 55%, calc(100% - 10px) 55%; background-size: 5px 5px;
  background-repeat: no-repeat; }
select:hover { background-color: var(--pc-surface); border-color: var(--pc-muted); }
option { color: var(--pc-text); background: var(--pc-bg); }
.pill { display: inline-flex; align-items: center; gap: 6px; font: inherit; font-size: 13px; font-weight: 650;
  padding: 6px 12px; border-radius: 999px; border: 1px solid var(--pc-border); cursor: pointer;
  box-shadow: 0 3px 12px rgb(0 0 0 / 18%); }
.pill.u-none { background: var(--pc-bg); color: var(--pc-brand); }
.pc-forecast-details { border-radius: 8px; padding: 8px 10px; border-left: 4px solid var(--pc-border);
  background: var(--pc-surface); display: grid; gap: 3px; font-size: 13px; }
.pc-forecast-details.stalled, .pc-forecast-details.v-late { border-left-color: var(--pc-warn); }
.pc-forecast-details.stalled.v-at-risk, .pc-forecast-details.v-at-risk { border-left-color: var(--pc-urgent); background: var(--pc-urgent-bg); }
.pc-forecast-verdict { font-size: 14px; }
.v-at-risk .pc-forecast-verdict { color: var(--pc-urgent); }
.pc-forecast-reasons { padding-left: 16px; margin: 0; }
.pc-forecast-confidence { font-size: 12px; color: var(--pc-muted); }
.pc-forecast-message { width: 100%; margin-top: 4px; font: 12px/1.4 var(--pc-font); color: var(--pc-text);
  background: var(--pc-bg); border: 1px solid var(--pc-border); border-radius: var(--pc-radius); padding: 6px;
  resize: vertical; }
.pill-warn { display: inline-grid; place-items: center; width: 18px; height: 18px; border-radius: 50%;
  background: var(--pc-warn-bg); color: var(--pc-warn); border: 1px solid currentColor; font-size: 12px; }
/* A phone: the pill is a full-width bar in the page's flow, the panel a sheet from the bottom;
   text at least 14 px and every control at least 44 px high, for a finger. */
:host([data-phone]) { position: static; display: block; font-size: 15px; }
:host([data-phone]) .pill { display: flex; width: 100%; min-height: 48px; justify-content: center; font-size: 15px;
  border-radius: 0; border-width: 0 0 1px; box-shadow: none; }
:host([data-phone]) .pill-warn { width: 22px; height: 22px; font-size: 14px; }
:host([data-phone]) .panel { position: fixed; left: 0; right: 0; bottom: 0; width: auto; max-height: 85vh;
  z-index: 2147483000; border-radius: 14px 14px 0 0; border-bottom: 0; box-shadow: 0 -6px 24px rgb(0 0 0 / 25%); }
:host([data-phone]) .head { padding: 4px 4px 4px 14px; }
:host([data-phone]) .head h2 { font-size: 16px; }
:host([data-phone]) .icon-button { width: 44px; height: 44px; }
:host([data-phone]) .body { padding: 12px 14px 16px; }
:host([data-phone]) :is(.order, .item, .row-name, .row-when, .note, .confidence, .conf, .state-label, .todo,
  .notice, .button, .eyebrow, h3, .live .ok, .live .error, .live textarea, label, select) { font-size: 14px; }
:host([data-phone]) .next-name { font-size: 16px; }
:host([data-phone]) :is(.button, select) { min-height: 44px; }
:host([data-phone]) .button { display: flex; align-items: center; justify-content: center; }
:host([data-phone]) .checklist-row { display: flex; flex-direction: column; align-items: stretch; gap: 8px; margin-top: 4px; }
:host([data-phone]) select { width: 100%; }
`;
