/**
 * Core speed: the ladder for 10,000 orders (target < 50 ms) and the next wake-up over them
 * (target < 20 ms) on the 2-core CI machine. Orders are generated deterministically (seeded PRNG)
 * with a realistic mix of statuses, reads and stated windows. Every order has a detail and a list
 * read carrying what the real readers fill (src/aliexpress/read-*.ts: language, status text, store,
 * items, total, buttons); 60% of shipped orders a tracking read with several events (some stating
 * their own protection end, a day earlier in a few: a conflict); dispute orders a refunds read.
 * All ladders stay alive between runs, as the scheduler and the popup keep them.
 *
 * `benchCore()` gives raw samples; `run()` is the shape scripts/bench.mjs expects.
 */
import { buildLadder, type Ladder } from '../src/core/ladder';
import { emptyLedger } from '../src/core/ledger';
import type { CivilDate, OrderSnapshot, OrderStatus, StoredOrder } from '../src/core/model';
import { DEFAULT_PREFS, nextWakeUp } from '../src/core/reminders';
import { addDays, DAY_MS } from '../src/core/time';

export const BENCH_NOW = Date.UTC(2026, 7, 15, 15, 0, 0);
export const BENCH_ZONE = 'America/Sao_Paulo';
const ORDERS = 10_000;
const RUNS = 25;

/** mulberry32: tiny, fast, and the same sequence everywhere. */
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

const STATUS_MIX: readonly [OrderStatus, number][] = [
  ['completed', 0.4],
  ['awaiting-delivery', 0.3],
  ['processing', 0.04],
  ['awaiting-shipment', 0.06],
  ['dispute-open', 0.05],
  ['closed', 0.08],
  ['dispute-finished', 0.02],
  ['awaiting-payment', 0.05],
];

const STATUS_TEXT: Readonly<Record<OrderStatus, string>> = {
  'awaiting-payment': 'Aguardando pagamento',
  processing: 'Processando',
  'awaiting-shipment': 'Aguardando envio',
  'awaiting-delivery': 'Aguardando a entrega',
  completed: 'Concluído',
  closed: 'Encerrado',
  'dispute-open': 'Em disputa',
  'dispute-finished': 'Disputa encerrada',
};

export function generateOrders(n: number, seed = 1): StoredOrder[] {
  const rand = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const today: CivilDate = '2026-08-15';
  const orders: StoredOrder[] = [];
  for (let i = 0; i < n; i++) {
    const orderId = String(8_100_000_000_000_000 + i * 7919);
    let pick = rand();
    let status: OrderStatus = 'completed';
    for (const [s, share] of STATUS_MIX) {
      if (pick < share) {
        status = s;
        break;
      }
      pick -= share;
    }
    const age = int(1, 150);
    const placedOn = addDays(today, -age);
    const shipped =
      age > 4 && status !== 'awaiting-payment' && status !== 'processing' && status !== 'awaiting-shipment';
    const shippedOn = shipped ? addDays(placedOn, int(1, 4)) : undefined;
    const completedOn =
      shippedOn &&
      (status === 'completed' ||
        status === 'dispute-open' ||
        status === 'closed' ||
        status === 'dispute-finished')
        ? addDays(shippedOn, int(5, Math.max(5, age - 5)))
        : undefined;
    const readAt = BENCH_NOW - int(0, 20) * DAY_MS - int(0, 86_399_999);
    // What both the list and the detail page state for display (each read holds its own copy).
    const display = () => ({
      lang: 'pt',
      statusText: STATUS_TEXT[status],
      storeName: `Store ${i % 997}`,
      storeUrl: `https://www.aliexpress.com/store/${1_100_000 + (i % 997)}`,
      totalText: `R$ ${int(5, 400)},${int(10, 99)}`,
      items: Array.from({ length: int(1, 3) }, (_, k) => ({
        title: `Item ${i}-${k} with a product title as long as the pages give them`,
        quantity: int(1, 3),
        productId: String(1_005_000_000_000 + i * 3 + k),
        priceText: `R$ ${int(5, 200)},00`,
        imageUrl: `https://ae-pic-a1.aliexpress-media.com/kf/S${i}${k}.jpg`,
      })),
    });
    const buttons = rand() < 0.2 ? ['TRACKING', 'OPEN_DISPUTE'] : ['TRACKING'];
    const detail: OrderSnapshot = {
      orderId,
      source: 'detail',
      readAt,
      missing: [],
      status,
      placedOn,
      paidOn: placedOn,
      ...display(),
      buttons,
      ...(shippedOn ? { shippedOn } : {}),
      ...(completedOn ? { completedOn } : {}),
      stated:
        rand() < 0.7
          ? {
              ...(shippedOn ? { protectionEnd: addDays(shippedOn, int(30, 75)) } : {}),
              ...(shippedOn && rand() < 0.5
                ? { couponDelayedBy: addDays(shippedOn, int(12, 25)), couponText: 'R$5,00' }
                : {}),
              returnDaysAfterReceipt: 7,
              disputeDaysAfterOrder: 90,
              ...(rand() < 0.3 ? { freeReturnDaysAfterDelivery: 15 } : {}),
              ...(shippedOn ? { estimatedDelivery: addDays(shippedOn, int(3, 30)) } : {}),
            }
          : {},
    };
    const list: OrderSnapshot = {
      orderId,
      source: 'list',
      readAt: readAt + 60_000,
      missing: [],
      status,
      placedOn,
      ...display(),
      buttons,
    };
    const order: StoredOrder = {
      orderId,
      firstSeen: readAt,
      lastSeen: readAt + 60_000,
      reads: { detail, list },
    };
    if (shippedOn && rand() < 0.6) {
      const delivered = status !== 'awaiting-delivery' || rand() < 0.2;
      const events = Array.from({ length: int(3, 12) }, (_, k) => ({
        code: k === 0 ? 'AE_LH_DEPART' : 'AE_GTMS_IN_TRANSIT',
        at: readAt - (20 - k) * DAY_MS,
        timeText: `Sat | Sep. ${k + 1} 18:46`,
        text: 'Package in transit to the next facility',
      }));
      const statedEnd = detail.stated?.protectionEnd;
      order.reads.tracking = {
        orderId,
        source: 'tracking',
        readAt,
        missing: [],
        ...(statedEnd && rand() < 0.4
          ? { stated: { protectionEnd: rand() < 0.2 ? addDays(statedEnd, -1) : statedEnd } }
          : {}),
        tracking: {
          mailNo: `LP00${orderId.slice(-9)}BR`,
          carrier: rand() < 0.3 ? 'Cainiao Super Economy' : 'AliExpress Standard Shipping',
          events,
          delivered,
          ...(delivered ? { deliveredAt: readAt - int(1, 10) * DAY_MS } : {}),
        },
      };
    }
    if (status === 'dispute-open' || status === 'dispute-finished') {
      order.reads.refunds = {
        orderId,
        source: 'refunds',
        readAt,
        missing: [],
        cases: [
          {
            caseId: String(5_000_000 + i),
            state: status === 'dispute-open' ? 'open' : 'finished',
            type: 'not-received',
            createdAt: `${addDays(today, -int(0, 20))}T10:11:12`,
          },
        ],
      };
    }
    orders.push(order);
  }
  return orders;
}

function sample(runs: number, fn: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export function benchCore(): { name: string; samplesMs: number[] }[] {
  const orders = generateOrders(ORDERS);
  const ctx = { now: BENCH_NOW, timeZone: BENCH_ZONE };
  let ladders: Ladder[] = [];
  // The first run pays for Intl formatters and the per-zone day-start caches once per worker life;
  // it is reported on its own, the steady state after it.
  const cold = sample(1, () => {
    ladders = orders.map((o) => buildLadder(o, ctx));
    nextWakeUp(ladders, DEFAULT_PREFS, emptyLedger(), ctx);
  });
  const ladderSamples = sample(RUNS, () => {
    ladders = orders.map((o) => buildLadder(o, ctx));
  });
  const ledger = emptyLedger();
  let wake: number | null = null;
  const wakeSamples = sample(RUNS, () => {
    wake = nextWakeUp(ladders, DEFAULT_PREFS, ledger, ctx);
  });
  if (wake === null) throw new Error('bench orders should have something ahead');
  return [
    { name: 'buildLadder × 10,000 orders', samplesMs: ladderSamples },
    { name: 'nextWakeUp over 10,000 ladders', samplesMs: wakeSamples },
    { name: 'first run (cold caches): ladders + wake-up', samplesMs: cold },
  ];
}

const TARGETS: Readonly<Record<string, number>> = {
  'buildLadder × 10,000 orders': 50,
  'nextWakeUp over 10,000 ladders': 20,
};

/** For scripts/bench.mjs. */
export async function run(): Promise<
  { name: string; unit: 'ms'; samples: number[]; target?: number; note?: string }[]
> {
  return benchCore().map((r) => ({
    name: `core: ${r.name}`,
    unit: 'ms',
    samples: r.samplesMs,
    ...(TARGETS[r.name] === undefined ? {} : { target: TARGETS[r.name] }),
    note: 'after one cold run (reported separately)',
  }));
}
