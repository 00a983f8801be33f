import { describe, expect, it } from 'vitest';
import {
  checklistAsText,
  DISPUTE_REASONS,
  EVIDENCE,
  EVIDENCE_TEXT_EN,
  missingRequired,
} from '../../../src/core/evidence';
import { plainText, translatorFrom } from '../../../src/core/i18n';
import { buildLadder } from '../../../src/core/ladder';
import {
  askExtensionMessage,
  composeMessage,
  MESSAGE_IDS,
  TEMPLATE_TEXT_EN,
} from '../../../src/core/templates';
import { at, realCompletedOrder, snap, stored } from './helpers';

const t = translatorFrom({
  ...EVIDENCE_TEXT_EN,
  ...TEMPLATE_TEXT_EN,
  reason_not_received: 'Not received',
  reason_not_as_described: 'Not as described',
  reason_damaged: 'Damaged',
  reason_wrong_item: 'Wrong item',
  reason_missing_parts: 'Missing parts',
  reason_defective: 'Defective',
  reason_counterfeit: 'Counterfeit',
});
const NOW = at('2026-07-29T15:00:00-03:00');

describe('evidence checklists', () => {
  it('has a list for every reason; optional for "not received", required items for every other', () => {
    for (const reason of DISPUTE_REASONS) {
      const items = EVIDENCE[reason];
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      if (reason === 'not-received') expect(items.every((i) => !i.required)).toBe(true);
      else expect(items.some((i) => i.required)).toBe(true);
    }
  });

  it('asks for what AliExpress asks for', () => {
    const kinds = (reason: (typeof DISPUTE_REASONS)[number]) =>
      EVIDENCE[reason].map((i) => `${i.id}/${i.kind}`);
    expect(kinds('not-received')).toEqual(
      expect.arrayContaining([
        'tracking-aliexpress/screenshot',
        'tracking-local-carrier/screenshot',
        'seller-messages/message',
      ]),
    );
    expect(kinds('not-as-described')).toEqual(
      expect.arrayContaining(['unboxing-video/video', 'listing-side-by-side/screenshot']),
    );
    expect(kinds('wrong-item')).toContain('photo-ruler-size-label/photo');
    expect(kinds('defective')).toContain('video-fault/video');
    expect(kinds('damaged')).toEqual(
      expect.arrayContaining(['photo-outer-packaging/photo', 'photo-damage/photo']),
    );
  });

  it('uses i18n keys, each with an English text', () => {
    for (const reason of DISPUTE_REASONS) {
      expect(EVIDENCE_TEXT_EN[`evidence_title_${reason.replaceAll('-', '_')}`]).toBeTruthy();
      for (const item of EVIDENCE[reason]) {
        expect(item.text).toMatch(/^evidence_item_[a-z_]+$/);
        expect(EVIDENCE_TEXT_EN[item.text], item.text).toBeTruthy();
        expect(EVIDENCE_TEXT_EN[item.why], item.why).toBeTruthy();
      }
    }
    expect(EVIDENCE.damaged.find((i) => i.id === 'unboxing-video')?.text).toBe(
      'evidence_item_unboxing_video',
    );
  });

  it('copies as text with ticks, and says what is still missing', () => {
    const text = checklistAsText('damaged', { 'photo-damage': true }, t);
    expect(text.split('\n')).toEqual([
      'Evidence for "item damaged"',
      '[ ] Photos of the outer packaging before opening (required)',
      '[x] Photos of the damage (required)',
      '[ ] Unboxing video (optional)',
      '[ ] Your messages with the seller (optional)',
    ]);
    expect(missingRequired('damaged', { 'photo-damage': true }).map((i) => i.id)).toEqual([
      'photo-outer-packaging',
    ]);
  });
});

describe('message templates', () => {
  const inTransit = stored(
    snap('detail', NOW, {
      status: 'awaiting-delivery',
      placedOn: '2026-07-15',
      shippedOn: '2026-07-16',
      storeName: 'Best <b>Store</b>',
      totalText: 'R$ 120,50',
      items: [{ title: 'Phone case\nblue' }],
      stated: { protectionEnd: '2026-09-04', estimatedDelivery: '2026-07-25' },
    }),
    snap('tracking', NOW, {
      tracking: { mailNo: 'LP00123456789BR', carrier: 'Correios', delivered: false, events: [] },
    }),
  );
  const view = buildLadder(inTransit, { now: NOW, timeZone: 'America/Sao_Paulo' }).view;
  const facts = [
    'Order: 8212313961591322',
    'Items: Phone case blue',
    'Store: Best b Store /b',
    'Placed on: [2026-07-15]',
    'Shipped on: [2026-07-16]',
    'Tracking number: LP00123456789BR (Correios)',
    'Estimated delivery: [2026-07-25] (4 days ago)',
    'Buyer Protection: [2026-09-04]',
    'Price paid: R$ 120,50',
  ];
  const opts = { formatDate: (d: string) => `[${d}]`, today: '2026-07-29' } as const;

  it('asks the seller to extend the protection, politely, with every fact we know, in plain text', () => {
    const text = askExtensionMessage(view, t, { ...opts, extraDays: 10 });
    expect(text).toBe(
      [
        'Hello Best b Store /b,',
        '',
        'My parcel has not arrived yet, and its Buyer Protection is running out ([2026-09-04]). Could you please extend the protection by 10 days, so that it can still reach me in time?',
        '',
        ...facts,
        '',
        'Thank you.',
      ].join('\n'),
    );
    expect(text).not.toMatch(/[<>]/);
  });

  it('with the tracking read, names the tracking number and the last scan with its date', () => {
    const text = askExtensionMessage(view, t, {
      formatDate: (d) => `[${d}]`,
      tracking: {
        mailNo: 'LP00712345678901',
        lastScanOn: '[2026-08-13]',
        lastScanText: 'Arrived at <customs>',
      },
    });
    expect(text.split('\n')).toEqual([
      'Hello Best b Store /b,',
      '',
      'My parcel has not arrived yet, and its Buyer Protection is running out ([2026-09-04]). Could you please extend the protection by 15 days, so that it can still reach me in time?',
      'Tracking number LP00712345678901: the last scan was on [2026-08-13] (Arrived at customs).',
      '',
      'Order: 8212313961591322',
      'Items: Phone case blue',
      'Store: Best b Store /b',
      'Placed on: [2026-07-15]',
      'Shipped on: [2026-07-16]',
      'Tracking number: LP00123456789BR (Correios)',
      'Estimated delivery: [2026-07-25]',
      'Buyer Protection: [2026-09-04]',
      'Price paid: R$ 120,50',
      '',
      'Thank you.',
    ]);
  });

  it('has every message of the catalogue, each asking for the full amount where money is asked', () => {
    for (const id of MESSAGE_IDS) {
      for (const reason of DISPUTE_REASONS) {
        const text = composeMessage(id, view, t, { ...opts, reason });
        expect(text, `${id}/${reason}`).not.toMatch(/template_|guide_|reason_|\$\d/);
        expect(text.split('\n'), `${id}/${reason}`).toEqual(expect.arrayContaining(facts));
        if (id !== 'extend-protection' && id !== 'decline-return-at-own-cost')
          expect(text, `${id}/${reason}`).toContain('I ask for a full refund (R$ 120,50).');
        expect(text).not.toMatch(/partial refund of|half/i);
      }
    }
  });

  it('opens a dispute for each reason, listing the evidence ticked', () => {
    for (const reason of DISPUTE_REASONS) {
      const text = composeMessage('open-dispute', view, t, { reason });
      expect(text).toContain('I am opening a dispute for this order.');
      expect(text).toContain(t(`template_dispute_reason_${reason.replaceAll('-', '_')}`));
      expect(text).not.toMatch(/[<>]/);
    }
    const withEvidence = composeMessage('open-dispute', view, t, {
      reason: 'not-received',
      ticks: { 'tracking-aliexpress': true },
    });
    expect(withEvidence.split('\n').slice(-5)).toEqual([
      '',
      'Attached:',
      '- Screenshot of the AliExpress tracking page',
      '',
      'Thank you.',
    ]);
  });

  it("declines a partial refund, and a return at the buyer's cost, asking for the full amount", () => {
    const partial = composeMessage('decline-partial-refund', view, t, { ...opts, reason: 'damaged' });
    expect(partial).toContain('I cannot accept a partial refund');
    expect(partial).toContain('I ask for a full refund (R$ 120,50).');
    const ret = composeMessage('decline-return-at-own-cost', view, t, { ...opts, reason: 'wrong-item' });
    expect(ret).toContain('I will not send the item back at my own expense');
    expect(ret).toContain('Please refund the full amount');
  });

  it('writes the escalation to AliExpress and the change of reason after delivery', () => {
    const escalate = composeMessage('escalation-statement', view, t, {
      ...opts,
      reason: 'not-received',
      ticks: { 'tracking-local-carrier': true },
    });
    expect(escalate.split('\n')[0]).toBe('Hello AliExpress team,');
    expect(escalate).toContain('the seller has not resolved it. The parcel has not been delivered to me.');
    expect(escalate).toContain("- Screenshot of your local carrier's tracking");
    const delivered = buildLadder(
      stored(
        ...Object.values(inTransit.reads),
        snap('tracking', NOW, {
          tracking: {
            mailNo: 'LP00123456789BR',
            delivered: true,
            deliveredAt: at('2026-07-27T10:00:00-03:00'),
            events: [{ at: at('2026-07-27T10:00:00-03:00'), code: 'AE_GTMS_SIGNED' }],
          },
        }),
      ),
      { now: NOW, timeZone: 'America/Sao_Paulo' },
    ).view;
    const change = composeMessage('change-reason', delivered, t, {
      ...opts,
      reason: 'not-as-described',
      formatInstant: (ms) => new Date(ms).toISOString().slice(0, 10),
    });
    expect(change).toContain('I am changing the reason of this dispute to "Not as described".');
    expect(change).toContain('Delivered, according to tracking, on: 2026-07-27');
    // Delivered: no longer "late".
    expect(change).toContain('Estimated delivery: [2026-07-25]\n');
  });

  it("fills from a summary's view too: the delivery from its facts, the protection end as its last day", () => {
    const summaryView = {
      orderId: '8212313961591322',
      stated: {
        protectionEnd: { value: '2026-09-04' },
        estimatedDelivery: { value: '2026-07-25' },
      },
      facts: { deliveredAt: at('2026-07-27T10:00:00-03:00') },
    };
    const text = composeMessage('open-dispute', summaryView, t, {
      ...opts,
      reason: 'not-as-described',
      formatEnd: (d) => `last day before ${d}`,
      formatInstant: () => 'Jul 27',
    });
    expect(text).toContain('Delivered, according to tracking, on: Jul 27');
    expect(text).toContain('Buyer Protection: last day before 2026-09-04');
    // Delivered: the estimate is no longer "days ago".
    expect(text).toContain('Estimated delivery: [2026-07-25]\n');
  });

  it('leaves out what it does not know, and says nothing late before the estimate', () => {
    const bare = buildLadder(stored(snap('list', NOW, { status: 'awaiting-shipment' })), {
      now: NOW,
      timeZone: 'UTC',
    }).view;
    expect(askExtensionMessage(bare, t, { today: '2026-07-01' }).split('\n')).toEqual([
      'Hello,',
      '',
      'My parcel has not arrived yet, and its Buyer Protection ends soon. Could you please extend the protection by 15 days, so that it can still reach me in time?',
      '',
      'Order: 8212313961591322',
      '',
      'Thank you.',
    ]);
    expect(askExtensionMessage(view, t, { ...opts, today: '2026-07-20' })).toContain(
      'Estimated delivery: [2026-07-25]\n',
    );
  });

  it('goes through the translate function (UI language)', () => {
    const pt = translatorFrom({
      template_greeting: 'Olá,',
      template_signoff: 'Obrigado.',
      template_extension_body: 'Até $1, +$2 dias',
      template_fact_order: 'Pedido: $1',
      template_fact_protection: 'Fim: $1',
      template_fact_placed: 'Feito: $1',
      template_fact_shipped: 'Enviado: $1',
      template_fact_eta: 'Previsto: $1',
    });
    const completedView = buildLadder(realCompletedOrder(NOW), {
      now: NOW,
      timeZone: 'America/Sao_Paulo',
    }).view;
    expect(askExtensionMessage(completedView, pt)).toBe(
      'Olá,\n\nAté 2026-09-04, +15 dias\n\nPedido: 8212313961591322\nFeito: 2026-07-15\nEnviado: 2026-07-16\nPrevisto: 2026-08-03\nFim: 2026-09-04\n\nObrigado.',
    );
  });

  it('cleans page texts', () => {
    expect(plainText('a\u0000b <script>x</script>   c')).toBe('a b script x /script c');
    expect(plainText('x'.repeat(300), 10)).toHaveLength(10);
  });
});
