/**
 * Styles of the shared components (pills, tags, buttons, checklist), as a string so they work in a
 * page and in the overlay's shadow root alike. Uses only the tokens of ./theme.ts.
 */
export const COMPONENTS_CSS = `
.pc-pill { display: inline-block; padding: 1px 7px; border-radius: 999px; font-size: 12px; font-weight: 600;
  line-height: 18px; white-space: nowrap; border: 1px solid currentColor; }
.pc-pill-overdue { color: var(--pc-overdue); background: var(--pc-overdue-bg); }
.pc-pill-urgent { color: var(--pc-urgent); background: var(--pc-urgent-bg); }
.pc-pill-soon { color: var(--pc-soon); background: var(--pc-soon-bg); }
.pc-pill-later { color: var(--pc-later); background: var(--pc-later-bg); }
.pc-pill-closed { color: var(--pc-closed); background: var(--pc-closed-bg); }
.pc-tag { display: inline-block; font-size: 12px; color: var(--pc-muted); white-space: nowrap; }
.pc-tag-stated::before { content: "✓ "; }
.pc-tag-estimated::before { content: "≈ "; }
.pc-tag-stale::before { content: "⚠ "; }
.pc-tag-stale { color: var(--pc-warn); }
.pc-button { font: inherit; font-size: 13px; padding: 5px 10px; border-radius: var(--pc-radius); cursor: pointer;
  border: 1px solid var(--pc-border); background: var(--pc-surface); color: var(--pc-text); }
.pc-button:hover { border-color: var(--pc-brand); }
.pc-button-primary { background: var(--pc-brand); color: var(--pc-brand-text); border-color: var(--pc-brand); }
.pc-button-danger { background: var(--pc-urgent); color: #fff; border-color: var(--pc-urgent); }
.pc-button-link { border: none; background: none; color: var(--pc-link); padding: 2px 0; text-decoration: underline; }
.pc-status { font-size: 12px; color: var(--pc-muted); margin-left: 6px; }
.pc-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; }
`;

/** Reset and page basics for extension pages (popup, options). */
export const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--pc-bg); color: var(--pc-text); font-family: var(--pc-font); font-size: var(--pc-font-size); }
/* Chromium styles extension pages' body at 75% with its own font list: set both on body too. */
body { margin: 0; line-height: 1.4; font-family: var(--pc-font); font-size: var(--pc-font-size); }
a { color: var(--pc-link); }
h1, h2, h3 { margin: 0; line-height: 1.25; }
button, input, select, textarea { font: inherit; color: inherit; }
.sample { margin-top: 6px; color: var(--pc-text); }
.sample p { margin: 4px 0; }
.sample-text { display: block; width: 100%; min-height: 9em; font-family: ui-monospace, monospace; font-size: 11px;
  background: var(--pc-surface); color: var(--pc-text); border: 1px solid var(--pc-border); border-radius: var(--pc-radius); }
.sample-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; align-items: center; }
.sample-open { margin-top: 6px; }
`;
