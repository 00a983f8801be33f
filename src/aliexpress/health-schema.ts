/**
 * The schemas of a read's health and drift as stored (`health` in storage.local): apart from the
 * readers and their health log (./health.ts, ./drift.ts re-export them), so that the faces, which
 * parse what is stored, do not carry the readers' code.
 */
import { SourceKind } from '../core/model';
import { z } from '../core/z';

const Line = z.string().check(z.maxLength(300));

export const DriftKind = z.enum([
  /** A component tag a reader relies on is absent. */
  'missing-component',
  /** A field we read is there, with another JSON type than the one we read. */
  'wrong-type',
  /** A field the order's status should have is absent (its dates, its stated deadline). */
  'missing-field',
  /** A status text no language table knows. */
  'unknown-status',
  /** A date text in no shape the date reader knows. */
  'unknown-date',
  /** A component tag never seen on this page kind. */
  'new-component',
]);
export type DriftKind = z.infer<typeof DriftKind>;

/** What the buyer loses through a drift: picks the plain sentence the faces show. */
export const DriftEffect = z.enum([
  'orders',
  'dates',
  'deadlines',
  'status',
  'items',
  'tracking',
  'cases',
  'none',
]);
export type DriftEffect = z.infer<typeof DriftEffect>;

export const Drift = z.object({
  kind: DriftKind,
  /** The component tag or the field (path) concerned. */
  where: Line,
  effect: DriftEffect,
  /** The text no table knew (unknown status or date), or the type found (wrong-type). */
  text: z.optional(Line),
  /** wrong-type: the type the reader reads. */
  expected: z.optional(Line),
});
export type Drift = z.infer<typeof Drift>;

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
  /**
   * How the body differs from what the readers know (drift.ts). Optional: healths stored before
   * drift was read have none.
   */
  drift: z.optional(z.array(Drift).check(z.maxLength(100))),
});
export type ParserHealth = z.infer<typeof ParserHealth>;
