import type { LangTable } from './types';

/** Dutch. Not seen on a real page: every text is the likeliest AliExpress wording. */
export const nl: LangTable = {
  code: 'nl',
  subdomains: ['nl'],
  // not seen on a real page
  statuses: {
    'Wachten op betaling': 'awaiting-payment',
    'Wacht op betaling': 'awaiting-payment',
    'In behandeling': 'processing',
    'Wachten op verzending': 'awaiting-shipment',
    'Wacht op verzending': 'awaiting-shipment',
    'Wachten op levering': 'awaiting-delivery',
    'Wacht op levering': 'awaiting-delivery',
    Voltooid: 'completed',
    Gesloten: 'closed',
    Geannuleerd: 'closed',
    Verlopen: 'closed',
    'Geschil in behandeling': 'dispute-open',
    'Geschil afgerond': 'dispute-finished',
  },
  months: [
    ['jan', 'januari'],
    ['feb', 'februari'],
    ['mrt', 'maart'],
    ['apr', 'april'],
    ['mei'],
    ['jun', 'juni'],
    ['jul', 'juli'],
    ['aug', 'augustus'],
    ['sep', 'sept', 'september'],
    ['okt', 'oktober'],
    ['nov', 'november'],
    ['dec', 'december'],
  ],
  // not seen on a real page
  labels: {
    placedOn: ['Bestelling geplaatst op', 'Datum'],
    paidOn: ['Betaald op'],
    shippedOn: ['Verzending voltooid op'],
    completedOn: ['Bestelling voltooid op'],
    orderId: ['Bestelnummer', 'Bestel-ID'],
    total: ['Totaal'],
  },
  // not seen on a real page
  phrases: {
    protectionEnd: [
      'Terugbetaling als niet geleverd vóór {date}',
      'Geld terug bij geen levering vóór {date}',
    ],
    couponDelayedBy: ['Vraag een coupon van {coupon} aan bij vertraging na {date}'],
    returnDaysAfterReceipt: ['binnen {n} dagen na bevestiging van ontvangst'],
    disputeDaysAfterOrder: ['binnen {n} dagen na het plaatsen van de bestelling'],
    freeReturnDaysAfterDelivery: ['binnen {n} dagen na levering'],
    estimatedDelivery: ['Geschatte leverdatum: {date}', 'Verwachte levering: {date}'],
  },
  dayWords: ['dagen', 'dag'],
  clues: {
    receipt: ['ontvangst'],
    placed: ['plaatsen', 'geplaatst'],
    delivery: ['levering', 'geleverd'],
    protection: ['niet geleverd', 'geen levering'],
    coupon: ['coupon', 'kortingsbon'],
    estimated: ['geschatte', 'verwachte'],
  },
};
