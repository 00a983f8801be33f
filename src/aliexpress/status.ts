/**
 * Status normalisation. Order: the localized status text (tables in lang/), then the order's
 * buttons (locale-independent types), then the numeric/enum order status as a last hint, because
 * sources disagree on what the numbers mean (the real list capture has `orderStatus: 9` on both a
 * "Completed" and an "Expired" order).
 */
import type { OrderStatus } from '../core/model';
import type { HealthLog } from './health';
import { keyed, LANGS, langsInOrder } from './lang';
import { key } from './text';

/** Button types that only appear in one state. `OPEN_DISPUTE` and `TRACKING` show in several. */
export const BUTTON_STATUS: Readonly<Record<string, OrderStatus>> = {
  CONFIRM_GOODS: 'awaiting-delivery',
  PAY_NOW: 'awaiting-payment', // not seen on a real page (the "Pay now" button's type)
  PAY_ORDER: 'awaiting-payment', // not seen on a real page
};

/**
 * Order-status codes as AliExpress's seller API spells them, in case a page sends the enum
 * instead of a number. No numeric code is mapped: 9 was seen for both completed and expired
 * orders, and no source we trust documents the others.
 */
export const ORDER_STATUS_CODES: Readonly<Record<string, OrderStatus>> = {
  PLACE_ORDER_SUCCESS: 'awaiting-payment',
  WAIT_SELLER_SEND_GOODS: 'awaiting-shipment',
  SELLER_PART_SEND_GOODS: 'awaiting-delivery',
  WAIT_BUYER_ACCEPT_GOODS: 'awaiting-delivery',
  IN_ISSUE: 'dispute-open',
};

export interface StatusInput {
  text?: string | undefined;
  buttons?: readonly string[] | undefined;
  code?: unknown;
  lang?: string | undefined;
}

export interface StatusResult {
  status?: OrderStatus;
  /** Set when a text was present and no table knew it. */
  unknownText?: string;
}

export function statusFromText(text: string, lang?: string): OrderStatus | undefined {
  const wanted = key(text);
  if (!wanted) return undefined;
  for (const table of langsInOrder(lang)) {
    const status = keyed(table).statuses.get(wanted);
    if (status) return status;
  }
  return undefined;
}

export function resolveStatus(input: StatusInput): StatusResult {
  const result: StatusResult = {};
  if (input.text) {
    const fromText = statusFromText(input.text, input.lang);
    if (fromText) return { status: fromText };
    result.unknownText = input.text;
  }
  for (const button of input.buttons ?? []) {
    const fromButton = BUTTON_STATUS[button];
    if (fromButton) return { ...result, status: fromButton };
  }
  if (typeof input.code === 'string') {
    const fromCode = ORDER_STATUS_CODES[input.code.trim().toUpperCase()];
    if (fromCode) return { ...result, status: fromCode };
  }
  return result;
}

/** Every status text we know, for tests. */
export function allStatusTexts(): Array<{ lang: string; text: string; status: OrderStatus }> {
  return LANGS.flatMap((lang) =>
    Object.entries(lang.statuses).map(([text, status]) => ({ lang: lang.code, text, status })),
  );
}

/** `resolveStatus`, with a status text no table knows reported as a problem and as drift at `where`. */
export function readStatus(input: StatusInput, log: HealthLog, where: string): StatusResult {
  const resolved = resolveStatus(input);
  if (resolved.unknownText) {
    log.problem(`unknown status text "${resolved.unknownText}" (lang ${input.lang ?? '?'})`);
    log.drift({ kind: 'unknown-status', where, effect: 'status', text: resolved.unknownText });
  }
  return resolved;
}
