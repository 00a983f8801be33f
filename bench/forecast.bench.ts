/**
 * Forecast speed: the verdict of 10,000 parcels in transit (target < 20 ms), as a face or the
 * scheduler works it out from the parcel facts a summary keeps, with the usual-days table built once
 * from a history of 300 delivered orders over 4 carriers (inside the timed run). Also how long
 * deriving those facts from tracking events takes (done once per tracking read, when the summary is
 * built). Parcels are generated deterministically (seeded PRNG).
 */
import {
  EMPTY_HISTORY,
  forecast,
  learn,
  type Parcel,
  parcelOf,
  STAGE_PATH,
  type StageHistory,
  usualTable,
} from '../src/core/forecast';
import type { Tracking, TrackingEvent } from '../src/core/model';

const NOW = Date.UTC(2026, 7, 15, 15);
const DAY = 86_400_000;
const ORDERS = 10_000;
const RUNS = 25;
const CARRIERS = ['Cainiao Standard', 'Cainiao Super Economy', 'YunExpress', 'AliExpress Standard Shipping'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A parcel's tracking: 3 to 12 events along the path, newest first as the page lists them. */
function trackingOf(rand: () => number, delivered: boolean): Tracking {
  const stages = Math.min(STAGE_PATH.length, 1 + Math.floor(rand() * STAGE_PATH.length));
  const events: TrackingEvent[] = [];
  let clock = NOW - (10 + rand() * 40) * DAY;
  for (let s = 0; s < stages; s++) {
    const scans = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < scans; k++) {
      events.push({
        at: clock,
        stage: STAGE_PATH[s],
        code: 'AE_X',
        text: 'Scan',
        timeText: 'Sat | Sep. 1 18:46',
      });
      clock += rand() * 4 * DAY;
    }
  }
  if (delivered) events.push({ at: clock, stage: 'delivered', code: 'AE_GTMS_SIGNED', text: 'Delivered' });
  return {
    mailNo: 'LP00712345678901',
    carrier: CARRIERS[Math.floor(rand() * CARRIERS.length)],
    events: events.reverse(),
    delivered,
  };
}

/** Wall time and this process's CPU time per run (ms): on a shared machine the second is the cost. */
function sample(runs: number, fn: () => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

export async function run() {
  const rand = prng(7);
  let history: StageHistory = EMPTY_HISTORY;
  for (let i = 0; i < 300; i++) history = learn(history, String(9_000_000 + i), trackingOf(rand, true));
  const trackings = Array.from({ length: ORDERS }, () => trackingOf(rand, false));
  const ends = trackings.map(() => NOW + (rand() * 60 - 5) * DAY);

  let parcels: Parcel[] = [];
  // Warm-up run (JIT), not counted.
  parcels = trackings.map(parcelOf);
  const parcelSamples = sample(RUNS, () => {
    parcels = trackings.map(parcelOf);
  });
  let atRisk = 0;
  const once = () => {
    const usual = usualTable(history);
    atRisk = 0;
    for (let i = 0; i < ORDERS; i++) {
      if (forecast({ parcel: parcels[i], protectionEnd: ends[i], now: NOW, usual }).verdict === 'at-risk')
        atRisk++;
    }
  };
  once();
  const forecastSamples = sample(RUNS, once);
  if (atRisk === 0 || atRisk === ORDERS)
    throw new Error(`bench parcels should mix verdicts (${atRisk} at risk)`);
  return [
    {
      name: 'forecast × 10,000 parcels in transit (usual-days table from 300 delivered orders included)',
      unit: 'ms' as const,
      samples: forecastSamples.wall,
      target: 20,
      note: `${atRisk} at risk; after one warm-up run; wall time`,
    },
    {
      name: '… the same, CPU time of the process (what it costs when the machine is shared)',
      unit: 'ms' as const,
      samples: forecastSamples.cpu,
      note: 'process.cpuUsage around each run',
    },
    {
      name: 'parcel facts from tracking events × 10,000 (once per tracking read)',
      unit: 'ms' as const,
      samples: parcelSamples.wall,
      note: 'no target set',
    },
  ];
}
