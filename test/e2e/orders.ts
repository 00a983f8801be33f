/**
 * Stand-in bodies and page probes shared by the tests that run in both browsers (browsers.ts).
 * Probes are plain functions passed to `evaluate`: they run in the page and close over nothing.
 */
import {
  REAL_DETAIL_ORDER_ID,
  realDetailBody,
  realListBody,
  shiftEnglishDates,
  shiftForCompletedDaysAgo,
} from '../standin/server.mjs';

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 18, 2026" for `n` days before now, as the English list states order dates. */
export const daysAgo = (n: number): string => {
  const d = new Date(Date.now() - n * DAY);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
};

/** The real detail capture as order `id`, completed `completedDaysAgo` days before today. */
export function completedDetailBody(id: string, completedDaysAgo: number): string {
  return shiftEnglishDates(
    realDetailBody(),
    shiftForCompletedDaysAgo(Date.now(), completedDaysAgo),
  ).replaceAll(REAL_DETAIL_ORDER_ID, id);
}

export interface ListOrder {
  id: string;
  status: string;
  placed: string;
}

/** The real list capture with one order per entry, ids and dates replaced. */
export function listBody(orders: readonly ListOrder[], hasMore: boolean): string {
  const body = JSON.parse(realListBody());
  const data = body.data.data as Record<string, { tag: string; fields: Record<string, unknown> }>;
  const template = Object.values(data).find((c) => c.tag === 'pc_om_list_order');
  if (!template) throw new Error('no order in the list capture');
  for (const key of Object.keys(data)) if (data[key]?.tag === 'pc_om_list_order') delete data[key];
  for (const o of orders) {
    const fields = structuredClone(template.fields);
    fields.orderId = o.id;
    fields.statusText = o.status;
    fields.orderDateText = o.placed;
    data[`pc_om_list_order_${o.id}`] = { ...structuredClone(template), tag: 'pc_om_list_order', fields };
  }
  data.pc_om_list_body_1 = { tag: 'pc_om_list_body', fields: { hasMore, pageIndex: 1 } };
  return JSON.stringify(body);
}

/** Each order card on the page, with the order ids and urgency levels of the chips inside it. */
export function cardChips(): { card: string | null; chips: (string | undefined)[]; levels: string[] }[] {
  return [...document.querySelectorAll('.order-item')].map((card) => {
    const chips = [...card.querySelectorAll('pc-chip')] as HTMLElement[];
    return {
      card: card.getAttribute('data-order-id'),
      chips: chips.map((c) => c.dataset.orderId),
      levels: chips.map((c) => c.dataset.level ?? ''),
    };
  });
}

/** Every card has exactly its own chip. */
export const chipOnEachCard = (n: number) => (rows: ReturnType<typeof cardChips>) =>
  rows.length === n && rows.every((r) => r.chips.length === 1 && r.chips[0] === r.card);

/** The overlay's host tag on AliExpress's pages; its shadow root is closed. */
export const OVERLAY = 'protection-clock-overlay';

export interface Face {
  face: 'panel' | 'pill' | 'none';
  texts: Record<string, string | null>;
  rect: { left: number; top: number; right: number; bottom: number } | null;
}

/**
 * What the overlay shows (run in its root with `inShadow`): which face (panel or pill), the text
 * of each `data-pc` part asked for, and the face's rectangle in the viewport.
 */
export function overlayFace(this: ShadowRoot, parts: string[]): Face {
  const panel = this.querySelector('[data-pc="panel"]');
  const pill = this.querySelector('[data-pc="pill"]');
  const r = (panel ?? pill)?.getBoundingClientRect();
  return {
    face: panel ? 'panel' : pill ? 'pill' : 'none',
    texts: Object.fromEntries(
      parts.map((p) => [p, this.querySelector(`[data-pc="${p}"]`)?.textContent ?? null]),
    ),
    rect: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null,
  };
}

/** The centre of a `data-pc` part of the overlay (run in its root with `inShadow`). */
export function overlayPoint(this: ShadowRoot, part: string): { x: number; y: number } | null {
  const r = this.querySelector(`[data-pc="${part}"]`)?.getBoundingClientRect();
  return r && r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
}

/** The centre of a page element, scrolled into view first. */
export function pagePoint(selector: string): { x: number; y: number } | null {
  const el = document.querySelector(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}
