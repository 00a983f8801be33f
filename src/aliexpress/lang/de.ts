import type { LangTable } from './types';

/** German. Seen: "Wartet auf Lieferung"; everything else is the likeliest wording. */
export const de: LangTable = {
  code: 'de',
  subdomains: ['de'],
  statuses: {
    'Wartet auf Zahlung': 'awaiting-payment', // not seen on a real page
    'In Bearbeitung': 'processing', // not seen on a real page
    'Wartet auf Versand': 'awaiting-shipment', // not seen on a real page
    'Wartet auf Lieferung': 'awaiting-delivery',
    Abgeschlossen: 'completed', // not seen on a real page
    Geschlossen: 'closed', // not seen on a real page
    Storniert: 'closed', // not seen on a real page
    Abgelaufen: 'closed', // not seen on a real page
    'Streitfall läuft': 'dispute-open', // not seen on a real page
    'Streitfall abgeschlossen': 'dispute-finished', // not seen on a real page
  },
  months: [
    ['Jan', 'Januar', 'Jän', 'Jänner'],
    ['Feb', 'Februar'],
    ['März', 'Mär', 'Mrz'],
    ['Apr', 'April'],
    ['Mai'],
    ['Juni', 'Jun'],
    ['Juli', 'Jul'],
    ['Aug', 'August'],
    ['Sept', 'Sep', 'September'],
    ['Okt', 'Oktober'],
    ['Nov', 'November'],
    ['Dez', 'Dezember'],
  ],
  // not seen on a real page
  labels: {
    placedOn: ['Bestellung aufgegeben am', 'Bestelldatum', 'Datum'],
    paidOn: ['Bezahlt am'],
    shippedOn: ['Versand abgeschlossen am'],
    completedOn: ['Bestellung abgeschlossen am'],
    orderId: ['Bestellnummer', 'Bestell-ID'],
    total: ['Gesamt', 'Gesamtsumme'],
  },
  // not seen on a real page
  phrases: {
    protectionEnd: [
      'Rückerstattung bei Nichtlieferung bis {date}',
      'Erstattung, wenn keine Lieferung bis {date}',
    ],
    couponDelayedBy: ['Fordere einen {coupon} Gutschein an, wenn die Lieferung nach dem {date} erfolgt'],
    returnDaysAfterReceipt: ['innerhalb von {n} Tagen nach Bestätigung des Erhalts'],
    disputeDaysAfterOrder: ['innerhalb von {n} Tagen nach Aufgabe der Bestellung'],
    freeReturnDaysAfterDelivery: ['innerhalb von {n} Tagen nach der Lieferung'],
    estimatedDelivery: ['Voraussichtliches Lieferdatum: {date}', 'Voraussichtliche Lieferung: {date}'],
  },
  dayWords: ['Tagen', 'Tage', 'Tag'],
  clues: {
    receipt: ['erhalt', 'empfang'],
    placed: ['bestellung', 'aufgegeben'],
    delivery: ['lieferung', 'zustellung'],
    protection: ['nichtlieferung', 'keine lieferung'],
    coupon: ['gutschein', 'coupon'],
    estimated: ['voraussichtlich'],
  },
};
