/**
 * The English source of the strings only the overlay and the chips show; the locale files
 * (`public/_locales/<lang>/messages.json`) carry the same keys in all six languages, and
 * test/unit/content/panel.test.ts holds them to this table. Names of core codes (window kinds,
 * actions, confidence, states, notes, statuses, reasons) are shared with the popup: src/ui/labels.ts.
 */
export const OVERLAY_TEXT_EN = {
  overlay_title: 'Protection Clock',
  overlay_collapse: 'Collapse the Protection Clock panel',
  overlay_expand: 'Show the Buyer Protection deadlines of this order',
  overlay_left: '$1 left',
  overlay_more_items: '+$1 more',
  overlay_waiting: 'Waiting for this order to be read…',
  overlay_next: 'Closes next',
  overlay_todo: 'What to do',
  overlay_copy_extension: 'Copy “extend protection” message',
  overlay_copied: 'Copied. Paste it into a message to the seller.',
  overlay_start_checklist: 'Start evidence checklist',
  overlay_checklist_started: 'Checklist started: find it in the Protection Clock popup.',
  overlay_checklist_failed: 'Could not start the checklist. Try again from the popup.',
  overlay_unreadable: 'Couldn’t read this page ($1); dates may be stale.',
  overlay_chip_label: 'Protection Clock: $1 — $2',
  overlay_chip_none: 'Protection Clock: no Buyer Protection deadline is open for this order',
} as const;

export type OverlayTextKey = keyof typeof OVERLAY_TEXT_EN;
