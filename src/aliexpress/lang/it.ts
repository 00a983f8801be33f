import type { LangTable } from './types';

/** Italian. Not seen on a real page: every text is the likeliest AliExpress wording. */
export const it: LangTable = {
  code: 'it',
  subdomains: ['it'],
  // not seen on a real page
  statuses: {
    'In attesa di pagamento': 'awaiting-payment',
    'In elaborazione': 'processing',
    'In attesa di spedizione': 'awaiting-shipment',
    'In attesa di consegna': 'awaiting-delivery',
    Completato: 'completed',
    Completo: 'completed',
    Chiuso: 'closed',
    Annullato: 'closed',
    Scaduto: 'closed',
    'Controversia in corso': 'dispute-open',
    'Controversia conclusa': 'dispute-finished',
  },
  months: [
    ['gen', 'gennaio'],
    ['feb', 'febbraio'],
    ['mar', 'marzo'],
    ['apr', 'aprile'],
    ['mag', 'maggio'],
    ['giu', 'giugno'],
    ['lug', 'luglio'],
    ['ago', 'agosto'],
    ['set', 'settembre'],
    ['ott', 'ottobre'],
    ['nov', 'novembre'],
    ['dic', 'dicembre'],
  ],
  // not seen on a real page
  labels: {
    placedOn: ['Ordine effettuato il', 'Data'],
    paidOn: ['Pagato il'],
    shippedOn: ['Spedizione completata il'],
    completedOn: ['Ordine completato il'],
    orderId: ["ID dell'ordine", 'ID ordine', 'Numero ordine'],
    total: ['Totale'],
  },
  // not seen on a real page
  phrases: {
    protectionEnd: [
      'Rimborso se non consegnato entro il {date}',
      'Rimborso in caso di mancata consegna entro il {date}',
    ],
    couponDelayedBy: ['Richiedi un coupon da {coupon} in caso di ritardo oltre il {date}'],
    returnDaysAfterReceipt: ['entro {n} giorni dalla conferma di ricezione'],
    disputeDaysAfterOrder: ["entro {n} giorni dall'effettuazione dell'ordine"],
    freeReturnDaysAfterDelivery: ['entro {n} giorni dalla consegna'],
    estimatedDelivery: ['Data di consegna stimata: {date}', 'Consegna stimata: {date}'],
  },
  dayWords: ['giorni', 'giorno'],
  clues: {
    receipt: ['ricezione', 'ricevimento'],
    placed: ['ordine'],
    delivery: ['consegna'],
    protection: ['mancata consegna', 'non consegnato'],
    coupon: ['coupon'],
    estimated: ['stimata'],
  },
};
