import type { OrderStatus } from '../../core/model';

/**
 * Everything one language says on the order pages. Strings are written as the page shows them;
 * they are compared through `key()` (case, accents, whitespace and trailing colons ignored).
 *
 * Templates use placeholders: `{date}` a date in any shape `dates.ts` reads, `{n}` a number of
 * days, `{coupon}` a coupon amount as shown ("R$5,00"). When no template matches, the readers fall
 * back to `clues` (a number followed by one of `dayWords`, classified by the clue words around it),
 * so a wording we never saw still gives the number as long as it says "N days".
 */
export interface LangTable {
  /** Short code recorded in `snapshot.lang`. */
  code: string;
  /** Host subdomains that serve this language (`pt.aliexpress.com`). */
  subdomains: string[];
  /** Status texts → our status. */
  statuses: Record<string, OrderStatus>;
  /** Month names and abbreviations, index 0 = January. Dots are optional when matching. */
  months: readonly string[][];
  labels: {
    placedOn: string[];
    paidOn: string[];
    shippedOn: string[];
    completedOn: string[];
    orderId: string[];
    /** The order total's label on the rendered detail page. */
    total: string[];
  };
  phrases: {
    protectionEnd: string[];
    couponDelayedBy: string[];
    returnDaysAfterReceipt: string[];
    disputeDaysAfterOrder: string[];
    freeReturnDaysAfterDelivery: string[];
    estimatedDelivery: string[];
  };
  /** Words for "day(s)" as they follow a number. */
  dayWords: string[];
  /** Words that classify a clause when no template matched. */
  clues: {
    /** "…of confirming receipt" → return window. */
    receipt: string[];
    /** "…after order was placed" → dispute window. */
    placed: string[];
    /** "…after delivery" → free-return window. */
    delivery: string[];
    /** A clause with a date and one of these is the protection end ("no delivery before"). */
    protection: string[];
    /** A clause with a date and one of these is the late-delivery coupon date. */
    coupon: string[];
    /** A clause with a date and one of these is the estimated delivery. */
    estimated: string[];
  };
}
