/**
 * Reading speed of the API readers on realistic bodies: a 50-order list, the real detail capture,
 * a tracking response. Each sample is one read from the body text (JSON.parse included), as the
 * content script does it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBody, readApiBody } from '../src/aliexpress';
import { realDetailBody, repoRoot } from '../test/standin/server.mjs';

const fixture = (name: string) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'aliexpress', name), 'utf8');

function sample(api: string, text: string, runs: number): number[] {
  const samples: number[] = [];
  const ctx = {
    readAt: Date.UTC(2026, 10, 22),
    pageUrl: 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322',
  };
  for (let i = 0; i < runs + 20; i++) {
    const start = performance.now();
    const result = readApiBody(api, parseBody(text), ctx);
    const elapsed = performance.now() - start;
    if (result.snapshots.length === 0) throw new Error(`the ${api} bench body read to nothing`);
    if (i >= 20) samples.push(elapsed); // the first runs warm the JIT up
  }
  return samples;
}

export async function run() {
  const list50 = fixture('order-list.50.json');
  const orders = (readApiBody('list', parseBody(list50), { readAt: 1 }).snapshots ?? []).length;
  if (orders !== 50) throw new Error(`order-list.50.json reads to ${orders} orders, not 50`);
  return [
    { name: 'read a 50-order list response', unit: 'ms', samples: sample('list', list50, 300), target: 2 },
    {
      name: 'read an order detail response (real capture)',
      unit: 'ms',
      samples: sample('detail', realDetailBody(), 500),
      target: 1,
    },
    {
      name: 'read a tracking response',
      unit: 'ms',
      samples: sample('tracking', fixture('tracking.delivered.json'), 500),
      note: 'no target set',
    },
  ];
}
