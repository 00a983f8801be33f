import type { LangTable } from './types';

/** English: every status and the window phrases were seen on real pages (notes, captures). */
export const en: LangTable = {
  code: 'en',
  subdomains: ['www', 'm'],
  statuses: {
    'Awaiting payment': 'awaiting-payment',
    'To pay': 'awaiting-payment',
    Processing: 'processing',
    'Awaiting shipment': 'awaiting-shipment',
    'To ship': 'awaiting-shipment', // not seen on a real page
    'Awaiting delivery': 'awaiting-delivery',
    Shipped: 'awaiting-delivery', // not seen on a real page
    Completed: 'completed',
    Closed: 'closed',
    Canceled: 'closed',
    Cancelled: 'closed', // not seen on a real page (British spelling)
    Expired: 'closed',
    'Dispute in progress': 'dispute-open',
    'Dispute finished': 'dispute-finished',
  },
  months: [
    ['Jan', 'January'],
    ['Feb', 'February'],
    ['Mar', 'March'],
    ['Apr', 'April'],
    ['May'],
    ['Jun', 'June'],
    ['Jul', 'July'],
    ['Aug', 'August'],
    ['Sep', 'Sept', 'September'],
    ['Oct', 'October'],
    ['Nov', 'November'],
    ['Dec', 'December'],
  ],
  labels: {
    placedOn: ['Order placed on', 'Order date', 'Date'],
    paidOn: ['Paid on'],
    shippedOn: ['Shipment completed on'],
    completedOn: ['Order completed on'],
    orderId: ['Order ID', 'Ref. Number', 'Order number'],
    total: ['Total'],
  },
  phrases: {
    protectionEnd: ['Refund if no delivery before {date}'],
    couponDelayedBy: [
      'Apply for {coupon} coupon code if delayed by {date}',
      'If delivered after {date} you can collect a {coupon} coupon',
    ],
    returnDaysAfterReceipt: ['within {n} days of confirming receipt'],
    disputeDaysAfterOrder: ['within {n} days after order was placed'],
    freeReturnDaysAfterDelivery: ['within {n} days after delivery'],
    estimatedDelivery: ['Estimated delivery date: {date}', 'Estimated delivery: {date}'],
  },
  dayWords: ['days', 'day'],
  clues: {
    receipt: ['receipt', 'confirming'],
    placed: ['placed'],
    delivery: ['delivery', 'delivered'],
    protection: ['no delivery'],
    coupon: ['coupon'],
    estimated: ['estimated'],
  },
};
