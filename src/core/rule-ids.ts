/**
 * The rules' ids (src/core/rules.ts holds the rules themselves): stored summaries name the rule a
 * window was counted by, and their schema needs only the names, not the table with its texts.
 * test/unit/core/rules.test.ts checks that every id has its rule.
 */
export const RULE_IDS = [
  'protection-after-shipment',
  'protection-after-shipment-economy',
  'dispute-opens-after-shipment',
  'dispute-opens-fast-delivery',
  'late-coupon-claimable',
  'return-after-receipt',
  'free-return-after-delivery',
  'not-as-described-after-order',
  'seller-response',
  'escalation-opens',
  'escalation-closes',
  'auto-escalation',
  'change-reason-after-delivered',
  'ship-return-after-agreed',
  'ask-extension-lead',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
