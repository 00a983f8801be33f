/**
 * Issue #12: a hostile page or a bad file changes nothing the buyer owns, and cannot stall the
 * extension. Each attack the issue found is replayed here through the worker's own message
 * handler (the code production runs), as the page would send it through our content script.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/messages';
import { memoryPlatform } from '../../../src/platform/memory';

const OWN_ID = 'own-extension-id';
const SELF = { id: OWN_ID, origin: `chrome-extension://${OWN_ID}/` };
const A = '8212313961591322';
const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;
const fromPage = (id = A) => ({ id: OWN_ID, url: detailUrl(id), tab: { id: 3 } });
const popup = { id: OWN_ID, url: `${SELF.origin}src/popup/index.html` };

describe('attack 2: the page wipes the evidence checklist through our panel', () => {
  it('a content script may start a checklist, never replace one; the popup still may', async () => {
    const platform = memoryPlatform();
    const start = (reason: string) => ({ type: 'checklist-start', orderId: A, reason });
    expect(await handleMessage(start('damaged'), fromPage(), platform, SELF)).toEqual({ ok: true });
    await handleMessage(
      { type: 'checklist-tick', orderId: A, itemId: 'photo-item', ticked: true },
      popup,
      platform,
      SELF,
    );
    const before = structuredClone(platform.data.get(`checklist:${A}`));
    expect(before).toMatchObject({ reason: 'damaged', ticks: { 'photo-item': true } });

    // What the page's script made the panel send.
    expect(await handleMessage(start('counterfeit'), fromPage(), platform, SELF)).toEqual({
      error: 'a checklist is already started for this order',
    });
    expect(platform.data.get(`checklist:${A}`)).toEqual(before);
    // The same reason again is harmless and keeps the ticks.
    expect(await handleMessage(start('damaged'), fromPage(), platform, SELF)).toEqual({ ok: true });
    expect(platform.data.get(`checklist:${A}`)).toEqual(before);

    // The buyer, in the popup, may switch reasons (which starts afresh).
    expect(await handleMessage(start('counterfeit'), popup, platform, SELF)).toEqual({ ok: true });
    expect(platform.data.get(`checklist:${A}`)).toMatchObject({ reason: 'counterfeit', ticks: {} });
  });
});
