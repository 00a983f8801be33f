/**
 * The bug-report sample: no string that identifies the buyer survives (rule in anonymity.ts), and
 * reading the anonymised copy gives the same windows (kinds, dates, sources) and the same stage of
 * the order's journey as the original.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readApiBody } from '../../../src/aliexpress';
import { anonymise } from '../../../src/aliexpress/anonymise';
import { makeSample, sampleText } from '../../../src/aliexpress/sample';
import { journey } from '../../../src/core/journey';
import { buildLadder } from '../../../src/core/ladder';
import { mergeSnapshot } from '../../../src/core/merge';
import type { StoredOrder } from '../../../src/core/model';
import { summarize } from '../../../src/core/summary';
import { leaks, onlyTableWords } from './anonymity';
import { ownDir, ownJson, READ_AT, realDetailBody, realListCapture } from './fixtures';

const DETAIL_URL = 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322';
const TRACKING_URL = 'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322';
const NOW = Date.UTC(2026, 8, 2, 9);

interface Body {
  name: string;
  api: 'list' | 'detail' | 'tracking' | 'refunds';
  body: unknown;
  pageUrl: string;
}

function apiOf(name: string): Body['api'] {
  if (name.startsWith('detail')) return 'detail';
  if (name.startsWith('tracking')) return 'tracking';
  if (name.startsWith('refunds')) return 'refunds';
  return 'list';
}

function pageOf(api: Body['api']): string {
  if (api === 'detail') return DETAIL_URL;
  if (api === 'tracking') return TRACKING_URL;
  return 'https://www.aliexpress.com/p/order/index.html';
}

/** The real captures (kept byte for byte in ../shared) and every project fixture. */
const BODIES: Body[] = [
  { name: 'real detail', api: 'detail', body: realDetailBody(), pageUrl: DETAIL_URL },
  {
    name: 'real list',
    api: 'list',
    body: JSON.parse(realListCapture().body),
    pageUrl: 'https://www.aliexpress.com/p/order/index.html',
  },
  ...readdirSync(ownDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, api: apiOf(name), body: ownJson(name), pageUrl: pageOf(apiOf(name)) })),
];

/** What a buyer would see of a read: each order's windows and stage, in the order the body gave them. */
function windowsOf(api: Body['api'], body: unknown, pageUrl: string) {
  const result = readApiBody(api, body, { readAt: READ_AT, pageUrl });
  return result.snapshots.map((snapshot) => {
    const order: StoredOrder = mergeSnapshot(undefined, snapshot);
    const ladder = buildLadder(order, { now: NOW, timeZone: 'Europe/Lisbon' });
    const summary = summarize(ladder, { now: NOW, timeZone: 'Europe/Lisbon' });
    const { stage, step, group } = journey(summary, NOW);
    return {
      status: snapshot.status,
      stage,
      step,
      group,
      windows: ladder.windows.map((w) => ({
        kind: w.kind,
        opensAt: w.opensAt,
        closesAt: w.closesAt,
        confidence: w.confidence,
        basis: w.basis,
        source: w.source.type === 'stated' ? { type: 'stated', page: w.source.page } : w.source,
      })),
    };
  });
}

function sameReading(entry: Body): void {
  const safe = anonymise(entry.body, entry.pageUrl);
  expect(windowsOf(entry.api, safe.body, safe.pageUrl ?? '')).toEqual(
    windowsOf(entry.api, entry.body, entry.pageUrl),
  );
}

describe('anonymised samples of real and fixture bodies', () => {
  for (const entry of BODIES) {
    it(`${entry.name}: nothing identifying survives`, () => {
      const text = sampleText(
        makeSample({ api: entry.api, body: entry.body, pageUrl: entry.pageUrl, readAt: READ_AT }),
      );
      expect(leaks(entry.body, text)).toEqual([]);
    });
    it(`${entry.name}: the anonymised copy reads to the same windows`, () => {
      expect(windowsOf(entry.api, entry.body, entry.pageUrl).length).toBeGreaterThan(0);
      sameReading(entry);
    });
  }

  it('the real detail keeps its structure, codes, dates and language, and loses the buyer', () => {
    const text = sampleText(
      makeSample({ api: 'detail', body: realDetailBody(), pageUrl: DETAIL_URL, readAt: READ_AT }),
    );
    for (const kept of [
      'detail_simple_order_info_component',
      '"orderCreatTime": "Jul 15, 2026"',
      '"orderCreatTimeTile": "Order placed on"',
      '"title": "Completed"',
      '"type": "CONFIRM_GOODS"'.replace('CONFIRM_GOODS', 'OPEN_DISPUTE'),
      'Refund if no delivery before Sep 4, 2026',
      'within 7 days of confirming receipt',
      '"quantity": 1',
      '"canAddCart": true',
    ])
      expect(text).toContain(kept);
    for (const gone of [
      'Comprador Exemplo',
      'Rua Exemplo',
      '11999999999',
      'Vega Store',
      'Neo XENON',
      'R$126,59',
      'S414120c60bc24a2d9a8ce34a49f61967C',
      '1105843321',
      '8212313961591322',
      '8212840438652111',
    ])
      expect(text).not.toContain(gone);
  });

  it('replaces an order id by one stand-in everywhere in a sample (page URL, body, keys)', () => {
    const sample = makeSample({
      api: 'detail',
      body: realDetailBody(),
      pageUrl: DETAIL_URL,
      readAt: READ_AT,
    });
    const stand = /orderId=(\d+)/.exec(sample.page ?? '')?.[1] ?? '';
    expect(stand).toMatch(/^\d{16}$/);
    expect(stand).not.toBe('8212313961591322');
    const text = sampleText(sample);
    // status block orderId, info tradeOrderId, the services block's key and id: four places.
    expect(text.split(stand).length - 1).toBeGreaterThanOrEqual(5);
    const read = readApiBody('detail', sample.body, { readAt: READ_AT, pageUrl: sample.page });
    expect(read.snapshots[0]?.orderId).toBe(stand);
    expect(read.health.problems.join()).not.toContain('differs from the page URL');
  });
});

/** Fields that carry the buyer's identity, and the shape of what they hold. */
const word = fc.stringMatching(/^[A-Z]?[a-z]{3,9}$/);
const IDENTIFYING = {
  contactName: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
  detailAddress: fc.tuple(word, fc.integer({ min: 1, max: 9999 })).map(([a, n]) => `Rua ${a}, ${n}`),
  regionAddress: fc.tuple(word, word).map(([a, b]) => `${a}, ${b}, Brazil`),
  fullPhoneNo: fc.stringMatching(/^\+[1-8]\d \d{2} [1-8]\d{4}-\d{4}$/),
  postCode: fc.stringMatching(/^[1-8]\d{4}-\d{3}$/),
  itemTitle: fc.array(word, { minLength: 2, maxLength: 8 }).map((words) => words.join(' ')),
  sellerName: fc.tuple(word, word).map(([a, b]) => `${a} ${b} Store`),
  storeName: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
  mailNo: fc.stringMatching(/^[A-Z]{2}[1-8]\d{9,13}[A-Z]{0,2}$/),
  originMailNo: fc.stringMatching(/^[A-Z]{4}[1-8]\d{9}$/),
  itemPriceText: fc.stringMatching(/^(?:R\$|€|US \$)[1-9]\d{0,3}[.,]\d{2}$/),
  totalPriceText: fc.stringMatching(/^(?:R\$|€|US \$)[1-9]\d{0,3}[.,]\d{2}$/),
  itemImgUrl: fc.stringMatching(/^https:\/\/ae0[1-4]\.alicdn\.com\/kf\/S[0-9a-f]{20,32}\.jpg$/),
  storeUrl: fc.integer({ min: 1_000_000, max: 8_999_999_999 }).map((n) => `//www.aliexpress.com/store/${n}`),
  storePageUrl: fc
    .integer({ min: 1_000_000, max: 8_999_999_999 })
    .map((n) => `//www.aliexpress.com/store/${n}`),
} as const;
type IdentifyingField = keyof typeof IDENTIFYING;
const FIELDS = Object.keys(IDENTIFYING) as IdentifyingField[];

/** Writes generated values into every identifying field the body has (a fresh value per place). */
function inject(
  body: unknown,
  values: Record<IdentifyingField, string[]>,
): { body: unknown; used: string[] } {
  const used: string[] = [];
  const counters = new Map<string, number>();
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(value)) {
      if ((FIELDS as string[]).includes(name) && typeof entry === 'string') {
        const pool = values[name as IdentifyingField];
        const index = counters.get(name) ?? 0;
        counters.set(name, index + 1);
        const chosen = pool[index % pool.length] ?? entry;
        used.push(chosen);
        out[name] = chosen;
      } else out[name] = visit(entry);
    }
    return out;
  };
  return { body: visit(body), used };
}

const pools = fc.record(
  Object.fromEntries(
    FIELDS.map((field) => [field, fc.array(IDENTIFYING[field], { minLength: 1, maxLength: 4 })]),
  ) as {
    [K in IdentifyingField]: fc.Arbitrary<string[]>;
  },
);

describe('anonymise, over generated identities in every body shape (fast-check)', () => {
  it('no generated name, address, phone, title, store, tracking number, price or URL survives; windows stay', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BODIES), pools, (entry, values) => {
        const { body, used } = inject(entry.body, values);
        const sample = makeSample({ api: entry.api, body, pageUrl: entry.pageUrl, readAt: READ_AT });
        const text = sampleText(sample);
        // A value made only of words of our tables ("Order Store") is not identifying by the rule.
        for (const value of used) if (!onlyTableWords(value)) expect(text).not.toContain(value);
        expect(leaks(body, text)).toEqual([]);
        sameReading({ ...entry, body });
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('is deterministic: the same body gives the same sample', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BODIES), (entry) => {
        const a = anonymise(entry.body, entry.pageUrl);
        const b = anonymise(entry.body, entry.pageUrl);
        expect(a).toEqual(b);
      }),
      { numRuns: 20 },
    );
  });

  it('never throws and keeps the value types of any JSON', () => {
    const typeShape = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(typeShape);
      if (typeof value === 'object' && value !== null)
        return Object.values(value as Record<string, unknown>).map(typeShape);
      return value === null ? 'null' : typeof value;
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const safe = anonymise(value).body;
        expect(typeShape(safe)).toEqual(typeShape(JSON.parse(JSON.stringify(value))));
      }),
      { numRuns: 300 },
    );
  });
});
