/**
 * The ledger: what the buyer and the reminders have done to each window, kept across runs
 * (storage item `ledger`). Reminders are keyed by reminder id (`${windowId}:${lead}`), windows by
 * window id (`${orderId}:${kind}`). Every change is pure and returns a new ledger; these are the
 * functions the worker runs (messages, notification clicks, the scheduler, backup import).
 */
import { Instant } from './model';
import { z } from './z';

export const ReminderEntry = z.object({
  shownAt: z.optional(Instant),
  snoozedUntil: z.optional(Instant),
});
export const WindowEntry = z.object({ handledAt: z.optional(Instant) });

/**
 * Entries of each kind the ledger may hold (issue #12: a backup carried 260,000). Pruning keeps a
 * real ledger to the windows of live orders, far below this.
 */
export const MAX_LEDGER_ENTRIES = 50_000;
const capped = (record: Readonly<Record<string, unknown>>): boolean => {
  let count = 0;
  for (const _ in record) if (++count > MAX_LEDGER_ENTRIES) return false;
  return true;
};
const LedgerId = z.string().check(z.maxLength(200));
/**
 * An order the buyer hid from the popup: when, and the windows it had then. It shows again as soon
 * as a read gives it a window not in that list (a new chance to act, or to lose money).
 */
export const HiddenEntry = z.object({
  at: Instant,
  windows: z.array(z.string().check(z.maxLength(80))).check(z.maxLength(60)),
});
export type HiddenEntry = z.infer<typeof HiddenEntry>;

export const Ledger = z.object({
  /** Keyed by reminder id. */
  reminders: z._default(
    z.record(LedgerId, ReminderEntry).check(z.refine(capped, `at most ${MAX_LEDGER_ENTRIES} reminders`)),
    () => ({}),
  ),
  /** Keyed by window id. */
  windows: z._default(
    z.record(LedgerId, WindowEntry).check(z.refine(capped, `at most ${MAX_LEDGER_ENTRIES} windows`)),
    () => ({}),
  ),
  /** Keyed by order id: orders hidden from the popup (still in exports, still stored). */
  hidden: z.optional(
    z.record(LedgerId, HiddenEntry).check(z.refine(capped, `at most ${MAX_LEDGER_ENTRIES} hidden orders`)),
  ),
});
export type Ledger = z.output<typeof Ledger>;
export const emptyLedger = (): Ledger => ({ reminders: {}, windows: {} });

/**
 * Days before the close, or the window's opening, or (`at-risk`, on the protection end) the moment
 * the parcel's forecast turned at risk (src/core/at-risk.ts).
 */
export type ReminderLead = number | 'opens' | 'at-risk';

export function reminderId(windowId: string, lead: ReminderLead): string {
  return `${windowId}:${lead}`;
}

/** The window a reminder id belongs to. */
const windowOfReminder = (id: string): string => id.slice(0, id.lastIndexOf(':'));
/** The order a window id belongs to (order ids hold no colon). */
const orderOfWindow = (id: string): string => id.slice(0, id.indexOf(':'));

/** Reminders shown at `now`: never planned again (a snooze brings one back, see `snooze`). */
export function markShown(
  ledger: Ledger,
  reminders: readonly { readonly id: string }[],
  now: number,
): Ledger {
  const next = { ...ledger.reminders };
  for (const r of reminders) next[r.id] = { ...next[r.id], shownAt: now };
  return { ...ledger, reminders: next };
}

/** Marks a window handled (keeping the first time it was) or clears the mark. */
export function setHandled(ledger: Ledger, windowId: string, handled: boolean, now: number): Ledger {
  const windows = { ...ledger.windows };
  if (handled) windows[windowId] = { handledAt: windows[windowId]?.handledAt ?? now };
  else delete windows[windowId];
  return { ...ledger, windows };
}

/**
 * Snoozing a window: each of its reminders (every lead in `leadsDays`, its "opens" notice and its
 * "at-risk" notice) is
 * due again no earlier than `until`, even one already shown (its shown mark is dropped, so "Snooze
 * 1 day" on a notification brings it back). Planning then shows only the most recent passed lead,
 * once.
 */
export function snooze(
  ledger: Ledger,
  windowId: string,
  until: number,
  leadsDays: readonly number[],
): Ledger {
  const reminders = { ...ledger.reminders };
  const leads: ReminderLead[] = [...leadsDays, 'opens', 'at-risk'];
  for (const lead of leads) reminders[reminderId(windowId, lead)] = { snoozedUntil: until };
  return { ...ledger, reminders };
}

/**
 * Drops our own "shown" marks of windows an order no longer has (its status moved on), so the
 * ledger cannot grow forever. The buyer's own marks (handled, snoozed) are never dropped here: a
 * page read decides which windows an order has, and a page may lie (issue #12), so a forged
 * status must not erase what the buyer did; they stay until the buyer changes them or deletes
 * everything. Entries of orders not in `ladders` are kept whole: an order missing from this run
 * (its record set aside after failing its schema, its summary being rebuilt) gets them back.
 */
export function prune(
  ledger: Ledger,
  ladders: ReadonlyMap<string, { readonly windows: readonly { readonly id: string }[] }>,
): Ledger {
  const windowIds = new Set<string>();
  for (const ladder of ladders.values()) for (const w of ladder.windows) windowIds.add(w.id);
  const keep = (windowId: string) => !ladders.has(orderOfWindow(windowId)) || windowIds.has(windowId);
  const reminders: Ledger['reminders'] = {};
  for (const [id, entry] of Object.entries(ledger.reminders)) {
    if (keep(windowOfReminder(id))) reminders[id] = entry;
    else if (entry.snoozedUntil !== undefined) reminders[id] = { snoozedUntil: entry.snoozedUntil };
  }
  // Hidden marks are kept whatever the windows: the mark itself says when the order comes back.
  return ledger.hidden === undefined
    ? { reminders, windows: ledger.windows }
    : { reminders, windows: ledger.windows, hidden: ledger.hidden };
}

/** Backup import: shown and handled marks are kept from either side, the later snooze wins. */
export function mergeLedgers(a: Ledger, b: Ledger): Ledger {
  const reminders = { ...a.reminders };
  for (const [id, entry] of Object.entries(b.reminders)) {
    const mine = reminders[id] ?? {};
    const shownAt = mine.shownAt ?? entry.shownAt;
    const snoozes = [mine.snoozedUntil, entry.snoozedUntil].filter((n): n is number => n !== undefined);
    reminders[id] = {
      ...(shownAt !== undefined ? { shownAt } : {}),
      ...(snoozes.length ? { snoozedUntil: Math.max(...snoozes) } : {}),
    };
  }
  const windows = { ...a.windows };
  for (const [id, entry] of Object.entries(b.windows)) {
    if (windows[id]?.handledAt === undefined && entry.handledAt !== undefined) windows[id] = entry;
  }
  if (a.hidden === undefined && b.hidden === undefined) return { reminders, windows };
  // The later decision on an order wins (hidden again after new windows came, say).
  const hidden = { ...a.hidden };
  for (const [id, entry] of Object.entries(b.hidden ?? {})) {
    if ((hidden[id]?.at ?? -1) < entry.at) hidden[id] = entry;
  }
  return { reminders, windows, hidden };
}

/**
 * Hides an order (remembering its windows now: `windowIds`) or shows it again (`null`). The
 * buyer's own data, set only by a command from our own pages.
 */
export function setHidden(
  ledger: Ledger,
  orderId: string,
  windowIds: readonly string[] | null,
  now: number,
): Ledger {
  const hidden = { ...ledger.hidden };
  if (windowIds === null) delete hidden[orderId];
  else hidden[orderId] = { at: now, windows: [...new Set(windowIds)].slice(0, 60) };
  return { ...ledger, hidden };
}

/** Whether an order is hidden now: marked so, and no window it has was unknown when it was hidden. */
export function isHidden(
  ledger: Pick<Ledger, 'hidden'>,
  order: { readonly orderId: string; readonly windows: readonly { readonly id: string }[] },
): boolean {
  const entry = ledger.hidden?.[order.orderId];
  if (entry === undefined) return false;
  return order.windows.every((w) => entry.windows.includes(w.id));
}

/** Whether the buyer marked a window handled: the test the popup, the badge and planning share. */
export const handledIn =
  (ledger: Ledger) =>
  (windowId: string): boolean =>
    ledger.windows[windowId]?.handledAt !== undefined;
