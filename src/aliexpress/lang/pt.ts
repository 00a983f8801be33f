import type { LangTable } from './types';

/** Portuguese as served to Brazil (pt-BR). Statuses and "Pedido feito em" are seen (notes). */
export const pt: LangTable = {
  code: 'pt',
  subdomains: ['pt', 'br'],
  statuses: {
    'Aguardando pagamento': 'awaiting-payment',
    Processando: 'processing',
    'Aguardando envio': 'awaiting-shipment', // not seen on a real page
    'Aguardando a entrega': 'awaiting-delivery',
    'Aguardando entrega': 'awaiting-delivery', // not seen on a real page
    Concluído: 'completed', // served as "Concluído " with a trailing space
    Fechado: 'closed', // not seen on a real page
    Cancelado: 'closed',
    Expirado: 'closed',
    'Disputa em andamento': 'dispute-open',
    'Disputa concluída': 'dispute-finished', // not seen on a real page
    'Disputa encerrada': 'dispute-finished', // not seen on a real page
  },
  months: [
    ['jan', 'janeiro'],
    ['fev', 'fevereiro'],
    ['mar', 'março'],
    ['abr', 'abril'],
    ['mai', 'maio'],
    ['jun', 'junho'],
    ['jul', 'julho'],
    ['ago', 'agosto'],
    ['set', 'setembro'],
    ['out', 'outubro'],
    ['nov', 'novembro'],
    ['dez', 'dezembro'],
  ],
  labels: {
    placedOn: ['Pedido feito em', 'Data'],
    paidOn: ['Pago em'], // not seen on a real page
    shippedOn: ['Envio concluído em'], // not seen on a real page
    completedOn: ['Pedido concluído em'], // not seen on a real page
    orderId: ['Nº do pedido', 'ID do pedido', 'Número do pedido'], // not seen on a real page
    total: ['Total'], // not seen on a real page
  },
  // not seen on a real page: the whole block below is the likeliest wording.
  phrases: {
    protectionEnd: ['Reembolso se não houver entrega até {date}', 'Reembolso se não for entregue até {date}'],
    couponDelayedBy: ['Solicite um cupom de {coupon} se atrasar até {date}'],
    returnDaysAfterReceipt: ['dentro de {n} dias após confirmar o recebimento'],
    disputeDaysAfterOrder: ['dentro de {n} dias após a realização do pedido'],
    freeReturnDaysAfterDelivery: ['dentro de {n} dias após a entrega'],
    estimatedDelivery: ['Data de entrega estimada: {date}', 'Entrega estimada: {date}'],
  },
  dayWords: ['dias', 'dia'],
  clues: {
    receipt: ['recebimento', 'confirmar'],
    placed: ['realização do pedido', 'pedido feito', 'feito o pedido'],
    delivery: ['entrega'],
    protection: ['reembolso se nao'],
    coupon: ['cupom'],
    estimated: ['estimada'],
  },
};
