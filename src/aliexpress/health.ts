/**
 * What a read produced and how well it went. The background stores `health` per page kind so the
 * popup can say "AliExpress changed its order page" instead of silently showing nothing.
 */

import { OrderSnapshot, SourceKind } from '../core/model';
import { describeIssues, z } from '../core/z';

const Line = z.string().check(z.maxLength(300));

export const HealthSource = z.enum([...SourceKind.options, 'unknown']);
export type HealthSource = z.infer<typeof HealthSource>;

export const ParserHealth = z.object({
  source: HealthSource,
  /** Components / blocks the reader found (ultron tags, selectors, body parts). */
  found: z.array(Line).check(z.maxLength(100)),
  /** Components or fields the page kind should have given and did not. */
  missing: z.array(Line).check(z.maxLength(100)),
  /** Anything odd: unknown status texts, dropped snapshots, unreadable dates. */
  problems: z.array(Line).check(z.maxLength(100)),
  /** True when at least one valid snapshot came out. */
  usable: z.boolean(),
});
export type ParserHealth = z.infer<typeof ParserHealth>;

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

/** Collects health lines (deduplicated, capped) and validates snapshots before they leave. */
export class HealthLog {
  private readonly sets = {
    found: new Set<string>(),
    missing: new Set<string>(),
    problems: new Set<string>(),
  };

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

  /** Validate each draft against `OrderSnapshot`; drop and report the ones that fail. */
  finish(drafts: readonly unknown[]): ReadResult {
    const snapshots: OrderSnapshot[] = [];
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
