/**
 * Will the parcel arrive before protection ends? A delivery window per parcel (early, likely, late),
 * whether it has stalled, and a verdict tied to the protection end. Pure: time comes in as `now`.
 *
 * The method (the README's "Delivery forecast" says the same for buyers):
 * - A parcel goes through stages (`STAGE_PATH`); the reader has put each tracking event in one.
 *   The parcel is in the stage of its newest event whose stage is known, since the first event of
 *   that stage; its last scan is its newest event of any kind (a scan is movement).
 * - How long each stage usually takes (median) and takes at worst (`high`, the 90th percentile) comes
 *   from the buyer's own delivered orders once there are `HANDFUL` of them for that carrier and stage
 *   (else for that stage over every carrier), else from `DEFAULT_STAGE_DAYS`.
 * - Stalled: the last scan is older than the stage's `high`. Being at least `MIN_HIGH_DAYS`, a parcel
 *   scanned at least that often is never stalled.
 * - The window adds what is left of the current stage and the stages after it: early assumes half
 *   the medians, likely the medians, and late adds the stages' spreads (high − median) as independent
 *   (square root of the sum of squares), as a parcel is seldom slow at every stage. A parcel past the
 *   current stage's high may take that stage's whole spread again. AliExpress's own estimate, while
 *   still ahead, is the likely end (and the late end is never before it).
 * - The verdict: at risk when the late end reaches past the protection end minus `ACT_LEAD_DAYS` (the
 *   time the buyer needs to act); late (but inside protection) when stalled or past AliExpress's
 *   estimate; else on track. The forecast only adds advice: it never moves a deadline.
 */
import { DAY_MS } from './durations';
import type { Tracking, TrackingEvent, TrackingStage } from './model';

/** The stages a parcel waits in, in order; `delivered` ends the path. */
export const STAGE_PATH = ['ordered', 'warehouse', 'line-haul', 'customs', 'last-mile'] as const;
export type PathStage = (typeof STAGE_PATH)[number];
/** A stage a parcel can be waiting in: one of the path, or `unknown` (no event we could place). */
export type WaitStage = PathStage | 'unknown';

export interface UsualDays {
  /** Days the stage usually takes (median). */
  readonly median: number;
  /** Days it takes at worst but for outliers (90th percentile), at least `MIN_HIGH_DAYS`. */
  readonly high: number;
}

/**
 * Defaults, in days, for a standard line (Cainiao Standard and the like) to a country with its own
 * customs, before the buyer has `HANDFUL` delivered orders: round figures from AliExpress's usual
 * 15–25 days door to door for standard lines and the help centre's "customs takes a few days".
 * `unknown` is a parcel none of whose events we could place: a long stage, counted as line haul.
 */
export const DEFAULT_STAGE_DAYS: Readonly<Record<WaitStage, UsualDays>> = {
  ordered: { median: 2, high: 5 },
  warehouse: { median: 2, high: 6 },
  'line-haul': { median: 5, high: 12 },
  customs: { median: 3, high: 8 },
  'last-mile': { median: 4, high: 10 },
  unknown: { median: 5, high: 12 },
};

/** A stage's high is never under 3 days: a weekend without a scan is normal for any carrier. */
export const MIN_HIGH_DAYS = 3;
/** Delivered orders of a carrier (or, failing that, of all carriers) a stage needs before history counts. */
export const HANDFUL = 5;
/**
 * How long before the protection end the buyer must start acting: a seller answers a request within
 * 5 days (AliExpress's seller rules), and 2 more days leave time to open a dispute when the seller
 * does not answer or the parcel still does not move. The extension message is due by then.
 */
export const SELLER_ANSWER_DAYS = 5;
export const DISPUTE_LEAD_DAYS = 2;
export const ACT_LEAD_DAYS = SELLER_ANSWER_DAYS + DISPUTE_LEAD_DAYS;

/** What the forecast needs of a parcel: derived once from its tracking (`parcelOf`), kept in the summary. */
export interface Parcel {
  readonly stage: TrackingStage;
  /** First scan of the current stage (epoch ms). */
  readonly stageSince?: number | undefined;
  /** Newest scan (epoch ms), and its text as the page gave it. */
  readonly lastScanAt?: number | undefined;
  readonly lastScanText?: string | undefined;
  readonly carrier?: string | undefined;
  readonly mailNo?: string | undefined;
  readonly eta?: { readonly begin?: number | undefined; readonly end: number } | undefined;
  readonly deliveredAt?: number | undefined;
}

function stageOfEvent(event: TrackingEvent): TrackingStage {
  return event.stage ?? 'unknown';
}

/** Events with a time, oldest first (pages list them newest first; some feeds do not). */
function timed(events: readonly TrackingEvent[]): TrackingEvent[] {
  const out: TrackingEvent[] = [];
  for (const e of events) if (e.at !== undefined) out.push(e);
  let sorted = true;
  for (let i = 1; i < out.length && sorted; i++) sorted = (out[i - 1]?.at ?? 0) <= (out[i]?.at ?? 0);
  if (sorted) return out;
  let reversed = true;
  for (let i = 1; i < out.length && reversed; i++) reversed = (out[i - 1]?.at ?? 0) >= (out[i]?.at ?? 0);
  if (reversed) return out.reverse();
  return out.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
}

/** The parcel's stage, its first scan in that stage, its last scan: from its tracking read. */
export function parcelOf(tracking: Tracking): Parcel {
  const events = timed(tracking.events);
  let stage: TrackingStage = 'unknown';
  let stageSince: number | undefined;
  let last: TrackingEvent | undefined;
  let deliveredAt = tracking.deliveredAt;
  for (const e of events) {
    last = e;
    const s = stageOfEvent(e);
    if (s === 'delivered' && deliveredAt === undefined) deliveredAt = e.at;
    if (s === 'unknown' || s === stage) continue;
    stage = s;
    stageSince = e.at;
  }
  if (tracking.delivered && stage !== 'delivered') stage = 'delivered';
  if (stage === 'unknown' && last !== undefined) stageSince = events[0]?.at;
  return {
    stage,
    stageSince,
    lastScanAt: last?.at,
    lastScanText: last?.text,
    carrier: tracking.carrier,
    mailNo: tracking.mailNo,
    eta: tracking.eta,
    deliveredAt: stage === 'delivered' ? deliveredAt : undefined,
  };
}

// --- History: how long each stage took in the buyer's own delivered orders. --------------------

/** Samples kept per carrier and stage (the newest): enough for a 90th percentile, small to store. */
export const HISTORY_SAMPLES = 40;
/** Orders whose history is learnt are remembered (so a re-read is not learnt twice), the newest this many. */
export const HISTORY_ORDERS = 2000;
/** A stage time beyond this is not a stage time (a parcel returned, a feed restarted): never learnt. */
export const MAX_STAGE_DAYS = 90;
/** A sample more than this times the median of its carrier's stage is an outlier and not counted. */
export const OUTLIER_FACTOR = 3;

export interface StageHistory {
  /** Per carrier key (`carrierKey`), per stage: days, oldest first. */
  readonly carriers: Readonly<Record<string, Partial<Record<PathStage, readonly number[]>>>>;
  /** Orders already learnt from, oldest first. */
  readonly learnt: readonly string[];
}

export const EMPTY_HISTORY: StageHistory = { carriers: {}, learnt: [] };

/**
 * A history as stored, taken apart without zod (the page bundle carries none): only arrays of
 * plausible day counts under known stages are kept, at most `HISTORY_SAMPLES` each. The worker
 * validates what it writes with zod (src/store/items.ts); this keeps a face from throwing on
 * anything else.
 */
export function historyFrom(raw: unknown): StageHistory {
  if (typeof raw !== 'object' || raw === null) return EMPTY_HISTORY;
  const { carriers, learnt } = raw as { carriers?: unknown; learnt?: unknown };
  const out: Record<string, Partial<Record<PathStage, readonly number[]>>> = {};
  if (typeof carriers === 'object' && carriers !== null) {
    for (const [key, stages] of Object.entries(carriers).slice(0, 200)) {
      if (typeof stages !== 'object' || stages === null) continue;
      const own: Partial<Record<PathStage, readonly number[]>> = {};
      for (const stage of STAGE_PATH) {
        const days = (stages as Record<string, unknown>)[stage];
        if (!Array.isArray(days)) continue;
        own[stage] = days
          .filter((d): d is number => typeof d === 'number' && d >= 0 && d <= MAX_STAGE_DAYS)
          .slice(-HISTORY_SAMPLES);
      }
      out[key] = own;
    }
  }
  return {
    carriers: out,
    learnt: Array.isArray(learnt) ? learnt.filter((id): id is string => typeof id === 'string') : [],
  };
}

/** Carriers by name, ignoring case and spacing ("Cainiao  standard" is "cainiao standard"). */
export function carrierKey(carrier: string | undefined): string {
  return (carrier ?? '').trim().toLowerCase().replace(/\s+/g, ' ') || '?';
}

/**
 * Days each stage took in a delivered parcel: from a stage's first scan to the next stage's first
 * scan. A stage the parcel came back to adds to its time.
 */
export function stageDurations(tracking: Tracking): Partial<Record<PathStage, number>> {
  const out: Partial<Record<PathStage, number>> = {};
  let current: TrackingStage | undefined;
  let since = 0;
  for (const e of timed(tracking.events)) {
    const s = stageOfEvent(e);
    if (s === 'unknown' || s === current) continue;
    const at = e.at ?? 0;
    if (current !== undefined && current !== 'delivered' && current !== 'unknown') {
      out[current] = (out[current] ?? 0) + (at - since) / DAY_MS;
    }
    current = s;
    since = at;
    if (s === 'delivered') break;
  }
  return current === 'delivered' ? out : {};
}

/**
 * Learns from one delivered order: adds its stage times to its carrier's samples. An order is
 * learnt once; a time under 0 or over `MAX_STAGE_DAYS` is never learnt. Returns the same history
 * when nothing changed.
 */
export function learn(history: StageHistory, orderId: string, tracking: Tracking): StageHistory {
  if (history.learnt.includes(orderId)) return history;
  const durations = stageDurations(tracking);
  const key = carrierKey(tracking.carrier);
  const own: Partial<Record<PathStage, readonly number[]>> = { ...(history.carriers[key] ?? {}) };
  let added = false;
  for (const stage of STAGE_PATH) {
    const days = durations[stage];
    if (days === undefined || !(days >= 0) || days > MAX_STAGE_DAYS) continue;
    own[stage] = [...(own[stage] ?? []), Math.round(days * 100) / 100].slice(-HISTORY_SAMPLES);
    added = true;
  }
  const learnt = [...history.learnt, orderId].slice(-HISTORY_ORDERS);
  return added ? { carriers: { ...history.carriers, [key]: own }, learnt } : { ...history, learnt };
}

/** Usual days of a stage, and where they come from. */
export interface StageUsual extends UsualDays {
  readonly basis: 'carrier' | 'all-carriers' | 'defaults';
  /** Samples behind it (0 for defaults). */
  readonly samples: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/**
 * Median and 90th percentile of samples, outliers left out: a sample more than `OUTLIER_FACTOR`
 * times the median of all samples (a parcel held a month in customs says nothing of the next one).
 * Undefined under `HANDFUL` samples once outliers are out.
 */
export function usualOf(samples: readonly number[]): UsualDays | undefined {
  if (samples.length < HANDFUL) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  const kept = median > 0 ? sorted.filter((d) => d <= median * OUTLIER_FACTOR) : sorted;
  if (kept.length < HANDFUL) return undefined;
  const keptMedian = percentile(kept, 0.5);
  return { median: keptMedian, high: Math.max(percentile(kept, 0.9), keptMedian, MIN_HIGH_DAYS) };
}

/** One carrier's usual days per stage, and what the stages after each add up to. */
export interface CarrierUsual {
  readonly stages: Readonly<Record<WaitStage, StageUsual>>;
  /** Per stage: the medians (days) and the squared spreads (days²) of the stages after it. */
  readonly after: Readonly<Record<WaitStage, { readonly median: number; readonly spread2: number }>>;
}

/** Every carrier's and stage's usual days, worked out once for a run over many orders. */
export interface UsualTable {
  /** The usual days of a carrier as the page names it (memoised per name). */
  readonly of: (carrier: string | undefined) => CarrierUsual;
}

const WAIT_STAGES: readonly WaitStage[] = [...STAGE_PATH, 'unknown'];

function carrierUsual(stages: Record<WaitStage, StageUsual>): CarrierUsual {
  const after = {} as Record<WaitStage, { median: number; spread2: number }>;
  let median = 0;
  let spread2 = 0;
  for (let i = STAGE_PATH.length - 1; i >= 0; i--) {
    const stage = STAGE_PATH[i] as PathStage;
    after[stage] = { median, spread2 };
    const u = stages[stage];
    median += u.median;
    spread2 += (u.high - u.median) ** 2;
  }
  // A parcel none of whose events we could place is counted as in line haul.
  after.unknown = after['line-haul'];
  return { stages, after };
}

export function usualTable(history: StageHistory = EMPTY_HISTORY): UsualTable {
  const byCarrier = new Map<string, Partial<Record<PathStage, StageUsual>>>();
  const pooled: Partial<Record<PathStage, number[]>> = {};
  for (const [key, stages] of Object.entries(history.carriers)) {
    const own: Partial<Record<PathStage, StageUsual>> = {};
    for (const stage of STAGE_PATH) {
      const samples = stages[stage] ?? [];
      if (samples.length) pooled[stage] = [...(pooled[stage] ?? []), ...samples];
      const usual = usualOf(samples);
      if (usual) own[stage] = { ...usual, basis: 'carrier', samples: samples.length };
    }
    byCarrier.set(key, own);
  }
  const byStage = {} as Record<WaitStage, StageUsual>;
  for (const stage of WAIT_STAGES) {
    const samples = stage === 'unknown' ? undefined : pooled[stage];
    const usual = samples ? usualOf(samples) : undefined;
    byStage[stage] = usual
      ? { ...usual, basis: 'all-carriers', samples: samples?.length ?? 0 }
      : { ...DEFAULT_STAGE_DAYS[stage], basis: 'defaults', samples: 0 };
  }
  const general = carrierUsual(byStage);
  const byKey = new Map<string, CarrierUsual>();
  const byName = new Map<string | undefined, CarrierUsual>();
  return {
    of(carrier) {
      let found = byName.get(carrier);
      if (found === undefined) {
        const key = carrierKey(carrier);
        found = byKey.get(key);
        if (found === undefined) {
          const own = byCarrier.get(key);
          found = own === undefined ? general : carrierUsual({ ...byStage, ...own });
          byKey.set(key, found);
        }
        byName.set(carrier, found);
      }
      return found;
    },
  };
}

const DEFAULT_TABLE = usualTable();

// --- The forecast. --------------------------------------------------------------------------------

export type Verdict = 'no-tracking' | 'delivered' | 'on-track' | 'late' | 'at-risk';
export type ForecastStep = 'open-tracking' | 'ask-extension' | 'open-dispute';
export type Confidence = 'low' | 'medium' | 'high';

/** Why the verdict is what it is, as data; `forecastReasons` puts it in words. */
export type ForecastReason =
  | { readonly id: 'no-tracking' }
  /** `usualDays`: the stage's high, the longest it usually goes without a scan. */
  | { readonly id: 'stalled'; readonly days: number; readonly stage: WaitStage; readonly usualDays: number }
  | { readonly id: 'moving'; readonly at: number; readonly stage: WaitStage; readonly usualDays: number }
  | { readonly id: 'eta-passed'; readonly eta: number }
  | { readonly id: 'late-after-end'; readonly late: number; readonly actBy: number }
  | { readonly id: 'late-before-end'; readonly late: number };

export interface Forecast {
  readonly verdict: Verdict;
  readonly parcel?: Parcel | undefined;
  /** The stage the parcel waits in, and what it usually takes there. */
  readonly stage?: WaitStage | undefined;
  readonly usual?: StageUsual | undefined;
  /** Epoch ms; absent with no tracking or when delivered. */
  readonly window?: { readonly early: number; readonly likely: number; readonly late: number } | undefined;
  readonly stalled: boolean;
  /** The protection end minus `ACT_LEAD_DAYS`: the extension request is due by then. */
  readonly actBy?: number | undefined;
  /** What the buyer should do because of the forecast, and by when (epoch ms). */
  readonly step?: ForecastStep | undefined;
  readonly stepBy?: number | undefined;
  readonly confidence: Confidence;
  readonly reasons: readonly ForecastReason[];
}

export interface ForecastInput {
  /** Undefined: no tracking read for the order. */
  readonly parcel: Parcel | undefined;
  /** The protection end as the ladder has it (epoch ms), or null when unknown. */
  readonly protectionEnd: number | null | undefined;
  readonly now: number;
  /** Usual days (`usualTable(history)`); default: the defaults table. */
  readonly usual?: UsualTable | undefined;
}

const NO_REASONS: readonly ForecastReason[] = [];
const NO_TRACKING: Forecast = Object.freeze({
  verdict: 'no-tracking',
  stalled: false,
  step: 'open-tracking',
  confidence: 'low',
  reasons: Object.freeze([{ id: 'no-tracking' }]) as readonly ForecastReason[],
});

const roundDays = (ms: number): number => Math.max(0, Math.floor(ms / DAY_MS));

export function forecast(input: ForecastInput): Forecast {
  const { parcel, now } = input;
  if (parcel === undefined || (parcel.stage !== 'delivered' && parcel.lastScanAt === undefined)) {
    return NO_TRACKING;
  }
  if (parcel.stage === 'delivered') {
    return { verdict: 'delivered', parcel, stalled: false, confidence: 'high', reasons: NO_REASONS };
  }
  const carrier = (input.usual ?? DEFAULT_TABLE).of(parcel.carrier);
  const stage: WaitStage = parcel.stage;
  const usual = carrier.stages[stage];
  const lastScanAt = parcel.lastScanAt ?? now;
  const sinceScan = Math.max(0, now - lastScanAt);
  const inStage = Math.max(0, now - (parcel.stageSince ?? lastScanAt));
  const stalled = sinceScan > usual.high * DAY_MS;

  // What is left of the current stage: past its high, it may take its whole spread again.
  const median = usual.median * DAY_MS;
  const high = usual.high * DAY_MS;
  const curLikely = Math.max(0, median - inStage);
  const curLate = inStage < high ? high - inStage : high - median;
  const after = carrier.after[stage];
  const likely = curLikely + after.median * DAY_MS;
  const spread = Math.sqrt(Math.max(curLate - curLikely, 0) ** 2 + after.spread2 * DAY_MS * DAY_MS);
  let window = {
    early: now + (after.median * DAY_MS) / 2,
    likely: now + likely,
    // Never before what is left of the current stage's late end: a stage after it cannot start sooner.
    late: now + Math.max(likely + spread, curLate + after.median * DAY_MS, 1),
  };
  const reasons: ForecastReason[] = [];
  const usualDays = Math.round(usual.high);
  reasons.push(
    stalled
      ? { id: 'stalled', days: roundDays(sinceScan), stage, usualDays }
      : { id: 'moving', at: lastScanAt, stage, usualDays },
  );

  const eta = parcel.eta;
  let etaAhead = false;
  if (eta !== undefined) {
    if (eta.end > now) {
      etaAhead = true;
      window = {
        early: Math.max(now, Math.min(eta.begin ?? eta.end, eta.end)),
        // AliExpress's own estimate beats our rule of thumb for the likely end, never for the late one.
        likely: eta.end,
        late: Math.max(window.late, eta.end),
      };
    } else reasons.push({ id: 'eta-passed', eta: eta.end });
  }

  const end = input.protectionEnd ?? undefined;
  const actBy = end === undefined ? undefined : end - ACT_LEAD_DAYS * DAY_MS;
  let verdict: Verdict;
  if (actBy !== undefined && window.late >= actBy) {
    verdict = 'at-risk';
    reasons.push({ id: 'late-after-end', late: window.late, actBy });
  } else {
    verdict = stalled || (eta !== undefined && !etaAhead) ? 'late' : 'on-track';
    if (end !== undefined) reasons.push({ id: 'late-before-end', late: window.late });
  }

  let step: ForecastStep | undefined;
  let stepBy: number | undefined;
  if (verdict === 'at-risk' && end !== undefined && actBy !== undefined) {
    // The seller needs days to answer; in the last ones, only a dispute keeps the money safe.
    const disputeFrom = end - DISPUTE_LEAD_DAYS * DAY_MS;
    if (now < disputeFrom) {
      step = 'ask-extension';
      stepBy = Math.max(actBy, now);
    } else {
      step = 'open-dispute';
      stepBy = end;
    }
  }

  const fromHistory = usual.basis !== 'defaults';
  const confidence: Confidence =
    stage === 'unknown'
      ? 'low'
      : fromHistory && etaAhead
        ? 'high'
        : fromHistory || etaAhead
          ? 'medium'
          : 'low';
  return {
    verdict,
    parcel,
    stage,
    usual,
    window,
    stalled,
    actBy,
    step,
    stepBy,
    confidence,
    reasons,
  };
}
