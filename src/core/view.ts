/**
 * One order's facts merged across its reads (list, detail, tracking, refunds, DOM fallbacks), each
 * fact with its provenance, so the ladder can say "stated by the detail page, read on …" and the
 * UI can say "last seen …".
 *
 * Precedence for order facts: detail > dom-detail > tracking > list > dom-list (> refunds, which
 * states cases only). The detail page is the one that states dates and windows; the DOM fallback of
 * the same page is next; the list states no dates at all. Within equal rank the freshest read wins.
 * Status is different: it changes over time, so the freshest read that states one wins, except that
 * an open case on the refunds page makes the order dispute-open.
 */

import { DELIVERED_TRACKING_CODE, OPEN_DISPUTE_BUTTON } from '../aliexpress/codes';
import { isStale, staleAfterMs } from './freshen';
import type {
  CivilDate,
  Item,
  OrderId,
  OrderSnapshot,
  OrderStatus,
  RefundCase,
  SourceKind,
  StatedWindows,
  StoredOrder,
  Tracking,
} from './model';

export interface Fact<T> {
  readonly value: T;
  readonly source: SourceKind;
  /** Epoch ms of the read that stated it. */
  readonly readAt: number;
}

export type StatedFacts = { readonly [K in keyof StatedWindows]?: Fact<NonNullable<StatedWindows[K]>> };

export interface OrderView {
  readonly orderId: OrderId;
  readonly status?: Fact<OrderStatus>;
  readonly statusText?: Fact<string>;
  readonly placedOn?: Fact<CivilDate>;
  readonly paidOn?: Fact<CivilDate>;
  readonly shippedOn?: Fact<CivilDate>;
  readonly completedOn?: Fact<CivilDate>;
  readonly storeName?: Fact<string>;
  readonly totalText?: Fact<string>;
  readonly items?: Fact<readonly Item[]>;
  readonly stated: StatedFacts;
  readonly tracking?: Fact<Tracking>;
  /** Tracking says delivered; `value` is the delivery instant when known, else null. */
  readonly delivered?: Fact<number | null>;
  /** The open case (the newest by createdAt when there are several). */
  readonly openCase?: Fact<RefundCase>;
  /** Completed, closed or dispute finished: the facts the windows count from no longer change. */
  readonly final: boolean;
  /** The freshest read of any kind (0 when the order has no read). */
  readonly lastReadAt: number;
  /** Not final and not read for more than `staleAfterDays`. */
  readonly stale: boolean;
}

export interface ViewContext {
  readonly now: number;
  /** Default 7. */
  readonly staleAfterDays?: number;
}

const RANK: Readonly<Record<SourceKind, number>> = {
  detail: 6,
  'dom-detail': 5,
  tracking: 4,
  list: 3,
  'dom-list': 2,
  refunds: 1,
};

/**
 * A stored order keeps one read per kind, so ranking is a fixed order of kinds (no sorting in the
 * hot path: building 10,000 ladders must stay well under 50 ms).
 */
const ORDER_FACTS: readonly SourceKind[] = [
  'detail',
  'dom-detail',
  'tracking',
  'list',
  'dom-list',
  'refunds',
];
// Tracking facts come from the tracking page first, cases from the refunds page first, then by
// the same order (see orderView).

export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'completed',
  'closed',
  'dispute-finished',
]);

/** Reused by `inOrder`, which returns an exact-size copy (a growing array keeps 17 slots). */
const readsScratch: OrderSnapshot[] = [];

function inOrder(order: StoredOrder, kinds: readonly SourceKind[]): OrderSnapshot[] {
  const reads = order.reads;
  for (const kind of kinds) {
    const read = reads[kind];
    if (read !== undefined) readsScratch.push(read);
  }
  const out = readsScratch.slice();
  readsScratch.length = 0;
  return out;
}

function fact<T>(read: OrderSnapshot, value: T): Fact<T> {
  return { value, source: read.source, readAt: read.readAt };
}

function pickStatedRead(
  ranked: readonly OrderSnapshot[],
  key: keyof StatedWindows,
): OrderSnapshot | undefined {
  for (const read of ranked) {
    const value = read.stated?.[key];
    if (value !== undefined && value !== null) return read;
  }
  return undefined;
}

function pickStated<K extends keyof StatedWindows>(
  ranked: readonly OrderSnapshot[],
  key: K,
): Fact<NonNullable<StatedWindows[K]>> | undefined {
  const read = pickStatedRead(ranked, key);
  return read === undefined ? undefined : fact(read, read.stated?.[key] as NonNullable<StatedWindows[K]>);
}

const STATED_KEYS = [
  'protectionEnd',
  'couponDelayedBy',
  'couponText',
  'returnDaysAfterReceipt',
  'disputeDaysAfterOrder',
  'freeReturnDaysAfterDelivery',
  'estimatedDelivery',
] as const satisfies readonly (keyof StatedWindows)[];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function hasOpenDisputeButton(read: OrderSnapshot): boolean | undefined {
  const itemButtons = read.items?.some((item) => item.buttons !== undefined);
  if (read.buttons === undefined && !itemButtons) return undefined;
  if (read.buttons?.includes(OPEN_DISPUTE_BUTTON)) return true;
  return read.items?.some((item) => item.buttons?.includes(OPEN_DISPUTE_BUTTON)) ?? false;
}

export function deliveredAt(tracking: Tracking): number | null | undefined {
  if (tracking.deliveredAt !== undefined) return tracking.deliveredAt;
  let signed: number | undefined;
  for (const event of tracking.events) {
    if (event.code === DELIVERED_TRACKING_CODE && event.at !== undefined) {
      signed = signed === undefined ? event.at : Math.min(signed, event.at);
    }
  }
  if (signed !== undefined) return signed;
  return tracking.delivered ? null : undefined;
}

export function newestOpenCase(cases: readonly RefundCase[]): RefundCase | undefined {
  let newest: RefundCase | undefined;
  for (const c of cases) {
    if (c.state !== 'open') continue;
    // `YYYY-MM-DDTHH:mm:ss` strings sort as they read; a case with no date ranks oldest.
    if (newest === undefined || (c.createdAt ?? '') > (newest.createdAt ?? '')) newest = c;
  }
  return newest;
}

/**
 * The view of one order. Only what every caller needs is computed up front (status, final,
 * lastReadAt, stale); every fact is built on first read and kept (getters memoised per view), so a
 * scheduler holding 10,000 ladders keeps 10,000 small views, not 150,000 facts it never reads. The
 * ladder reads the winning reads directly (`readOf`, `statedReadOf`, ...) and builds no fact at all.
 *
 * The view reads its order's reads when a fact is first asked for: stored orders are never modified
 * in place (merge.ts returns new ones), so that gives the same facts as reading them at once.
 */
export class MergedView implements OrderView {
  readonly orderId: OrderId;
  readonly final: boolean;
  readonly lastReadAt: number;
  readonly stale: boolean;
  /** The order's reads in rank order (`ORDER_FACTS`). */
  readonly reads: readonly OrderSnapshot[];
  /** @internal The status value, and the read whose source and time its fact carries. */
  readonly statusValue: OrderStatus | undefined;
  readonly #order: StoredOrder;
  readonly #statusRead: OrderSnapshot | undefined;
  #memo: Memo | undefined = undefined;

  constructor(order: StoredOrder, ctx: ViewContext) {
    const reads = inOrder(order, ORDER_FACTS);
    this.orderId = order.orderId;
    this.#order = order;
    this.reads = reads;
    let lastReadAt = 0;
    for (const read of reads) lastReadAt = Math.max(lastReadAt, read.readAt);
    this.lastReadAt = lastReadAt;

    // Status: the freshest read that states one; ties go to the higher rank.
    let statusRead: OrderSnapshot | undefined;
    for (const read of reads) {
      if (read.status !== undefined && (statusRead === undefined || isFresher(read, statusRead))) {
        statusRead = read;
      }
    }
    let statusValue = statusRead?.status;
    const casesRead = this.casesRead();
    if (casesRead !== undefined && newestOpenCase(casesRead.cases as readonly RefundCase[]) !== undefined) {
      if (shouldOpenCaseWin(casesRead, statusRead === undefined ? undefined : statusValue, statusRead)) {
        statusValue = 'dispute-open';
        statusRead = casesRead;
      }
    }
    this.statusValue = statusValue;
    this.#statusRead = statusRead;
    this.final = statusValue !== undefined && FINAL_STATUSES.has(statusValue);
    this.stale = isStale(
      this.final,
      reads.length > 0 ? lastReadAt : null,
      ctx.now,
      staleAfterMs(ctx.staleAfterDays),
    );
  }

  // --- What the ladder reads: winning reads, no facts built. -----------------------------------

  /** The highest-ranked read stating `key` (the read a fact of that field comes from). */
  readOf(key: PlainKey): OrderSnapshot | undefined {
    for (const read of this.reads) {
      const value = read[key];
      if (value !== undefined && value !== null) return read;
    }
    return undefined;
  }

  /** The highest-ranked read stating the window `key` (not the protection end: see below). */
  statedReadOf(key: Exclude<keyof StatedWindows, 'protectionEnd'>): OrderSnapshot | undefined {
    for (const read of this.reads) {
      const value = read.stated?.[key];
      if (value !== undefined && value !== null) return read;
    }
    return undefined;
  }

  /** The read the protection end comes from: the earlier of detail and tracking pages, if both. */
  protectionEndRead(): OrderSnapshot | undefined {
    return mergeProtectionEnd(this.reads, false) ?? pickStatedRead(this.reads, 'protectionEnd');
  }

  /** Detail and tracking pages state different protection ends. */
  hasProtectionEndConflict(): boolean {
    return mergeProtectionEnd(this.reads, true) !== undefined;
  }

  /** The read the tracking fact comes from: the tracking page first. */
  trackingRead(): OrderSnapshot | undefined {
    const own = this.#order.reads.tracking;
    return own?.tracking !== undefined ? own : this.readOf('tracking');
  }

  /** The read the cases come from: the refunds page first. */
  casesRead(): OrderSnapshot | undefined {
    const own = this.#order.reads.refunds;
    return own?.cases !== undefined ? own : this.readOf('cases');
  }

  /** The highest-ranked read that listed buttons (where `canOpenDispute` comes from). */
  buttonsRead(): OrderSnapshot | undefined {
    for (const read of this.reads) if (hasOpenDisputeButton(read) !== undefined) return read;
    return undefined;
  }

  // --- OrderView: facts built on first read. ---------------------------------------------------

  get status(): Fact<OrderStatus> | undefined {
    const memo = this.#m();
    if (memo.status === undefined) {
      const read = this.#statusRead;
      const value = this.statusValue;
      memo.status = read === undefined || value === undefined ? null : fact(read, value);
    }
    return memo.status ?? undefined;
  }

  get statusText(): Fact<string> | undefined {
    const memo = this.#m();
    if (memo.statusText === undefined) {
      let read: OrderSnapshot | undefined;
      for (const r of this.reads) {
        if (r.statusText !== undefined && (read === undefined || isFresher(r, read))) read = r;
      }
      memo.statusText = read === undefined ? null : fact(read, read.statusText as string);
    }
    return memo.statusText ?? undefined;
  }

  get placedOn(): Fact<CivilDate> | undefined {
    return this.#plain('placedOn');
  }
  get paidOn(): Fact<CivilDate> | undefined {
    return this.#plain('paidOn');
  }
  get shippedOn(): Fact<CivilDate> | undefined {
    return this.#plain('shippedOn');
  }
  get completedOn(): Fact<CivilDate> | undefined {
    return this.#plain('completedOn');
  }
  get storeName(): Fact<string> | undefined {
    return this.#plain('storeName');
  }
  get totalText(): Fact<string> | undefined {
    return this.#plain('totalText');
  }
  get items(): Fact<readonly Item[]> | undefined {
    return this.#plain('items');
  }
  get stated(): StatedFacts {
    const memo = this.#m();
    memo.stated ??= statedFacts(this.reads);
    return memo.stated;
  }

  get tracking(): Fact<Tracking> | undefined {
    const memo = this.#m();
    if (memo.tracking === undefined) {
      const read = this.trackingRead();
      memo.tracking = read === undefined ? null : fact(read, read.tracking as Tracking);
    }
    return memo.tracking ?? undefined;
  }

  get delivered(): Fact<number | null> | undefined {
    const memo = this.#m();
    if (memo.delivered === undefined) {
      const tracking = this.tracking;
      const at = tracking === undefined ? undefined : deliveredAt(tracking.value);
      memo.delivered =
        tracking === undefined || at === undefined
          ? null
          : { value: at, source: tracking.source, readAt: tracking.readAt };
    }
    return memo.delivered ?? undefined;
  }

  get openCase(): Fact<RefundCase> | undefined {
    const memo = this.#m();
    if (memo.openCase === undefined) {
      const read = this.casesRead();
      const open = read === undefined ? undefined : newestOpenCase(read.cases as readonly RefundCase[]);
      // The buyer's word that a return was agreed counts only where no page states the day.
      const agreed = open?.returnAgreedOn === undefined ? this.#order.buyer?.returnAgreedOn : undefined;
      memo.openCase =
        read === undefined || open === undefined
          ? null
          : fact(
              read,
              agreed === undefined ? open : { ...open, returnAgreedOn: agreed, returnAgreedByYou: true },
            );
    }
    return memo.openCase ?? undefined;
  }

  #m(): Memo {
    let memo = this.#memo;
    if (memo === undefined) {
      memo = new Memo();
      this.#memo = memo;
    }
    return memo;
  }

  #plain<K extends PlainKey>(key: K): Fact<NonNullable<OrderSnapshot[K]>> | undefined {
    const memo = this.#m();
    let found = memo.plain[key] as Fact<NonNullable<OrderSnapshot[K]>> | null | undefined;
    if (found === undefined) {
      const read = this.readOf(key);
      found = read === undefined ? null : fact(read, read[key] as NonNullable<OrderSnapshot[K]>);
      (memo.plain as Record<string, unknown>)[key] = found;
    }
    return found ?? undefined;
  }
}

type PlainKey =
  | 'placedOn'
  | 'paidOn'
  | 'shippedOn'
  | 'completedOn'
  | 'storeName'
  | 'totalText'
  | 'items'
  | 'tracking'
  | 'cases';

/** The facts of one view once read (null: read, and absent). */
class Memo {
  status: Fact<OrderStatus> | null | undefined = undefined;
  statusText: Fact<string> | null | undefined = undefined;
  plain: { [K in PlainKey]?: Fact<NonNullable<OrderSnapshot[K]>> | null } = {};
  stated: StatedFacts | undefined = undefined;
  tracking: Fact<Tracking> | null | undefined = undefined;
  delivered: Fact<number | null> | null | undefined = undefined;
  openCase: Fact<RefundCase> | null | undefined = undefined;
}

/** Every stated window fact, the protection end the earlier of detail and tracking pages. */
function statedFacts(reads: readonly OrderSnapshot[]): StatedFacts {
  const stated: Mutable<StatedFacts> = {};
  if (reads.some((r) => r.stated !== undefined)) {
    for (const key of STATED_KEYS) {
      const found = pickStated(reads, key);
      // The key ties the value's type to the field; TypeScript cannot follow that through the loop.
      if (found) (stated as Record<string, Fact<unknown>>)[key] = found;
    }
  }
  const chosenRead = mergeProtectionEnd(reads, false);
  if (chosenRead !== undefined)
    stated.protectionEnd = fact(chosenRead, chosenRead.stated?.protectionEnd as CivilDate);
  return stated;
}

export function orderView(order: StoredOrder, ctx: ViewContext): MergedView {
  return new MergedView(order, ctx);
}

function isFresher(
  read: OrderSnapshot,
  than: { readonly source: SourceKind; readonly readAt: number },
): boolean {
  return read.readAt > than.readAt || (read.readAt === than.readAt && RANK[read.source] > RANK[than.source]);
}

/**
 * An open case makes the order dispute-open, unless a read fresher than the refunds read says the
 * order is closed or its dispute finished (the case list we hold is then out of date).
 */
function shouldOpenCaseWin(
  casesRead: OrderSnapshot,
  status: OrderStatus | undefined,
  statusRead: OrderSnapshot | undefined,
): boolean {
  if (status === undefined || statusRead === undefined) return true;
  const ended = status === 'closed' || status === 'dispute-finished';
  return !(ended && statusRead.readAt > casesRead.readAt);
}

/**
 * The detail page and the tracking page can state different protection-end dates for the same order
 * (seen one day apart). We take the earlier one and record the disagreement. Undefined unless both
 * pages state one; else the read of the chosen date, or with `other` the read of the later date
 * (undefined when they agree). Two calls rather than one result object: the ladder runs this for
 * every order and keeps nothing of it.
 */
function mergeProtectionEnd(reads: readonly OrderSnapshot[], other: boolean): OrderSnapshot | undefined {
  let detailRead: OrderSnapshot | undefined;
  let trackingRead: OrderSnapshot | undefined;
  // `reads` come in rank order: the first non-tracking read that states a date is the page's.
  for (const r of reads) {
    if (r.stated?.protectionEnd === undefined) continue;
    if (r.source === 'tracking') trackingRead = r;
    else detailRead ??= r;
  }
  const detailEnd = detailRead?.stated?.protectionEnd;
  const trackingEnd = trackingRead?.stated?.protectionEnd;
  if (
    detailRead === undefined ||
    trackingRead === undefined ||
    detailEnd === undefined ||
    trackingEnd === undefined
  ) {
    return undefined;
  }
  if (detailEnd === trackingEnd) return other ? undefined : detailRead;
  // ISO dates compare as strings.
  const trackingEarlier = trackingEnd < detailEnd;
  return trackingEarlier !== other ? trackingRead : detailRead;
}
