/**
 * Shared design tokens for popup, options and the overlay, as one CSS string so it can go into a
 * document (`<style>`) or a shadow root alike: `:root` for pages, `:host` for shadow roots.
 *
 * Calm palette from the icon: teal #0f766e brand, a red only for money-at-risk. Urgency colours are
 * always paired with a text label (never colour alone). Dark values follow the system through
 * `prefers-color-scheme`. All text/background pairs meet WCAG AA (4.5:1) in both schemes.
 */
export const THEME_CSS = `
:root, :host {
  color-scheme: light dark;
  --pc-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  --pc-font-size: 14px;
  --pc-radius: 6px;
  --pc-gap: 8px;
  --pc-bg: #ffffff;
  --pc-surface: #f4f6f6;
  --pc-border: #d0d7d6;
  --pc-text: #1b2424;
  --pc-muted: #526160;
  --pc-brand: #0f766e;
  --pc-brand-text: #ffffff;
  --pc-link: #0b5f58;
  --pc-focus: #1d4ed8;
  --pc-overdue-bg: #fde8e8;
  --pc-overdue: #9b1c1c;
  --pc-urgent-bg: #fdecea;
  --pc-urgent: #b42318;
  --pc-soon-bg: #fff4d6;
  --pc-soon: #7a4d00;
  --pc-later-bg: #e6f4f1;
  --pc-later: #0b5f58;
  --pc-closed-bg: #eef0f0;
  --pc-closed: #526160;
  --pc-warn-bg: #fff4d6;
  --pc-warn: #6b4300;
}
@media (prefers-color-scheme: dark) {
  :root, :host {
    --pc-bg: #141a1a;
    --pc-surface: #1e2626;
    --pc-border: #3a4746;
    --pc-text: #e6eeed;
    --pc-muted: #a9b8b6;
    --pc-brand: #2dd4bf;
    --pc-brand-text: #04201d;
    --pc-link: #5eead4;
    --pc-focus: #93c5fd;
    --pc-overdue-bg: #3b1414;
    --pc-overdue: #fca5a5;
    --pc-urgent-bg: #3b1717;
    --pc-urgent: #fca5a5;
    --pc-soon-bg: #362a0c;
    --pc-soon: #fcd34d;
    --pc-later-bg: #0f2d2a;
    --pc-later: #5eead4;
    --pc-closed-bg: #232b2b;
    --pc-closed: #a9b8b6;
    --pc-warn-bg: #362a0c;
    --pc-warn: #fcd34d;
  }
}
`;

/** Focus ring shared by every control: visible on both schemes, never removed. */
export const FOCUS_CSS = `
:focus-visible { outline: 2px solid var(--pc-focus); outline-offset: 2px; }
`;
