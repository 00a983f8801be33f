/**
 * The sync doc as this browser keeps it between steps (storage.local `sync`), checked when read.
 * Apart from src/core/sync.ts so that the faces, which read the store's items, do not carry the
 * merging and packing code.
 */
import { STAGES } from './journey';
import { WINDOW_BASES, WINDOW_KINDS } from './windows';
import { z } from './z';

/** Longest title kept in the synced index: enough to recognise the order in a list. */
export const SYNC_TITLE_MAX = 32;
export const SYNC_NOTE_MAX = 5_000;

const stamped = <T extends z.core.SomeType>(v: T) => z.object({ v, at: z.number() });
const Window = z.object({
  kind: z.enum(WINDOW_KINDS),
  opensAt: z.nullable(z.number()),
  closesAt: z.nullable(z.number()),
  stated: z.boolean(),
  src: z.string().check(z.maxLength(80)),
  basis: z.enum(WINDOW_BASES),
});
/** The doc as this browser keeps it between steps (storage.local `sync`), checked when read. */
export const StoredSyncDoc = z.object({
  prefs: z.optional(stamped(z.unknown())),
  handled: z.record(z.string(), stamped(z.boolean())),
  reminders: z.record(
    z.string(),
    stamped(z.nullable(z.object({ shownAt: z.optional(z.number()), snoozedUntil: z.optional(z.number()) }))),
  ),
  checklists: z.record(
    z.string(),
    z.object({
      reason: stamped(z.string().check(z.maxLength(40))),
      createdAt: z.number(),
      ticks: z.record(z.string(), stamped(z.boolean())),
    }),
  ),
  notes: z.record(z.string(), stamped(z.nullable(z.string().check(z.maxLength(SYNC_NOTE_MAX))))),
  orders: z.record(
    z.string(),
    z.object({
      title: z.string().check(z.maxLength(SYNC_TITLE_MAX)),
      stage: z.enum(STAGES),
      at: z.number(),
      windows: z.array(Window).check(z.maxLength(20)),
    }),
  ),
});
