import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/handlers';
import { memoryPlatform } from '../../../src/platform/memory';
import { realText } from '../aliexpress/fixtures';

const OWN_ID = 'own-extension-id';
const SELF = { id: OWN_ID, origin: `chrome-extension://${OWN_ID}/` };
const read = {
  type: 'page-body',
  kind: 'order-detail',
  url: 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322',
  api: 'mtop.aliexpress.trade.buyer.order.detail',
  body: realText('order-detail.completed-br.json'),
};
const fromAliExpressTab = { id: OWN_ID, url: read.url, tab: { id: 3 } };

describe('incoming messages', () => {
  it('stores the orders of a valid page read from our content script', async () => {
    const platform = memoryPlatform();
    await handleMessage(read, fromAliExpressTab, platform, SELF);
    expect(platform.orderData.has('8212313961591322')).toBe(true);
    expect(platform.summaryData.has('8212313961591322')).toBe(true);
  });

  it('refuses a page body that breaks its caps, and stores nothing', async () => {
    const platform = memoryPlatform();
    for (const bad of [
      { ...read, body: 'x'.repeat(5_000_001) },
      { ...read, api: 'x'.repeat(201) },
      { ...read, focusOrderId: 'not-an-id' },
      { ...read, kind: 'checkout' },
      // What the worker used to accept: snapshots read in the page. It reads the pages itself now.
      { type: 'page-read', kind: 'order-detail', url: read.url, snapshots: [], health: {} },
    ]) {
      expect(await handleMessage(bad, fromAliExpressTab, platform, SELF)).toEqual({
        error: 'malformed message',
      });
    }
    expect(platform.data.size).toBe(0);
    expect(platform.orderData.size).toBe(0);
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

  it('accepts commands only from our own pages, and page reads only from our content script on AliExpress', async () => {
    const platform = memoryPlatform();
    const popup = { id: OWN_ID, url: `${SELF.origin}src/popup/index.html` };
    const optionsTab = { id: OWN_ID, url: `${SELF.origin}src/options/index.html`, tab: { id: 5 } };
    const note = { type: 'set-note', orderId: '8212313961591322', text: 'mine' };
    // A content script (even ours, on AliExpress) cannot send a command: the page it runs in is untrusted.
    expect(await handleMessage(note, fromAliExpressTab, platform, SELF)).toEqual({ error: 'sender refused' });
    // Another extension, or one of our pages pretending to be a page read, is refused.
    expect(await handleMessage(note, { ...popup, id: 'other' }, platform, SELF)).toEqual({
      error: 'sender refused',
    });
    expect(await handleMessage(read, popup, platform, SELF)).toEqual({ error: 'sender refused' });
    // A page of another extension with our id in its URL is still another origin.
    expect(
      await handleMessage(
        note,
        { id: OWN_ID, url: 'chrome-extension://other/own-extension-id/' },
        platform,
        SELF,
      ),
    ).toEqual({ error: 'sender refused' });
    expect(platform.data.size).toBe(0);
    expect(await handleMessage(note, popup, platform, SELF)).toEqual({ ok: true });
    expect(await handleMessage({ ...note, text: 'tab' }, optionsTab, platform, SELF)).toEqual({ ok: true });
    expect(platform.data.get('note:8212313961591322')).toMatchObject({ text: 'tab' });
  });

  it('refuses wrong shapes and unknown types, changing nothing', async () => {
    const platform = memoryPlatform();
    const popup = { id: OWN_ID, url: `${SELF.origin}src/popup/index.html` };
    for (const bad of [
      null,
      'page-read',
      { type: 'wipe-everything' },
      { type: 'set-note', orderId: 'not-an-id', text: 'x' },
      { type: 'set-handled', windowId: '1:x', orderId: '8212313961591322', handled: 'yes' },
      {
        type: 'snooze',
        windowId: '8212313961591322:return-after-receipt',
        orderId: '8212313961591322',
        until: -1,
      },
      { type: 'checklist-start', orderId: '8212313961591322', reason: 'boredom' },
    ]) {
      expect(await handleMessage(bad, popup, platform, SELF)).toEqual({ error: 'malformed message' });
    }
    expect(platform.data.size).toBe(0);
    expect(platform.writes).toBe(0);
  });
});

describe('sendCommand', () => {
  it('returns the reply, and rejects with the reason when the worker refuses', async () => {
    const { sendCommand, CommandError } = await import('../../../src/messages-client');
    const platform = memoryPlatform();
    const popup = { id: OWN_ID, url: `${SELF.origin}src/popup/index.html` };
    const send = (m: unknown) => handleMessage(m, popup, platform, SELF);
    const backup = await sendCommand({ type: 'export-backup' }, send);
    expect(backup.format).toBe('protection-clock-backup');
    await expect(sendCommand({ type: 'checklist-clear', orderId: 'x' }, send)).rejects.toBeInstanceOf(
      CommandError,
    );
  });
});
