import type { LangTable } from './types';

/** Polish. Not seen on a real page: every text is the likeliest AliExpress wording. */
export const pl: LangTable = {
  code: 'pl',
  subdomains: ['pl'],
  // not seen on a real page
  statuses: {
    'Oczekuje na płatność': 'awaiting-payment',
    Przetwarzanie: 'processing',
    'Oczekuje na wysyłkę': 'awaiting-shipment',
    'Oczekuje na dostawę': 'awaiting-delivery',
    Zakończone: 'completed',
    Zamknięte: 'closed',
    Anulowane: 'closed',
    Wygasło: 'closed',
    'Spór w toku': 'dispute-open',
    'Spór zakończony': 'dispute-finished',
  },
  // Polish dates use the genitive ("15 lipca 2026") or a three-letter abbreviation ("15 lip 2026").
  months: [
    ['sty', 'styczeń', 'stycznia'],
    ['lut', 'luty', 'lutego'],
    ['mar', 'marzec', 'marca'],
    ['kwi', 'kwiecień', 'kwietnia'],
    ['maj', 'maja'],
    ['cze', 'czerwiec', 'czerwca'],
    ['lip', 'lipiec', 'lipca'],
    ['sie', 'sierpień', 'sierpnia'],
    ['wrz', 'wrzesień', 'września'],
    ['paź', 'październik', 'października'],
    ['lis', 'listopad', 'listopada'],
    ['gru', 'grudzień', 'grudnia'],
  ],
  // not seen on a real page
  labels: {
    placedOn: ['Zamówienie złożone', 'Data zamówienia', 'Data'],
    paidOn: ['Zapłacono'],
    shippedOn: ['Wysyłka zakończona'],
    completedOn: ['Zamówienie zakończone'],
    orderId: ['Numer zamówienia', 'ID zamówienia', 'Nr zamówienia'],
    total: ['Razem', 'Suma'],
  },
  // not seen on a real page
  phrases: {
    protectionEnd: [
      'Zwrot pieniędzy, jeśli brak dostawy przed {date}',
      'Zwrot pieniędzy w przypadku braku dostawy do {date}',
    ],
    couponDelayedBy: ['Odbierz kupon {coupon}, jeśli dostawa opóźni się po {date}'],
    returnDaysAfterReceipt: ['w ciągu {n} dni od potwierdzenia odbioru'],
    disputeDaysAfterOrder: ['w ciągu {n} dni od złożenia zamówienia'],
    freeReturnDaysAfterDelivery: ['w ciągu {n} dni od dostawy'],
    estimatedDelivery: ['Szacowana data dostawy: {date}', 'Przewidywana dostawa: {date}'],
  },
  dayWords: ['dni', 'dzień'],
  clues: {
    receipt: ['odbioru', 'otrzymania'],
    placed: ['zlozenia', 'zamowienia'],
    delivery: ['dostawy', 'doreczenia'],
    protection: ['braku dostawy', 'brak dostawy'],
    coupon: ['kupon'],
    estimated: ['szacowana', 'przewidywana'],
  },
};
