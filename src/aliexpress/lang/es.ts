import type { LangTable } from './types';

/** Spanish. Seen: "Esperando entrega", "Pedido efectuado el: 14 ene, 2025", "Nº de pedido:". */
export const es: LangTable = {
  code: 'es',
  subdomains: ['es'],
  statuses: {
    'Esperando pago': 'awaiting-payment', // not seen on a real page
    Procesando: 'processing', // not seen on a real page
    'Esperando envío': 'awaiting-shipment', // not seen on a real page
    'Esperando entrega': 'awaiting-delivery',
    Completado: 'completed', // not seen on a real page
    Finalizado: 'completed', // not seen on a real page
    Cerrado: 'closed', // not seen on a real page
    Cancelado: 'closed', // not seen on a real page
    Caducado: 'closed', // not seen on a real page
    'Disputa en curso': 'dispute-open', // not seen on a real page
    'Disputa finalizada': 'dispute-finished', // not seen on a real page
  },
  months: [
    ['ene', 'enero'],
    ['feb', 'febrero'],
    ['mar', 'marzo'],
    ['abr', 'abril'],
    ['may', 'mayo'],
    ['jun', 'junio'],
    ['jul', 'julio'],
    ['ago', 'agosto'],
    ['sep', 'sept', 'septiembre', 'set', 'setiembre'],
    ['oct', 'octubre'],
    ['nov', 'noviembre'],
    ['dic', 'diciembre'],
  ],
  labels: {
    placedOn: ['Pedido efectuado el', 'Fecha'],
    paidOn: ['Pagado el'], // not seen on a real page
    shippedOn: ['Envío completado el'], // not seen on a real page
    completedOn: ['Pedido completado el'], // not seen on a real page
    orderId: ['Nº de pedido', 'N.º de pedido', 'ID del pedido'],
    total: ['Total'], // not seen on a real page
  },
  // not seen on a real page: the whole block below is the likeliest wording.
  phrases: {
    protectionEnd: [
      'Reembolso si no se entrega antes del {date}',
      'Reembolso si no hay entrega antes del {date}',
    ],
    couponDelayedBy: ['Solicita un cupón de {coupon} si se retrasa más allá del {date}'],
    returnDaysAfterReceipt: ['en un plazo de {n} días tras confirmar la recepción'],
    disputeDaysAfterOrder: ['en un plazo de {n} días después de realizar el pedido'],
    freeReturnDaysAfterDelivery: ['en un plazo de {n} días después de la entrega'],
    estimatedDelivery: ['Fecha de entrega estimada: {date}', 'Entrega estimada: {date}'],
  },
  dayWords: ['días', 'día'],
  clues: {
    receipt: ['recepcion', 'recibido'],
    placed: ['realizar el pedido', 'pedido realizado', 'efectuado'],
    delivery: ['entrega'],
    protection: ['reembolso si no'],
    coupon: ['cupon'],
    estimated: ['estimada'],
  },
};
