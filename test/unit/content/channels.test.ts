/**
 * The page world hands each copy over as one string (src/channels.ts): whatever the API name, URL
 * and body, the isolated side gets exactly those three back, and anything else the page's world
 * could dispatch under our event name is refused, not half-read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packCopy, unpackCopy } from '../../../src/channels';

describe('a page-world copy as one string', () => {
  it('unpacks to the very api, url and body packed, newlines and quotes in them included', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ unit: 'binary' }), (api, url, body) => {
        expect(unpackCopy(packCopy(api, url, body))).toEqual({ api, url, body });
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a packed copy', () => {
    for (const forged of [
      undefined,
      null,
      42,
      { api: 'x', url: 'y', body: '{}' },
      '{}',
      'no head at all',
      '["only-an-api"]\n{}',
      '["a","b","c"]\n{}',
      '[1,"https://acs.aliexpress.com/"]\n{}',
      '{"api":"a","url":"b"}\n{}',
      `${'['.repeat(20_000)}\n{}`,
    ]) {
      expect(unpackCopy(forged)).toBeUndefined();
    }
  });
});
