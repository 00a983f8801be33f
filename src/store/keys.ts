/**
 * Every storage key and key prefix, as plain strings. items.ts declares each item (its schema,
 * default and version) on these; this file exists apart only so that the content script, which
 * carries no zod, can name the two keys it reads (`changes`, `ui:overlayCollapsed`) without
 * pulling the schemas into AliExpress's pages. No other file writes a key literal.
 */

/** storage.local, one key each. */
export const KEYS = {
  prefs: 'prefs',
  ledger: 'ledger',
  health: 'health',
  quarantine: 'quarantine',
  changes: 'changes',
  meta: 'meta',
  forecastHistory: 'forecastHistory',
  /** Opt-in sync: whether it is on, the doc merged last, recent writes, the last report. */
  sync: 'sync',
  /** Orders known only from sync (read by another browser), as summaries the faces can show. */
  syncOrders: 'syncOrders',
  /** Whether the buyer collapsed the panel on AliExpress's order page (written by the page itself). */
  overlayCollapsed: 'ui:overlayCollapsed',
} as const;

/** storage.local, one key per order: `${prefix}${orderId}`. */
export const PREFIXES = {
  /** Orders in backup files (and in storage.local up to store version 2). */
  order: 'order:',
  /** Summaries in store version 3 (migration 4 moves them out); names one in the quarantine. */
  summary: 'sum:',
  checklist: 'checklist:',
  note: 'note:',
} as const;

/** storage.session: in memory, cleared when the browser closes. */
export const SESSION_KEYS = {
  /** Which order each tab shows (tab id → order id), for the tab badges. */
  focus: 'focus',
  /** The last notifications shown this session, newest last. */
  recentNotifications: 'recentNotifications',
  /** The current burst of page reads: reminders wait for it to settle (core/burst.ts). */
  readBurst: 'readBurst',
} as const;
