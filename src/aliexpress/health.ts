/**
 * What a read produced and how well it went. The background stores `health` per page kind so the
 * popup can say "AliExpress changed its order page" instead of silently showing nothing.
 */

import { OrderSnapshot } from '../core/model';
import { describeIssues, z } from '../core/z';
import type { Drift, HealthSource, ParserHealth } from './health-schema';

export { HealthSource, ParserHealth } from './health-schema';

/** What the buyer is told about a read: read, partly read (orders came out, with drift), unreadable. */
export type ReadState = 'read' | 'partly' | 'unreadable';

export function readState(health: Pick<ParserHealth, 'usable' | 'drift'>): ReadState {
  if (!health.usable) return 'unreadable';
  return health.drift?.length ? 'partly' : 'read';
}

export interface ReadResult {
  snapshots: OrderSnapshot[];
  health: ParserHealth;
}

export interface ReadContext {
  /** Epoch ms of the read. */
  readAt: number;
  /** The page the body was seen on (gives the order id on detail / tracking pages, and a language). */
  pageUrl?: string | undefined;
  /** The page's language or locale when known (`document.documentElement.lang`, `pt-BR`). */
  lang?: string | undefined;
}

const MAX_LINES = 100;

/**
 * The most orders one response may carry. AliExpress's list pages hold 10 to 50 orders, its refund
 * list fewer; a response with more is not a page of AliExpress's and is refused whole (one forged
 * body made 40,000 orders before this cap, issue #12).
 */
export const MAX_ORDERS_PER_READ = 100;
const PerRead = z.array(z.unknown()).check(z.maxLength(MAX_ORDERS_PER_READ));

/** The health line of a refused oversized response. */
export const tooManyOrders = (count: number) =>
  `${count} orders in one response, more than a page holds (${MAX_ORDERS_PER_READ}): refused whole`;

/** Collects health lines (deduplicated, capped) and validates snapshots before they leave. */
export class HealthLog {
  private readonly sets = {
    found: new Set<string>(),
    missing: new Set<string>(),
    problems: new Set<string>(),
  };
  private readonly drifts = new Map<string, Drift>();

  constructor(private readonly source: HealthSource) {}

  private add(set: Set<string>, line: string): void {
    if (set.size < MAX_LINES) set.add(line.length > 300 ? `${line.slice(0, 297)}...` : line);
  }

  found(line: string): void {
    this.add(this.sets.found, line);
  }

  missing(line: string): void {
    this.add(this.sets.missing, line);
  }

  problem(line: string): void {
    this.add(this.sets.problems, line);
  }

  /** One drift (deduplicated: a list of 50 orders with one unknown status says it once). */
  drift(entry: Drift | undefined): void {
    if (!entry || this.drifts.size >= MAX_LINES) return;
    const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 297)}...` : text);
    const clean: Drift = { ...entry, where: cut(entry.where) };
    if (entry.text !== undefined) clean.text = cut(entry.text);
    const id = `${clean.kind}\u0000${clean.where}\u0000${clean.text ?? ''}`;
    if (!this.drifts.has(id)) this.drifts.set(id, clean);
  }

  /** Validate each draft against `OrderSnapshot`; drop and report the ones that fail. */
  finish(drafts: readonly unknown[]): ReadResult {
    const snapshots: OrderSnapshot[] = [];
    if (!z.safeParse(PerRead, drafts).success) {
      this.problem(tooManyOrders(drafts.length));
      drafts = [];
    }
    for (const draft of drafts) {
      const parsed = OrderSnapshot.safeParse(draft);
      if (parsed.success) snapshots.push(parsed.data);
      else this.problem(`snapshot dropped: ${describeIssues(parsed.error)}`);
    }
    return {
      snapshots,
      health: {
        source: this.source,
        found: [...this.sets.found],
        missing: [...this.sets.missing],
        problems: [...this.sets.problems],
        usable: snapshots.length > 0,
        drift: [...this.drifts.values()],
      },
    };
  }
}

/** A result for input we could not even start on (never thrown, always returned). */
export function emptyResult(source: HealthSource, problem: string): ReadResult {
  const log = new HealthLog(source);
  log.problem(problem);
  return log.finish([]);
}
