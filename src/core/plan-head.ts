/**
 * A summary's plan head: the little the scheduler needs of an order it has nothing left to plan
 * for. Kept beside each packed summary (src/platform/idb.ts), so that a run over a long history
 * reads and parses in full only the orders that can still change something; of the others it
 * needs their zone (a new zone rebuilds every summary) and their window kinds (the ledger keeps
 * entries only for windows that exist). Zod-free and dependency-free: the popup's bundle carries
 * the store code that writes it.
 */

export interface PlanHead {
  /**
   * The latest instant any window of the order opens or closes (0 when it has no window), or
   * null when a window has no close: after `lastAt`, nothing of the order moves on its own.
   */
  readonly lastAt: number | null;
  readonly timeZone: string;
  readonly kinds: readonly string[];
  /** When the order was last read (the popup lists closed orders most recently read first). */
  readonly readAt: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The head of a stored summary, or undefined when the record does not look like one. */
export function planHead(record: unknown): PlanHead | undefined {
  if (!isObject(record) || typeof record.timeZone !== 'string' || !Array.isArray(record.windows)) return;
  const view = record.view;
  if (!isObject(view) || typeof view.lastReadAt !== 'number') return;
  let lastAt: number | null = 0;
  const kinds: string[] = [];
  for (const w of record.windows as unknown[]) {
    if (!isObject(w) || typeof w.kind !== 'string') return;
    kinds.push(w.kind);
    const { opensAt, closesAt } = w;
    if (closesAt === null) lastAt = null;
    else if (typeof closesAt !== 'number') return;
    else if (lastAt !== null) lastAt = Math.max(lastAt, closesAt);
    if (typeof opensAt === 'number') {
      if (lastAt !== null) lastAt = Math.max(lastAt, opensAt);
    } else if (opensAt !== null) return;
  }
  return { lastAt, timeZone: record.timeZone, kinds, readAt: view.lastReadAt };
}

/** The head as one short string (`lastAt|zone|kind,kind|readAt`), as a pack keeps it. */
export function encodeHead(head: PlanHead | undefined): string {
  if (head === undefined) return '';
  return `${head.lastAt ?? ''}|${head.timeZone}|${head.kinds.join(',')}|${head.readAt}`;
}

/** The head a pack kept, or undefined for one that is missing or malformed (read the summary). */
export function decodeHead(text: string | undefined): PlanHead | undefined {
  if (!text) return;
  const [last, timeZone, kinds, read, extra] = text.split('|');
  if (last === undefined || !timeZone || kinds === undefined || !read || extra !== undefined) return;
  const lastAt = last === '' ? null : Number(last);
  const readAt = Number(read);
  if ((lastAt !== null && !Number.isFinite(lastAt)) || !Number.isFinite(readAt)) return;
  return { lastAt, timeZone, kinds: kinds === '' ? [] : kinds.split(','), readAt };
}

/** Whether nothing of the order moves after `before` (its head says so). */
export const settledBy = (head: PlanHead, before: number): boolean =>
  head.lastAt !== null && head.lastAt <= before;
