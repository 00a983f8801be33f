/**
 * AliExpress's own codes that core's rules read. Import-free, so core (and the page bundle) can
 * use them without the readers.
 */

/** The button type of the order page's own "Returns/refunds" button (on the order or an item). */
export const OPEN_DISPUTE_BUTTON = 'OPEN_DISPUTE';

/**
 * The tracking event of a parcel signed for. Readers set `deliveredAt` from every signed code
 * (tracking-stages.ts `SIGNED_CODES`, which starts with this one); core falls back on this code's
 * events only for a read that carries none.
 */
export const DELIVERED_TRACKING_CODE = 'AE_GTMS_SIGNED';
