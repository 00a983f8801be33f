/**
 * The backup file is core/export.ts's envelope: `{ format, version, exportedAt, items }`, where
 * `items` are the stored items keyed as they are stored (`order:<id>`, `checklist:<id>`, `note:<id>`,
 * `prefs`, `ledger`, `meta`). So the file never drifts from the store: an import migrates the items
 * from the file's `meta.schemaVersion` with the store's own migrations, then validates every item
 * with its declared schema (./items.ts) before any write. A bad file changes nothing.
 */
import type { BackupFile } from '../core/export';

export type Backup = BackupFile;

/** Keys a backup carries; parser health and set-aside records stay behind. */
export const BACKUP_ITEMS = ['orders', 'checklists', 'notes', 'prefs', 'ledger', 'meta'] as const;

export interface ImportSummary {
  ok: boolean;
  ordersAdded: number;
  ordersUpdated: number;
  ordersUnchanged: number;
  checklists: number;
  notes: number;
  ledgerEntries: number;
  prefs: boolean;
  /** Why the file was refused (then nothing was changed), or orders left alone; empty when all went in. */
  errors: string[];
}
