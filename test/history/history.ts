/**
 * A buyer's order history, generated: N orders over several years, shaped like a real long-time
 * account rather than one order repeated. Most orders completed or were closed long ago; a few
 * dozen are live (paid and waiting to ship, in transit, delivered but not confirmed, inside their
 * return window, in dispute). Orders come from several dozen stores, ship with several carriers,
 * and were read in six page languages. Every read has the fields the real readers fill
 * (src/aliexpress/read-*.ts): detail and list reads for every order, tracking reads for most
 * shipped ones, a refunds read for disputes.
 *
 * Deterministic: the same options give the same orders, byte for byte (seeded PRNG, dates from
 * `now` in `timeZone`), so the benchmarks measure the same history from one commit to the next.
 * Shared by the benchmarks (bench/) and by the tests that need many orders.
 */
import { buildLadder } from '../../src/core/ladder';
import type { CivilDate, OrderSnapshot, OrderStatus, StoredOrder } from '../../src/core/model';
import { type OrderSummary, summarize } from '../../src/core/summary';
import { addDays, civilDateOf, DAY_MS } from '../../src/core/time';

/** What an order of the history is doing at `now`: how it was generated. */
export type Stage =
  | 'awaiting-payment'
  | 'awaiting-shipment'
  | 'in-transit'
  | 'delivered'
  | 'return-window'
  | 'dispute'
  | 'completed'
  | 'closed'
  | 'dispute-finished';

/** Stages whose orders can still cost the buyer money at `now`. */
export const LIVE_STAGES: readonly Stage[] = [
  'awaiting-payment',
  'awaiting-shipment',
  'in-transit',
  'delivered',
  'return-window',
  'dispute',
];

/**
 * Live orders per 10,000 (scaled to N, at least one of each once N reaches 100): about 1.4% of a
 * long history is live, a few dozen orders. The rest is history: `closed` (cancelled, or refunded
 * and closed) and `dispute-finished` by their shares, `completed` all the others.
 */
export const MIX_PER_10K: Readonly<Record<Exclude<Stage, 'completed'>, number>> = {
  'awaiting-payment': 4,
  'awaiting-shipment': 16,
  'in-transit': 60,
  delivered: 20,
  'return-window': 30,
  dispute: 10,
  closed: 600,
  'dispute-finished': 100,
};

/** How many orders of each stage a history of `n` orders has. */
export function stageCounts(n: number): Record<Stage, number> {
  const counts = { completed: 0 } as Record<Stage, number>;
  let taken = 0;
  for (const [stage, per10k] of Object.entries(MIX_PER_10K) as [Stage, number][]) {
    const scaled = Math.round((n * per10k) / 10_000);
    const count = Math.min(n - taken, n >= 100 ? Math.max(1, scaled) : scaled);
    counts[stage] = count;
    taken += count;
  }
  counts.completed = n - taken;
  return counts;
}

export interface HistoryOptions {
  /** How many orders. */
  orders: number;
  /** The moment the history is seen at (epoch ms): live orders are live then. */
  now: number;
  seed?: number;
  /** The buyer's zone: civil dates are days in it. */
  timeZone?: string;
  /** How far back the oldest orders go. */
  years?: number;
}

export interface History {
  /** Oldest first (AliExpress order ids grow with time, and so do these). */
  orders: StoredOrder[];
  /** Each order's stage, by order id. */
  stages: Map<string, Stage>;
}

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

export const LANGS = ['en', 'es', 'pt', 'fr', 'de', 'pl'] as const;
type Lang = (typeof LANGS)[number];
/** Share of orders read in each page language (the buyer switches now and then). */
const LANG_WEIGHTS: readonly number[] = [0.35, 0.15, 0.2, 0.1, 0.1, 0.1];

/** Product titles as sellers write them, in each page language. */
const TITLES: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    'USB-C cable 2 m braided fast charging 100W',
    'Wireless earbuds with charging case, Bluetooth 5.3',
    'LED strip 5 m RGB with remote control',
    'Stainless steel kitchen scale 5 kg',
    'Bike light set, rechargeable, waterproof',
    'Mechanical keyboard switches (90 pcs)',
  ],
  es: [
    'Cable USB-C trenzado de 2 m carga rápida',
    'Auriculares inalámbricos con estuche de carga',
    'Tira LED RGB de 5 m con mando a distancia',
    'Báscula de cocina de acero inoxidable',
    'Funda de silicona para teléfono, antigolpes',
    'Juego de destornilladores de precisión, 25 en 1',
  ],
  pt: [
    'Cabo USB-C trançado 2 m carregamento rápido',
    'Fones de ouvido sem fio com estojo de carga',
    'Fita LED RGB 5 m com controle remoto',
    'Balança de cozinha digital em aço inoxidável',
    'Capa de celular à prova de choque',
    'Jogo de chaves de precisão 25 em 1',
  ],
  fr: [
    'Câble USB-C tressé 2 m charge rapide',
    'Écouteurs sans fil avec boîtier de charge',
    'Ruban LED RGB 5 m avec télécommande',
    'Balance de cuisine en acier inoxydable',
    'Coque de téléphone antichoc en silicone',
    'Lampe de vélo rechargeable étanche',
  ],
  de: [
    'USB-C Kabel 2 m geflochten, Schnellladen',
    'Kabellose Ohrhörer mit Ladeetui',
    'LED-Streifen 5 m RGB mit Fernbedienung',
    'Küchenwaage aus Edelstahl, 5 kg',
    'Fahrradlicht-Set, wiederaufladbar, wasserdicht',
    'Präzisions-Schraubendreher-Set, 25 in 1',
  ],
  pl: [
    'Kabel USB-C w oplocie 2 m, szybkie ładowanie',
    'Słuchawki bezprzewodowe z etui ładującym',
    'Taśma LED RGB 5 m z pilotem',
    'Waga kuchenna ze stali nierdzewnej',
    'Etui na telefon, wstrząsoodporne',
    'Zestaw śrubokrętów precyzyjnych 25 w 1',
  ],
};

const STATUS_TEXT: Readonly<Record<Lang, Readonly<Record<OrderStatus, string>>>> = {
  en: {
    'awaiting-payment': 'Awaiting payment',
    processing: 'Processing',
    'awaiting-shipment': 'Awaiting shipment',
    'awaiting-delivery': 'Awaiting delivery',
    completed: 'Completed',
    closed: 'Closed',
    'dispute-open': 'In dispute',
    'dispute-finished': 'Dispute finished',
  },
  es: {
    'awaiting-payment': 'Pendiente de pago',
    processing: 'Procesando',
    'awaiting-shipment': 'Pendiente de envío',
    'awaiting-delivery': 'Pendiente de entrega',
    completed: 'Completado',
    closed: 'Cerrado',
    'dispute-open': 'En disputa',
    'dispute-finished': 'Disputa finalizada',
  },
  pt: {
    'awaiting-payment': 'Aguardando pagamento',
    processing: 'Processando',
    'awaiting-shipment': 'Aguardando envio',
    'awaiting-delivery': 'Aguardando a entrega',
    completed: 'Concluído',
    closed: 'Encerrado',
    'dispute-open': 'Em disputa',
    'dispute-finished': 'Disputa encerrada',
  },
  fr: {
    'awaiting-payment': 'En attente de paiement',
    processing: 'En cours de traitement',
    'awaiting-shipment': "En attente d'expédition",
    'awaiting-delivery': 'En attente de livraison',
    completed: 'Terminée',
    closed: 'Fermée',
    'dispute-open': 'En litige',
    'dispute-finished': 'Litige terminé',
  },
  de: {
    'awaiting-payment': 'Warten auf Zahlung',
    processing: 'In Bearbeitung',
    'awaiting-shipment': 'Warten auf Versand',
    'awaiting-delivery': 'Warten auf Lieferung',
    completed: 'Abgeschlossen',
    closed: 'Geschlossen',
    'dispute-open': 'Im Streitfall',
    'dispute-finished': 'Streitfall beendet',
  },
  pl: {
    'awaiting-payment': 'Oczekuje na płatność',
    processing: 'W realizacji',
    'awaiting-shipment': 'Oczekuje na wysyłkę',
    'awaiting-delivery': 'Oczekuje na dostawę',
    completed: 'Zakończone',
    closed: 'Zamknięte',
    'dispute-open': 'W sporze',
    'dispute-finished': 'Spór zakończony',
  },
};

const CURRENCY: Readonly<Record<Lang, (amount: string) => string>> = {
  en: (a) => `US $${a}`,
  es: (a) => `${a.replace('.', ',')} €`,
  pt: (a) => `R$ ${a.replace('.', ',')}`,
  fr: (a) => `${a.replace('.', ',')} €`,
  de: (a) => `${a.replace('.', ',')} €`,
  pl: (a) => `${a.replace('.', ',')} zł`,
};

export const STORE_COUNT = 40;
export const CARRIERS = [
  'AliExpress Standard Shipping',
  'Cainiao Super Economy',
  'AliExpress Selection Standard',
  'YunExpress',
  '4PX Singapore Post',
  'Cainiao Expedited Economy',
] as const;

/** The status AliExpress shows for an order of each stage. */
const STATUS_OF: Readonly<Record<Stage, OrderStatus>> = {
  'awaiting-payment': 'awaiting-payment',
  'awaiting-shipment': 'awaiting-shipment',
  'in-transit': 'awaiting-delivery',
  delivered: 'awaiting-delivery',
  'return-window': 'completed',
  dispute: 'dispute-open',
  completed: 'completed',
  closed: 'closed',
  'dispute-finished': 'dispute-finished',
};

/** The history's orders, oldest first, with the stage each was generated in. */
export function generateHistory(options: HistoryOptions): History {
  const { orders: n, now, seed = 1, timeZone = 'UTC', years = 5 } = options;
  const rand = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const today = civilDateOf(now, timeZone);
  const hour = () => int(0, 23) * 3_600_000 + int(0, 3_599_999);

  // Each order's stage and how many days ago it was placed; sorted oldest first, so ids grow
  // with time. Live orders are recent by nature; history spreads over `years`.
  const counts = stageCounts(n);
  const plan: { stage: Stage; placedAgo: number }[] = [];
  const historyDays = Math.max(200, Math.round(years * 365));
  for (const [stage, count] of Object.entries(counts) as [Stage, number][]) {
    for (let k = 0; k < count; k++) {
      const placedAgo =
        stage === 'awaiting-payment'
          ? int(0, 2)
          : stage === 'awaiting-shipment'
            ? int(1, 6)
            : stage === 'in-transit'
              ? int(5, 40)
              : stage === 'delivered'
                ? int(12, 45)
                : stage === 'return-window'
                  ? int(15, 60)
                  : stage === 'dispute'
                    ? int(20, 70)
                    : // Long ago: every window closed well before `now`.
                      int(150, historyDays);
      plan.push({ stage, placedAgo });
    }
  }
  // A stable shuffle first (so equal ages do not group by stage), then oldest first.
  const keyed = plan.map((p) => ({ ...p, tie: rand() }));
  keyed.sort((a, b) => b.placedAgo - a.placedAgo || a.tie - b.tie);

  const orders: StoredOrder[] = [];
  const stages = new Map<string, Stage>();
  for (const [i, { stage, placedAgo }] of keyed.entries()) {
    const orderId = String(8_100_000_000_000_000 + i * 7919);
    const status = STATUS_OF[stage];
    const lang = weighted(rand, LANGS, LANG_WEIGHTS);
    const placedOn = addDays(today, -placedAgo);
    const shipped = stage !== 'awaiting-payment' && stage !== 'awaiting-shipment';
    // Most cancellations happen before the parcel leaves.
    const reallyShipped = shipped && (stage !== 'closed' || rand() < 0.3);
    const shippedOn = reallyShipped ? addDays(placedOn, int(1, 4)) : undefined;
    const shippedAgo = shippedOn ? placedAgo - (dayDiff(placedOn, shippedOn) ?? 0) : 0;
    let completedOn: CivilDate | undefined;
    if (shippedOn && stage === 'return-window') completedOn = addDays(today, -int(0, 12));
    else if (shippedOn && (stage === 'completed' || stage === 'dispute-finished'))
      completedOn = addDays(shippedOn, int(8, Math.min(45, shippedAgo - 100)));

    // When the buyer last read the order: live orders lately, history some time after it ended.
    const endedAgo = completedOn ? -(dayDiff(today, completedOn) ?? 0) : placedAgo - 3;
    const readAgoDays = LIVE_STAGES.includes(stage)
      ? int(0, 3)
      : Math.max(100, endedAgo - int(0, Math.max(0, Math.min(60, endedAgo - 100))));
    const readAt = now - readAgoDays * DAY_MS - hour();

    const store = int(0, STORE_COUNT - 1);
    const itemCount = rand() < 0.7 ? 1 : int(2, 3);
    const titles = TITLES[lang];
    const display = {
      lang,
      statusText: STATUS_TEXT[lang][status],
      storeName: `${STORE_NAMES[store % STORE_NAMES.length]}${store >= STORE_NAMES.length ? ` ${store}` : ''}`,
      storeUrl: `https://www.aliexpress.com/store/${1_100_000 + store * 37}`,
      totalText: CURRENCY[lang](`${int(1, 180)}.${String(int(0, 99)).padStart(2, '0')}`),
      items: Array.from({ length: itemCount }, (_, k) => ({
        title: pick(titles),
        quantity: int(1, 3),
        productId: String(1_005_000_000_000 + i * 3 + k),
        priceText: CURRENCY[lang](`${int(1, 90)}.${String(int(0, 99)).padStart(2, '0')}`),
        imageUrl: `https://ae-pic-a1.aliexpress-media.com/kf/S${orderId.slice(-8)}${k}.jpg`,
      })),
    };
    const buttons =
      stage === 'in-transit' || stage === 'delivered'
        ? ['TRACKING', 'CONFIRM_GOODS', 'OPEN_DISPUTE']
        : stage === 'awaiting-payment'
          ? ['PAY_NOW', 'CANCEL_ORDER']
          : ['TRACKING'];
    const statedShare = rand();
    const detail: OrderSnapshot = {
      orderId,
      source: 'detail',
      readAt,
      missing: [],
      status,
      placedOn,
      ...(stage === 'awaiting-payment' ? {} : { paidOn: placedOn }),
      ...display,
      buttons,
      ...(shippedOn ? { shippedOn } : {}),
      ...(completedOn ? { completedOn } : {}),
      // Most detail pages state their windows; some (older layouts, some stores) do not.
      stated:
        statedShare < 0.75
          ? {
              ...(shippedOn ? { protectionEnd: addDays(shippedOn, int(30, 75)) } : {}),
              ...(shippedOn && rand() < 0.4
                ? { couponDelayedBy: addDays(shippedOn, int(12, 25)), couponText: CURRENCY[lang]('1.00') }
                : {}),
              returnDaysAfterReceipt: rand() < 0.3 ? 90 : 15,
              ...(shippedOn ? { estimatedDelivery: addDays(shippedOn, int(7, 30)) } : {}),
            }
          : {},
    };
    const list: OrderSnapshot = {
      orderId,
      source: 'list',
      readAt: readAt - 60_000,
      missing: [],
      status,
      placedOn,
      ...display,
      buttons,
    };
    const order: StoredOrder = {
      orderId,
      firstSeen: readAt - 60_000,
      lastSeen: readAt,
      reads: { detail, list },
    };

    if (shippedOn && (stage === 'in-transit' || stage === 'delivered' || rand() < 0.6)) {
      const delivered = stage !== 'in-transit';
      const shippedAt = now - shippedAgo * DAY_MS;
      const lastEventAt = Math.min(
        readAt,
        completedOn ? now + (dayDiff(today, completedOn) ?? 0) * DAY_MS : readAt,
      );
      const span = Math.max(DAY_MS, lastEventAt - shippedAt);
      const eventCount = int(3, 12);
      const events = Array.from({ length: eventCount }, (_, k) => ({
        code:
          k === 0
            ? 'AE_LH_DEPART'
            : delivered && k === eventCount - 1
              ? 'AE_GTMS_SIGNED'
              : 'AE_GTMS_IN_TRANSIT',
        at: Math.round(shippedAt + (span * k) / eventCount),
        text: delivered && k === eventCount - 1 ? 'Delivered' : 'Package in transit to the next facility',
      }));
      order.reads.tracking = {
        orderId,
        source: 'tracking',
        readAt,
        missing: [],
        tracking: {
          mailNo: `LP00${orderId.slice(-9)}`,
          carrier: pick(CARRIERS),
          events,
          delivered,
          ...(delivered ? { deliveredAt: events[eventCount - 1]?.at ?? readAt } : {}),
        },
      };
    }
    if (stage === 'dispute' || stage === 'dispute-finished') {
      const openedAgo = stage === 'dispute' ? int(0, 8) : Math.max(100, endedAgo - int(0, 5));
      order.reads.refunds = {
        orderId,
        source: 'refunds',
        readAt,
        missing: [],
        cases: [
          {
            caseId: String(5_000_000 + i),
            state: stage === 'dispute' ? 'open' : 'finished',
            type: rand() < 0.6 ? 'not-received' : 'not-as-described',
            createdAt: `${addDays(today, -openedAgo)}T${String(int(0, 23)).padStart(2, '0')}:11:12`,
          },
        ],
      };
    }
    orders.push(order);
    stages.set(orderId, stage);
  }
  return { orders, stages };
}

/** The summaries the worker would store for these orders, built at `now` in `timeZone`. */
export function summariesOf(orders: readonly StoredOrder[], now: number, timeZone = 'UTC'): OrderSummary[] {
  const ctx = { now, timeZone };
  return orders.map((o) => summarize(buildLadder(o, ctx), ctx));
}

const STORE_NAMES = [
  'Ugreen Official Store',
  'Baseus Official Store',
  'Xiaomi Global Store',
  'Shop1102345678 Store',
  'ORICO Official Store',
  'Lenovo Thinkplus Store',
  'Essager Official Store',
  'BlitzWolf Store',
  'Home Garden Life Store',
  'Kitchen Tools Factory Store',
];

function weighted<T>(rand: () => number, list: readonly T[], weights: readonly number[]): T {
  let r = rand();
  for (const [i, w] of weights.entries()) {
    if (r < w) return list[i] as T;
    r -= w;
  }
  return list[list.length - 1] as T;
}

/** Whole days from `a` to `b` (civil dates). */
function dayDiff(a: CivilDate, b: CivilDate): number | undefined {
  const t = (d: CivilDate) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(b) - t(a)) / DAY_MS);
}
