import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/messages';
import { memoryPlatform } from '../../../src/platform/memory';

const OWN_ID = 'own-extension-id';
const SELF = { id: OWN_ID, origin: `chrome-extension://${OWN_ID}/` };
const snapshot = {
  orderId: '8212313961591322',
  source: 'detail',
  readAt: 1_000,
  placedOn: '2026-07-15',
  missing: [],
};
const read = {
  type: 'page-read',
  kind: 'order-detail',
  url: 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322',
  snapshots: [snapshot],
  health: { source: 'detail', found: ['detail_order_status_block'], missing: [], problems: [], usable: true },
};
const fromAliExpressTab = { id: OWN_ID, url: read.url, tab: { id: 3 } };

describe('incoming messages', () => {
  it('stores the orders of a valid page read from our content script', async () => {
    const platform = memoryPlatform();
    await handleMessage(read, fromAliExpressTab, platform, SELF);
    expect(platform.data.has('order:8212313961591322')).toBe(true);
  });

  it('refuses a page read whose snapshot fails its schema, and stores nothing', async () => {
    const platform = memoryPlatform();
    const bad = { ...read, snapshots: [{ ...snapshot, placedOn: 'yesterday' }] };
    const answer = await handleMessage(bad, fromAliExpressTab, platform, SELF);
    expect(answer).toEqual({ error: 'malformed message' });
    expect(platform.data.size).toBe(0);
  });

  it('refuses messages from another extension or from a tab outside AliExpress', async () => {
    const platform = memoryPlatform();
    await handleMessage(read, { ...fromAliExpressTab, id: 'someone-else' }, platform, SELF);
    await handleMessage(
      read,
      { id: OWN_ID, url: 'https://aliexpress.com.evil.example/p/order/', tab: { id: 4 } },
      platform,
      SELF,
    );
    expect(platform.data.size).toBe(0);
  });
});
