import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNED_CODES, stageOf } from '../../../src/aliexpress/tracking-stages';
import { TrackingStage } from '../../../src/core/model';

describe('tracking stages by code', () => {
  it.each([
    ['AE_ORDER_PLACED', 'ordered'],
    ['AE_ORDER_PAID', 'ordered'],
    ['AE_GWMS_ACCEPT', 'warehouse'],
    ['AE_GWMS_OUTBOUND', 'warehouse'],
    ['AE_GOT', 'line-haul'],
    ['AE_LH_DEPART', 'line-haul'],
    ['AE_LH_ARRIVE', 'line-haul'],
    ['AE_CC_IM_SUCCESS', 'customs'],
    ['AE_CC_DONE', 'customs'],
    ['AE_LAST_MILE_OUT', 'last-mile'],
    ['AE_LAST_MILE_ARRIVE', 'last-mile'],
    ['AE_GTMS_SIGNED', 'delivered'],
    ['AE_SIGNED', 'delivered'],
    ['AE_LAST_MILE_SIGNED', 'delivered'],
  ] as const)('%s is %s', (code, stage) => {
    expect(stageOf(code, undefined)).toBe(stage);
    // The code decides even when the text says something else.
    expect(stageOf(code, 'Arrived at customs')).toBe(stage);
  });

  it('puts every code of a family in its stage, whatever follows the prefix', () => {
    const families: [string, TrackingStage][] = [
      ['AE_GWMS_', 'warehouse'],
      ['AE_LH_', 'line-haul'],
      ['AE_CC_', 'customs'],
      ['AE_LAST_MILE_', 'last-mile'],
      ['AE_ORDER_', 'ordered'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...families),
        fc.stringMatching(/^[A-Z0-9_]{0,12}$/),
        ([prefix, stage], rest) => {
          const code = prefix + rest;
          fc.pre(!SIGNED_CODES.has(code));
          expect(stageOf(code, undefined)).toBe(stage);
        },
      ),
    );
  });

  it('always answers one of the stages, for any code and text', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (code, text) => {
        expect(TrackingStage.options).toContain(stageOf(code ?? undefined, text ?? undefined));
      }),
    );
  });
});

describe('tracking stages of an unknown code, by its text', () => {
  it.each([
    ['Arrived at customs', 'customs'],
    ['Liberado pela alfândega', 'customs'],
    ['Verzollung abgeschlossen beim Zoll', 'customs'],
    ['Odprawa celna zakończona', 'customs'],
    ['Out for delivery', 'last-mile'],
    ['Saiu para entrega ao destinatário', 'last-mile'],
    ['En cours de livraison', 'last-mile'],
    ['Delivered, signed by the recipient', 'delivered'],
    ['Entregado', 'delivered'],
    ['Paket wurde zugestellt', 'delivered'],
    ['Departed from departure country/region', 'line-haul'],
    ['Arrived at destination airport', 'line-haul'],
    ['Order has left the warehouse', 'warehouse'],
    ['Order placed', 'ordered'],
  ] as const)('"%s" is %s', (text, stage) => {
    expect(stageOf('XX_NEW_CODE', text)).toBe(stage);
    expect(stageOf(undefined, text)).toBe(stage);
  });

  it('is unknown when neither the code nor the text says', () => {
    expect(stageOf('XX_NEW_CODE', 'Status update 7')).toBe('unknown');
    expect(stageOf(undefined, undefined)).toBe('unknown');
  });
});
