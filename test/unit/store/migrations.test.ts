/**
 * Numbered migrations, each from a stored fixture of the older shape (test/fixtures/store/v<N>.json),
 * and the runner: in order, writing only what changed, never dropping a record it cannot read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoredOrder } from '../../../src/core/model';
import { z } from '../../../src/core/z';
import { memoryPlatform } from '../../../src/platform/memory';
import { SCHEMA_VERSION } from '../../../src/store/items';
import { MIGRATIONS, migrateStore, runMigrations, storedVersion } from '../../../src/store/migrations';
import { parseState } from '../../../src/store/state';

const fixture = (version: number): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/store', `v${version}.json`), 'utf8'))
    .store;

function platformWith(store: Record<string, unknown>) {
  const p = memoryPlatform();
  for (const [k, v] of Object.entries(store)) p.data.set(k, structuredClone(v));
  return p;
}

describe('migration 1 → 2', () => {
  const step = MIGRATIONS.find((m) => m.to === 2);

  it('gives each v1 order field the time of the read that stated it', () => {
    const v1 = fixture(1);
    expect(storedVersion(v1)).toBe(1);
    const changed = step?.migrate(v1) ?? {};
    expect(Object.keys(changed).sort()).toEqual(['order:8212313961591322', 'order:8212313961599999']);
    const order = z.parse(StoredOrder, changed['order:8212313961599999']);
    expect(order.fieldReadAt?.list).toEqual({
      status: 1784000000000,
      placedOn: 1784000000000,
      totalText: 1784000000000,
    });
    expect(order.fieldReadAt?.detail?.['stated.protectionEnd']).toBe(1785100000000);
    expect(order.fieldReadAt?.detail?.shippedOn).toBe(1785100000000);
    // Order data itself is unchanged.
    expect(order.reads).toEqual((v1['order:8212313961599999'] as StoredOrder).reads);
  });

  it('does not modify its input', () => {
    const v1 = fixture(1);
    const copy = structuredClone(v1);
    step?.migrate(v1);
    expect(v1).toEqual(copy);
  });
});

describe('the migration runner', () => {
  it('upgrades a v1 store to the current version in one write of only the changed keys', async () => {
    const p = platformWith(fixture(1));
    const run = await runMigrations(p.storage);
    expect(run).toEqual({
      from: 1,
      to: SCHEMA_VERSION,
      written: ['order:8212313961591322', 'order:8212313961599999', 'meta'],
    });
    expect(p.writes).toBe(1);
    const state = parseState(Object.fromEntries(p.data));
    expect(state.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
    expect(state.orders).toHaveLength(2);
    expect(state.broken).toEqual([]);
  });

  it('writes nothing when the store is already current', async () => {
    const p = platformWith(fixture(1));
    await runMigrations(p.storage);
    const writes = p.writes;
    expect(await runMigrations(p.storage)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, written: [] });
    expect(p.writes).toBe(writes);
  });

  it('only stamps the version on a fresh install', async () => {
    const p = memoryPlatform();
    expect((await runMigrations(p.storage)).written).toEqual(['meta']);
    expect(p.writtenKeys).toEqual(['meta']);
  });

  it('leaves a record it cannot read as it is (the store sets it aside later), and migrates the rest', async () => {
    const p = platformWith({
      ...fixture(1),
      'order:8000000000000009': 'garbage',
      'order:8000000000000010': { reads: 3 },
    });
    const run = await runMigrations(p.storage);
    expect(run.written).not.toContain('order:8000000000000009');
    expect(p.data.get('order:8000000000000009')).toBe('garbage');
    expect(p.data.get('order:8000000000000010')).toEqual({ reads: 3 });
  });

  it('never downgrades a store written by a newer version', () => {
    const store = { meta: { schemaVersion: SCHEMA_VERSION + 1 }, 'order:1234567': { odd: true } };
    expect(migrateStore(store)).toEqual({ from: SCHEMA_VERSION + 1, to: SCHEMA_VERSION + 1, changed: {} });
  });

  it('runs steps in order and refuses a gap', () => {
    const log: number[] = [];
    const steps = [3, 2].map((to) => ({ to, why: '', migrate: () => (log.push(to), { [`k${to}`]: to }) }));
    const out = migrateStore({ 'order:1234567': {} }, 3, steps);
    expect(log).toEqual([2, 3]);
    expect(out.changed).toEqual({ k2: 2, k3: 3, meta: { schemaVersion: 3 } });
    expect(() => migrateStore({ 'order:1234567': {} }, 3, [steps[0] as (typeof steps)[0]])).toThrow(
      /no migration/,
    );
  });

  it('has a fixture for every older version', () => {
    for (let v = 1; v < SCHEMA_VERSION; v++) expect(() => fixture(v)).not.toThrow();
  });
});
