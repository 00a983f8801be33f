/**
 * The worker keeps an anonymised sample of a body it could read only in part (or not at all), in
 * storage.session only, a few per page kind, for a day at most, and drops them on "Delete all".
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/background/handlers';
import type { PageReadReply } from '../../../src/messages';
import { memoryPlatform } from '../../../src/platform/memory';
import { loadSamples, SAMPLE_TTL_MS, SAMPLES_KEY, SAMPLES_PER_KIND } from '../../../src/store/samples';
import { leaks } from '../aliexpress/anonymity';
import { realDetailBody, realText } from '../aliexpress/fixtures';
import { POPUP, SELF } from './helpers';

const URL_ = 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322';
const tab = { id: SELF.id, url: URL_, tab: { id: 7 } };

/** The real detail capture, its dates gone from the info block. */
function withoutDates(): Record<string, unknown> {
  const body = structuredClone(realDetailBody()) as {
    data: { data: Record<string, { tag: string; fields: Record<string, unknown> }> };
  };
  for (const component of Object.values(body.data.data)) {
    if (component.tag !== 'detail_simple_order_info_component') continue;
    for (const name of ['orderCreatTime', 'payTime', 'orderShipTime', 'orderEndTime'])
      delete component.fields[name];
  }
  return body;
}

const pageBody = (body: string, url = URL_) => ({
  type: 'page-body',
  kind: 'order-detail',
  url,
  api: 'mtop.aliexpress.trade.buyer.order.detail',
  body,
});

describe('samples of pages not read in full', () => {
  it('a detail body without its dates: partly read, the dates named, one anonymised sample kept in the session', async () => {
    const platform = memoryPlatform();
    const original = withoutDates();
    const reply = (await handleMessage(
      pageBody(JSON.stringify(original)),
      tab,
      platform,
      SELF,
    )) as PageReadReply;
    expect(reply).toMatchObject({ stored: 1, usable: true, state: 'partly', effects: ['dates'] });
    const samples = await loadSamples(platform.session, platform.now());
    expect(samples).toHaveLength(1);
    const sample = samples[0];
    expect(sample?.state).toBe('partly');
    expect(leaks(original, sample?.text ?? '')).toEqual([]);
    expect(sample?.text).toContain('"where": "placedOn"');
    expect(sample?.text).not.toContain('8212313961591322');
    // Nothing of it in storage.local (which sync and backups draw from).
    expect(JSON.stringify([...platform.data.values()])).not.toContain('protection-clock-sample');
  });

  it('keeps nothing for a page read in full, nor for an error answer', async () => {
    const platform = memoryPlatform();
    await handleMessage(pageBody(realText('order-detail.completed-br.json')), tab, platform, SELF);
    await handleMessage(
      pageBody('{"ret":["FAIL_SYS_SESSION_EXPIRED::expired"],"data":{}}'),
      tab,
      platform,
      SELF,
    );
    expect(await loadSamples(platform.session, platform.now())).toEqual([]);
  });

  it(`keeps at most ${SAMPLES_PER_KIND} per page kind, the newest, and none older than a day`, async () => {
    const platform = memoryPlatform();
    for (let i = 0; i < SAMPLES_PER_KIND + 2; i++) {
      const body = withoutDates();
      (body as { v: string }).v = `1.${i}`;
      await handleMessage(pageBody(JSON.stringify(body)), tab, platform, SELF);
      platform.advance(60_000);
    }
    const kept = await loadSamples(platform.session, platform.now());
    expect(kept).toHaveLength(SAMPLES_PER_KIND);
    expect(kept[0]?.text).toContain(`"v": "1.${SAMPLES_PER_KIND + 1}"`);
    platform.advance(SAMPLE_TTL_MS);
    expect(await loadSamples(platform.session, platform.now())).toEqual([]);
  });

  it('"Delete all" deletes them', async () => {
    const platform = memoryPlatform();
    await handleMessage(pageBody(JSON.stringify(withoutDates())), tab, platform, SELF);
    expect(platform.sessionData.get(SAMPLES_KEY)).toBeDefined();
    await handleMessage({ type: 'delete-all', confirm: true }, POPUP, platform, SELF);
    expect(platform.sessionData.get(SAMPLES_KEY)).toBeUndefined();
  });
});
