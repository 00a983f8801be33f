/**
 * A page may write only the read of its own order (issue #12): the detail page of order A once
 * posted a body about order B, B's title became a scam text, and a forged near deadline raised a
 * notification carrying it. On a detail or tracking page, every snapshot about another order than
 * the one the page's URL names is dropped, and the drop is reported in the page kind's health.
 * A list page lists many orders by nature: what it may write is what its own response lists.
 */
import type { ReadResult } from './health';
import { orderIdFromUrl, type PageKind } from './pages';

/** Page kinds that are about one order, named in their URL. */
const ONE_ORDER: ReadonlySet<PageKind> = new Set<PageKind>(['order-detail', 'tracking']);

export function confineToPage(result: ReadResult, kind: PageKind, pageUrl: string): ReadResult {
  if (!ONE_ORDER.has(kind)) return result;
  const own = orderIdFromUrl(pageUrl);
  const kept = result.snapshots.filter((s) => s.orderId === own);
  if (kept.length === result.snapshots.length) return result;
  const others = [...new Set(result.snapshots.filter((s) => s.orderId !== own).map((s) => s.orderId))];
  const problem = own
    ? `dropped what this page said about ${others.length === 1 ? `order ${others[0]}` : `${others.length} other orders`}: it is the page of order ${own}`
    : `dropped ${others.length} order(s): this page names no order`;
  return {
    snapshots: kept,
    health: {
      ...result.health,
      problems: [...result.health.problems, problem].slice(-100),
      usable: kept.length > 0,
    },
  };
}
