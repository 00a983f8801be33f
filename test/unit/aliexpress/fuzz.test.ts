/**
 * The readers take bodies from a page we do not control. Whatever they get, they must return (not
 * throw), and every snapshot they return must pass the schema the rest of the extension trusts.
 */
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { parseBody, readApiBody, readPage } from '../../../src/aliexpress';
import type { DomDocument } from '../../../src/aliexpress/dom';
import { ParserHealth, type ReadResult } from '../../../src/aliexpress/health';
import { readDetail } from '../../../src/aliexpress/read-detail';
import { readList } from '../../../src/aliexpress/read-list';
import { readRefunds } from '../../../src/aliexpress/read-refunds';
import { readTracking } from '../../../src/aliexpress/read-tracking';
import { OrderSnapshot } from '../../../src/core/model';
import { ownJson, ownText, READ_AT, realListCapture, realText } from './fixtures';

const ctx = {
  readAt: READ_AT,
  pageUrl: 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322',
};
const READERS = [readList, readDetail, readTracking, readRefunds] as const;

function assertSound(result: ReadResult): void {
  for (const snapshot of result.snapshots) {
    const parsed = OrderSnapshot.safeParse(snapshot);
    if (!parsed.success)
      throw new Error(`invalid snapshot: ${JSON.stringify(parsed.error.issues).slice(0, 500)}`);
  }
  if (!ParserHealth.safeParse(result.health).success) throw new Error('invalid health');
  expect(result.health.usable).toBe(result.snapshots.length > 0);
}

function readAll(body: unknown): void {
  for (const read of READERS) assertSound(read(body, ctx));
}

const HOSTILE = [
  null,
  0,
  -1,
  1e300,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  '   ',
  'x',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'Refund if no delivery before Feb 30, 2026 · within 999 days of confirming receipt',
  'a'.repeat(100_000),
  true,
  [],
  {},
  [null, 1, 'x', { type: 42 }],
  { tag: 'detail_order_status_block', fields: null },
];

/** Every path (object keys and array indices) of a JSON value, depth first. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      out.push([...prefix, i], ...paths(entry, [...prefix, i]));
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, entry] of Object.entries(value))
      out.push([...prefix, key], ...paths(entry, [...prefix, key]));
  }
  return out;
}

function withValueAt(root: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy: unknown = structuredClone(root);
  let node: unknown = copy;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[step];
  (node as Record<string | number, unknown>)[path[path.length - 1] as string | number] = replacement;
  return copy;
}

const detailText = realText('order-detail.completed-br.json');
const listBodyText = realListCapture().body;
const BODIES: Array<[string, unknown, (typeof READERS)[number]]> = [
  ['real detail', JSON.parse(detailText), readDetail],
  ['real list', JSON.parse(listBodyText), readList],
  ['tracking', ownJson('tracking.delivered.json'), readTracking],
  ['refunds', ownJson('refunds.json'), readRefunds],
];

describe('fuzz: readers never throw and only return valid snapshots', () => {
  it('random JSON values', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        readAll(parseBody(text));
        readAll(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('random values of any type, including as the context', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), fc.anything({ maxDepth: 1 }), (body, anyCtx) => {
        readAll(body);
        assertSound(readApiBody('detail', body, anyCtx as typeof ctx));
      }),
      { numRuns: 1500 },
    );
  });

  it('truncated real bodies (JSON and JSONP)', () => {
    const texts = [detailText, listBodyText, ownText('tracking.delivered.json'), ownText('refunds.json')];
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (text, cut, jsonp) => {
          const part = text.slice(0, Math.floor(text.length * cut));
          readAll(parseBody(jsonp ? `mtopjsonp3(${part})` : part));
        },
      ),
      { numRuns: 800 },
    );
  });

  // Exhaustive rather than random: each body's own reader, every path, every hostile value.
  it('every field of the real bodies replaced by each wrong type', { timeout: 60_000 }, () => {
    for (const [name, body, read] of BODIES) {
      const all = paths(body);
      expect(all.length, name).toBeGreaterThan(20);
      for (const path of all) {
        for (const value of HOSTILE) assertSound(read(withValueAt(body, path, value), ctx));
      }
    }
  });

  // 1,500 runs: seconds on a busy shared machine, so the same allowance as the exhaustive test.
  it('random replacements at random paths of the real detail', { timeout: 30_000 }, () => {
    const body = BODIES[0]?.[1];
    const all = paths(body);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.anything({ maxDepth: 2 }), (path, value) => {
        assertSound(readDetail(withValueAt(body, path, value), ctx));
      }),
      { numRuns: 1500 },
    );
  });

  it('random strings in the text fields the phrase and date readers parse', { timeout: 30_000 }, () => {
    const body = BODIES[0]?.[1];
    const textPaths = paths(body).filter((path) =>
      ['title', 'reminder', 'content', 'orderCreatTime', 'text', 'expectDeliveryDateTitle'].includes(
        String(path[path.length - 1]),
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...textPaths),
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        (path, text) => {
          assertSound(readDetail(withValueAt(body, path, text), ctx));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('random HTML pages through the DOM fallback', () => {
    const window = new Window({ url: 'https://www.aliexpress.com/p/order/index.html' });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('order-item', 'info-row', 'order-price-item'),
        (text, cls) => {
          window.document.body.innerHTML = '';
          const div = window.document.createElement('div');
          div.className = cls;
          div.textContent = text;
          window.document.body.appendChild(div);
          const doc = window.document as unknown as DomDocument;
          assertSound(readPage(doc, 'https://www.aliexpress.com/p/order/index.html', ctx));
          assertSound(readPage(doc, ctx.pageUrl, ctx));
        },
      ),
      { numRuns: 300 },
    );
  });
});
