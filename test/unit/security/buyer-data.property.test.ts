/**
 * Issue #12's property: over random sequences of page bodies (real, forged, empty, about other
 * orders, oversized), page walls, the panel's checklist button, commands a page tries to send, the
 * buyer's own commands and backup imports (good and bad), the buyer's own data (checklists, notes,
 * handled marks, snoozes, prefs, the buyer's word on an order) changes only through a command from
 * our own extension pages. The
 * one thing a page may do is what the panel's button does: start a checklist where none was.
 * Everything runs through the worker's message handler, as in production.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API } from '../../../src/aliexpress/pages';
import { handleMessage } from '../../../src/background/handlers';
import { backupFile } from '../../../src/core/export';
import { memoryPlatform } from '../../../src/platform/memory';
import { realText } from '../aliexpress/fixtures';

const OWN_ID = 'own-extension-id';
const SELF = { id: OWN_ID, origin: `chrome-extension://${OWN_ID}/` };
const NOW = Date.UTC(2026, 10, 22, 12);
const REAL_ID = '8212313961591322';
const IDS = [REAL_ID, '8212313961591401', '8300000000000001', '8300000000000002'] as const;
const REASONS = ['not-received', 'damaged', 'counterfeit', 'wrong-item'] as const;
const KINDS = ['protection-end', 'dispute-open', 'return-after-receipt', 'free-return'] as const;
const detailUrl = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;
const LIST_URL = 'https://www.aliexpress.com/p/order/index.html';
const popup = { id: OWN_ID, url: `${SELF.origin}src/popup/index.html` };
const options = { id: OWN_ID, url: `${SELF.origin}src/options/index.html`, tab: { id: 9 } };
const tab = (url: string) => ({ id: OWN_ID, url, tab: { id: 3 } });
const REAL_DETAIL = realText('order-detail.completed-br.json');

type Step = { from: 'page' | 'buyer'; sender: object; message: Record<string, unknown>; what: string };

const anyId = fc.constantFrom(...IDS);
const listBody = (ids: readonly string[], status: string) =>
  JSON.stringify({
    api: API.list,
    data: {
      data: Object.fromEntries(
        ids.map((orderId, i) => [
          `o${i}`,
          {
            tag: 'pc_om_list_order',
            fields: {
              orderId,
              statusText: status,
              orderDateText: 'Oct 2, 2026',
              orderLines: [{ itemTitle: 't' }],
            },
          },
        ]),
      ),
    },
  });

const pageStep: fc.Arbitrary<Step> = fc.oneof(
  fc
    .tuple(
      fc.uniqueArray(anyId, { maxLength: 4 }),
      fc.constantFrom('Awaiting delivery', 'Completed', 'Closed', 'Refund'),
    )
    .map(([ids, status]) => ({
      from: 'page' as const,
      sender: tab(LIST_URL),
      what: `list of ${ids.length} (${status})`,
      message: {
        type: 'page-body',
        kind: 'order-list',
        url: LIST_URL,
        api: 'list',
        body: listBody(ids, status),
      },
    })),
  fc.tuple(anyId, anyId).map(([page, about]) => ({
    from: 'page' as const,
    sender: tab(detailUrl(page)),
    what: `detail of ${about} on the page of ${page}`,
    message: {
      type: 'page-body',
      kind: 'order-detail',
      url: detailUrl(page),
      focusOrderId: page,
      api: 'detail',
      body: REAL_DETAIL.replaceAll(REAL_ID, about),
    },
  })),
  fc
    .constantFrom('{}', '[]', 'null', '{"api":"mtop.aliexpress.trade.buyer.order.list","data":{"data":{}}}')
    .map((body) => ({
      from: 'page' as const,
      sender: tab(LIST_URL),
      what: `body ${body}`,
      message: { type: 'page-body', kind: 'order-list', url: LIST_URL, api: 'list', body },
    })),
  anyId.map((id) => ({
    from: 'page' as const,
    sender: tab(detailUrl(id)),
    what: 'a wall',
    message: { type: 'page-unreadable', kind: 'order-detail', url: detailUrl(id), reason: 'captcha' },
  })),
  fc.tuple(anyId, fc.constantFrom(...REASONS)).map(([id, reason]) => ({
    from: 'page' as const,
    sender: tab(detailUrl(id)),
    what: `panel checklist-start ${reason}`,
    message: { type: 'checklist-start', orderId: id, reason },
  })),
  // Commands a page (through our content script) is not allowed to send.
  fc.tuple(anyId, fc.constantFrom(...KINDS)).map(([id, kind]) => ({
    from: 'page' as const,
    sender: tab(detailUrl(id)),
    what: 'page tries commands',
    message: { type: 'set-handled', windowId: `${id}:${kind}`, orderId: id, handled: true },
  })),
  anyId.map((id) => ({
    from: 'page' as const,
    sender: tab(detailUrl(id)),
    what: 'page tries clear',
    message: { type: 'checklist-clear', orderId: id },
  })),
  anyId.map((id) => ({
    from: 'page' as const,
    sender: tab(detailUrl(id)),
    what: 'page tries "return agreed"',
    message: { type: 'set-return-agreed', orderId: id, on: '2026-11-20' },
  })),
);

/** Said of an order, kept in its record: page reads of that order must keep it (drawn as often as a page step). */
const returnAgreed: fc.Arbitrary<Step> = fc
  .tuple(anyId, fc.constantFrom('2026-11-20', '2026-11-22', null))
  .map(([id, on]) => ({
    from: 'buyer' as const,
    sender: popup,
    what: 'return agreed',
    message: { type: 'set-return-agreed', orderId: id, on },
  }));

const buyerStep: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(anyId, fc.string({ maxLength: 20 })).map(([id, text]) => ({
    from: 'buyer' as const,
    sender: popup,
    what: 'note',
    message: { type: 'set-note', orderId: id, text },
  })),
  fc.tuple(anyId, fc.constantFrom(...KINDS), fc.boolean()).map(([id, kind, handled]) => ({
    from: 'buyer' as const,
    sender: popup,
    what: 'handled',
    message: { type: 'set-handled', windowId: `${id}:${kind}`, orderId: id, handled },
  })),
  fc.tuple(anyId, fc.constantFrom(...KINDS)).map(([id, kind]) => ({
    from: 'buyer' as const,
    sender: popup,
    what: 'snooze',
    message: { type: 'snooze', windowId: `${id}:${kind}`, orderId: id, until: NOW + 86_400_000 },
  })),
  fc.tuple(anyId, fc.constantFrom(...REASONS)).map(([id, reason]) => ({
    from: 'buyer' as const,
    sender: popup,
    what: 'checklist',
    message: { type: 'checklist-start', orderId: id, reason },
  })),
  anyId.map((id) => ({
    from: 'buyer' as const,
    sender: popup,
    what: 'tick',
    message: { type: 'checklist-tick', orderId: id, itemId: 'photo-item', ticked: true },
  })),
  fc.boolean().map((badge) => ({
    from: 'buyer' as const,
    sender: options,
    what: 'prefs',
    message: { type: 'set-prefs', prefs: { badge } },
  })),
  fc.tuple(anyId, fc.boolean(), fc.string({ maxLength: 10 })).map(([id, future, text]) => ({
    from: 'buyer' as const,
    sender: options,
    what: future ? 'import from the future' : 'import',
    message: {
      type: 'import-backup',
      backup: backupFile(
        {
          [`note:${id}`]: {
            orderId: id,
            text: `imported ${text}`,
            updatedAt: future ? NOW + 3 * 86_400_000 : NOW - 1,
          },
          prefs: { leadsDays: [5, 1], quietHours: null, kinds: {}, badge: true },
        },
        NOW,
      ),
    },
  })),
);

/**
 * The buyer's own data, as stored: checklists, notes, handled marks, snoozes, prefs, and what the
 * buyer said of an order (kept in its record, which page reads otherwise change).
 */
function buyerData(data: ReadonlyMap<string, unknown>, orders: ReadonlyMap<string, unknown>) {
  const ledger = (data.get('ledger') ?? {}) as {
    reminders?: Record<string, { snoozedUntil?: number }>;
    windows?: Record<string, unknown>;
  };
  const snoozes = Object.fromEntries(
    Object.entries(ledger.reminders ?? {}).flatMap(([id, r]) =>
      r.snoozedUntil === undefined ? [] : [[id, r.snoozedUntil]],
    ),
  );
  const own = [...data].filter(([key]) => key.startsWith('checklist:') || key.startsWith('note:'));
  return {
    items: Object.fromEntries(own.sort(([a], [b]) => a.localeCompare(b))),
    handled: ledger.windows ?? {},
    snoozes,
    prefs: data.get('prefs'),
    said: Object.fromEntries(
      [...orders].flatMap(([id, o]) => {
        const buyer = (o as { buyer?: unknown }).buyer;
        return buyer === undefined ? [] : [[id, buyer]];
      }),
    ),
  };
}

describe('the buyer’s data changes only through our own pages (issue #12)', () => {
  it('holds over random sequences of page bodies, commands and imports', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(pageStep, pageStep, buyerStep, returnAgreed), { minLength: 1, maxLength: 14 }),
        async (steps) => {
          const platform = memoryPlatform({ now: NOW });
          // The buyer has these orders already (the list read them), so their words have a record to live in.
          await handleMessage(
            {
              type: 'page-body',
              kind: 'order-list',
              url: LIST_URL,
              api: 'list',
              body: listBody(IDS, 'Awaiting delivery'),
            },
            tab(LIST_URL),
            platform,
            SELF,
          );
          for (const step of steps) {
            const before = buyerData(platform.data, platform.orderData);
            await handleMessage(step.message, step.sender, platform, SELF);
            if (step.from === 'buyer') continue;
            const after = buyerData(platform.data, platform.orderData);
            const m = step.message as { type: string; orderId?: string };
            if (m.type === 'checklist-start' && m.orderId) {
              // The panel's button may create a checklist where none was, and do nothing else.
              const key = `checklist:${m.orderId}`;
              if (!(key in before.items) && key in after.items) {
                expect(after.items[key], step.what).toMatchObject({ ticks: {} });
                delete (after.items as Record<string, unknown>)[key];
              }
            }
            expect(after, step.what).toEqual(before);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
