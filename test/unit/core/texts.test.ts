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
import { askExtensionMessage, disputeMessage, TEMPLATE_TEXT_EN } from '../../../src/core/templates';
import { at, realCompletedOrder, snap, stored } from './helpers';

const t = translatorFrom({ ...EVIDENCE_TEXT_EN, ...TEMPLATE_TEXT_EN });
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
      items: [{ title: 'Phone case\nblue' }],
      stated: { protectionEnd: '2026-09-04' },
    }),
  );
  const view = buildLadder(inTransit, { now: NOW, timeZone: 'America/Sao_Paulo' }).view;

  it('asks the seller to extend the protection, in plain text', () => {
    const text = askExtensionMessage(view, t, { formatDate: (d) => `[${d}]`, extraDays: 10 });
    expect(text).toBe(
      [
        'Hello Best b Store /b,',
        '',
        'My order 8212313961591322 has not arrived yet, and its buyer protection ends on [2026-09-04]. Could you please extend the protection by 10 days so that I can receive the parcel before it ends?',
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
      'My order 8212313961591322 has not arrived yet, and its buyer protection ends on [2026-09-04]. Could you please extend the protection by 15 days so that I can receive the parcel before it ends?',
      'Tracking number LP00712345678901: the last scan was on [2026-08-13] (Arrived at customs).',
      '',
      'Thank you.',
    ]);
  });

  it('opens a dispute for each reason, listing the evidence ticked', () => {
    for (const reason of DISPUTE_REASONS) {
      const text = disputeMessage(reason, view, t);
      expect(text).toContain(
        'I am opening a dispute for order 8212313961591322 (Phone case blue), placed on 2026-07-15.',
      );
      expect(text).not.toContain('template_');
      expect(text).not.toMatch(/[<>]/);
    }
    const withEvidence = disputeMessage('not-received', view, t, { ticks: { 'tracking-aliexpress': true } });
    expect(withEvidence.split('\n').slice(-2)).toEqual([
      'Attached:',
      '- Screenshot of the AliExpress tracking page',
    ]);
  });

  it('goes through the translate function (UI language)', () => {
    const pt = translatorFrom({
      template_greeting: 'Olá,',
      template_signoff: 'Obrigado.',
      template_extension_body: 'Pedido $1 até $2, +$3 dias',
    });
    const completedView = buildLadder(realCompletedOrder(NOW), {
      now: NOW,
      timeZone: 'America/Sao_Paulo',
    }).view;
    expect(askExtensionMessage(completedView, pt)).toBe(
      'Olá,\n\nPedido 8212313961591322 até 2026-09-04, +15 dias\n\nObrigado.',
    );
  });

  it('cleans page texts', () => {
    expect(plainText('a\u0000b <script>x</script>   c')).toBe('a b script x /script c');
    expect(plainText('x'.repeat(300), 10)).toHaveLength(10);
  });
});
