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
  // A page read only in part (src/ui/drift.ts): one sentence per thing the buyer loses.
  overlay_partly: 'Partly read',
  overlay_partly_report:
    'The Protection Clock popup can show you an anonymised sample of this page to report the problem.',
  drift_orders: 'the orders on the AliExpress $1 page could not be read',
  drift_dates_order: "the order page's dates could not be read; deadlines for this order are estimated",
  drift_dates: "the $1 page's dates could not be read; deadlines that depend on them are estimated",
  drift_deadlines:
    'the deadlines AliExpress states on the $1 page could not be read; they are estimated from the Buyer Protection rules',
  drift_status: 'the order status on the $1 page could not be read',
  drift_items: 'the items on the $1 page could not be read',
  drift_tracking: "the parcel's tracking events could not be read",
  drift_cases: 'not every return and refund could be read',
  drift_none: 'the $1 page has parts we have never seen; what we read may be incomplete',
} as const;

export type OverlayTextKey = keyof typeof OVERLAY_TEXT_EN;
