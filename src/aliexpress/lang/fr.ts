import type { LangTable } from './types';

/** French. Not seen on a real page: every text is the likeliest AliExpress wording. */
export const fr: LangTable = {
  code: 'fr',
  subdomains: ['fr'],
  // not seen on a real page
  statuses: {
    'En attente de paiement': 'awaiting-payment',
    'En cours de traitement': 'processing',
    "En attente d'expédition": 'awaiting-shipment',
    'En attente de livraison': 'awaiting-delivery',
    Terminé: 'completed',
    Terminée: 'completed',
    Fermé: 'closed',
    Fermée: 'closed',
    Annulé: 'closed',
    Annulée: 'closed',
    Expiré: 'closed',
    Expirée: 'closed',
    'Litige en cours': 'dispute-open',
    'Litige terminé': 'dispute-finished',
    'Litige clos': 'dispute-finished',
  },
  months: [
    ['janv', 'janvier'],
    ['févr', 'février', 'fév'],
    ['mars'],
    ['avr', 'avril'],
    ['mai'],
    ['juin'],
    ['juil', 'juillet'],
    ['août'],
    ['sept', 'septembre'],
    ['oct', 'octobre'],
    ['nov', 'novembre'],
    ['déc', 'décembre'],
  ],
  // not seen on a real page
  labels: {
    placedOn: ['Commande passée le', 'Date'],
    paidOn: ['Payée le', 'Payé le'],
    shippedOn: ['Expédition terminée le'],
    completedOn: ['Commande terminée le'],
    orderId: ['N° de commande', 'Numéro de commande', 'ID de commande'],
    total: ['Total'],
  },
  // not seen on a real page
  phrases: {
    protectionEnd: [
      'Remboursement en cas de non-livraison avant le {date}',
      'Remboursement si non livré avant le {date}',
    ],
    couponDelayedBy: ['Demandez un coupon de {coupon} en cas de retard au-delà du {date}'],
    returnDaysAfterReceipt: ['dans les {n} jours suivant la confirmation de réception'],
    disputeDaysAfterOrder: ['dans les {n} jours suivant la passation de la commande'],
    freeReturnDaysAfterDelivery: ['dans les {n} jours suivant la livraison'],
    estimatedDelivery: ['Date de livraison estimée : {date}', 'Livraison estimée : {date}'],
  },
  dayWords: ['jours', 'jour'],
  clues: {
    receipt: ['reception'],
    placed: ['passation', 'commande passee', 'passe la commande'],
    delivery: ['livraison', 'livre'],
    protection: ['non-livraison', 'non livre', 'non livraison', 'pas livre'],
    coupon: ['coupon'],
    estimated: ['estimee'],
  },
};
