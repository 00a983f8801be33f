/**
 * The reasons a buyer can open a dispute for, each with its own evidence checklist
 * (core/evidence.ts), in the order the popup and the panel offer them. Zod-free and import-free,
 * so the panel on AliExpress's pages can list them; the store's schema is built on this list.
 */
export const DISPUTE_REASONS = [
  'not-received',
  'not-as-described',
  'damaged',
  'wrong-item',
  'missing-parts',
  'defective',
  'counterfeit',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
