/**
 * Opt-in sync in Chromium: with sync off, reading an order writes nothing to storage.sync; turned
 * on in the options page, this browser shares its order; then another browser's write to
 * storage.sync (packed as src/core/sync.ts packs it: a new open order, and a handled mark on it)
 * shows in the popup and the badge.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { RULES } from '../../src/core/rules';
import { emptyDoc, mergeDocs, packDoc, type SyncDoc, unpackItems } from '../../src/core/sync';
import { type Harness, keepScreenshots, startHarness, waitFor } from './harness';
import { loadCompletedOrder } from './ui-helpers';

let h: Harness;
const A = '8212313961594001';
/** An order only the other browser has read. */
const X = '8212313961594777';
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.dispose();
});

const syncItems = async () =>
  (await h.worker()).evaluate(() => chrome.storage.sync.get(null)) as Promise<Record<string, unknown>>;

describe('sync through storage.sync', () => {
  it('writes nothing while off; once on, shows what another browser shares in the popup and the badge', async () => {
    onTestFailed(() => keepScreenshots(h, 'sync'));
    await loadCompletedOrder(h, A, 1);
    expect(await syncItems()).toEqual({});

    const options = await h.extensionPage('src/options/index.html');
    await options.locator('#sync').check();
    // This browser's open order is shared.
    await waitFor(syncItems, (items) => JSON.stringify(items).includes(A), 'the read order in storage.sync');

    // The other browser: a new open order X, its protection ending in 2 days (marked handled
    // there) and its dispute window in 5, merged with what storage.sync holds, as it would write.
    const now = Date.now();
    const theirs: SyncDoc = {
      ...emptyDoc(),
      orders: {
        [X]: {
          title: 'Wireless earbuds, other browser',
          stage: 'in-transit',
          at: now,
          windows: [
            {
              kind: 'protection-end',
              opensAt: null,
              closesAt: now + 2 * DAY,
              stated: true,
              src: 'detail',
              basis: 'protectionEnd',
            },
            {
              kind: 'dispute-open',
              opensAt: now - DAY,
              closesAt: now + 5 * DAY + 3_600_000,
              stated: false,
              src: RULES[0]?.id as string,
              basis: 'shippedOn',
            },
          ],
        },
      },
      handled: { [`${X}:protection-end`]: { v: true, at: now } },
    };
    const merged = mergeDocs(unpackItems(await syncItems()).doc, theirs);
    const items = packDoc(merged).items;
    await (await h.worker()).evaluate((i) => chrome.storage.sync.set(i), items);

    // This browser lists X, takes the handled mark, and counts down X's dispute window (5 days).
    await waitFor(
      () => h.badge(),
      (b) => b.title.includes(X) && b.text === '5d',
      'the badge counting down the synced order',
    );
    const ledger = (await h.storage()).ledger as { windows: Record<string, unknown> };
    expect(ledger.windows[`${X}:protection-end`]).toBeDefined();
    const popup = await h.openPopup();
    await popup.locator(`[data-order-id="${X}"]`).first().waitFor({ timeout: 15_000 });
    expect(await popup.locator(`[data-order-id="${A}"]`).count()).toBeGreaterThan(0);

    // Off again: our items leave storage.sync; this browser's data stays.
    await options.locator('#sync').uncheck();
    await waitFor(syncItems, (i) => Object.keys(i).length === 0, 'storage.sync emptied of ours');
    expect(((await h.storage()).ledger as { windows: Record<string, unknown> }).windows).toHaveProperty(
      `${X}:protection-end`,
    );
  });
});
