/**
 * Merging a new read into what we already know of an order.
 *
 * A later read of the same page kind replaces what it saw and keeps what it did not: a detail page
 * that failed to show the services block must not erase the protection date an earlier detail read
 * found. Reads of other kinds are untouched (a list read never erases a detail date). Each field
 * remembers when it was last stated (`fieldReadAt`).
 */
import type { OrderSnapshot, StatedWindows, StoredOrder } from './model';

type Times = Record<string, number>;

const SCALAR_FIELDS = [
  'lang',
  'status',
  'statusText',
  'placedOn',
  'paidOn',
  'shippedOn',
  'completedOn',
  'storeName',
  'storeUrl',
  'items',
  'totalText',
  'buttons',
  'tracking',
  'cases',
] as const satisfies readonly (keyof OrderSnapshot)[];

function mergeRead(
  old: OrderSnapshot | undefined,
  next: OrderSnapshot,
  oldTimes: Times,
): [OrderSnapshot, Times] {
  const times: Times = { ...oldTimes };
  const merged: OrderSnapshot = old
    ? { ...old }
    : { orderId: next.orderId, source: next.source, readAt: 0, missing: [] };
  const target = merged as Record<string, unknown>;
  for (const field of SCALAR_FIELDS) {
    const value = next[field];
    if (value !== undefined) {
      target[field] = value;
      times[field] = next.readAt;
    }
  }
  if (next.stated) {
    const stated: StatedWindows = { ...(old?.stated ?? {}) };
    for (const [key, value] of Object.entries(next.stated)) {
      if (value === undefined) continue;
      (stated as Record<string, unknown>)[key] = value;
      times[`stated.${key}`] = next.readAt;
    }
    merged.stated = stated;
  }
  merged.readAt = Math.max(old?.readAt ?? 0, next.readAt);
  // `missing` describes the latest read only: it is parser health, not order data.
  merged.missing = next.missing;
  return [merged, times];
}

/** Returns the order with `snapshot` merged in; `existing` is not modified. */
export function mergeSnapshot(existing: StoredOrder | undefined, snapshot: OrderSnapshot): StoredOrder {
  const kind = snapshot.source;
  const base: StoredOrder = existing ?? {
    orderId: snapshot.orderId,
    firstSeen: snapshot.readAt,
    lastSeen: snapshot.readAt,
    reads: {},
  };
  // An out-of-order delivery of an older read must not overwrite a newer one.
  const previous = base.reads[kind];
  if (previous && snapshot.readAt < previous.readAt) return base;
  const [read, times] = mergeRead(previous, snapshot, base.fieldReadAt?.[kind] ?? {});
  return {
    ...base,
    firstSeen: Math.min(base.firstSeen, snapshot.readAt),
    lastSeen: Math.max(base.lastSeen, snapshot.readAt),
    reads: { ...base.reads, [kind]: read },
    fieldReadAt: { ...(base.fieldReadAt ?? {}), [kind]: times },
  };
}

/**
 * Two stored versions of one order (the store's and a backup's): for each page kind, each field
 * takes the side that stated it later (by `fieldReadAt`, else by the read's time). Nothing either
 * side knows is lost.
 */
export function mergeStoredOrders(a: StoredOrder, b: StoredOrder): StoredOrder {
  const kinds = new Set([...Object.keys(a.reads), ...Object.keys(b.reads)]) as Set<OrderSnapshot['source']>;
  const reads: StoredOrder['reads'] = {};
  const fieldReadAt: NonNullable<StoredOrder['fieldReadAt']> = {};
  for (const kind of kinds) {
    const ra = a.reads[kind];
    const rb = b.reads[kind];
    if (!ra || !rb) {
      const only = (ra ? a : b) as StoredOrder;
      reads[kind] = (ra ?? rb) as OrderSnapshot;
      const times = only.fieldReadAt?.[kind];
      if (times) fieldReadAt[kind] = times;
      continue;
    }
    const ta = a.fieldReadAt?.[kind] ?? {};
    const tb = b.fieldReadAt?.[kind] ?? {};
    const timeOf = (times: Times, read: OrderSnapshot, field: string) => times[field] ?? read.readAt;
    const merged = { ...(rb.readAt > ra.readAt ? rb : ra) } as Record<string, unknown>;
    const times: Times = {};
    for (const field of SCALAR_FIELDS) {
      const va = ra[field];
      const vb = rb[field];
      if (va === undefined && vb === undefined) continue;
      const useB = va === undefined || (vb !== undefined && timeOf(tb, rb, field) > timeOf(ta, ra, field));
      merged[field] = useB ? vb : va;
      times[field] = useB ? timeOf(tb, rb, field) : timeOf(ta, ra, field);
    }
    const stated: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(ra.stated ?? {}), ...Object.keys(rb.stated ?? {})])) {
      const va = (ra.stated as Record<string, unknown> | undefined)?.[key];
      const vb = (rb.stated as Record<string, unknown> | undefined)?.[key];
      if (va === undefined && vb === undefined) continue;
      const field = `stated.${key}`;
      const useB = va === undefined || (vb !== undefined && timeOf(tb, rb, field) > timeOf(ta, ra, field));
      stated[key] = useB ? vb : va;
      times[field] = useB ? timeOf(tb, rb, field) : timeOf(ta, ra, field);
    }
    if (Object.keys(stated).length > 0) merged.stated = stated;
    else delete merged.stated;
    merged.readAt = Math.max(ra.readAt, rb.readAt);
    reads[kind] = merged as OrderSnapshot;
    fieldReadAt[kind] = times;
  }
  // What the buyer said: the newer statement wins (taking it back is a statement too).
  const buyer =
    a.buyer === undefined
      ? b.buyer
      : b.buyer === undefined
        ? a.buyer
        : b.buyer.at > a.buyer.at
          ? b.buyer
          : a.buyer;
  return {
    orderId: a.orderId,
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
    reads,
    fieldReadAt,
    ...(buyer === undefined ? {} : { buyer }),
  };
}
