/**
 * What leaves the extension as a file, built purely from data passed in (no browser API):
 * - a full backup (JSON): an envelope around the stored items, keyed as they are stored, so the
 *   backup never drifts from the store's own schemas (the importer validates every item with them);
 * - the orders and their windows as CSV (one row per window, machine-readable codes);
 * - the deadlines as an iCalendar file (RFC 5545) that calendar apps import.
 *
 * Why no calendar library: the `ics` package pulls in `yup` (schema validation) and `nanoid` for
 * what is about 80 lines here; the output is checked by a real parser (ical.js) in the unit tests.
 * Times are written in UTC (`...Z`), so the file needs no VTIMEZONE and every calendar shows the
 * deadline in its own zone at the right instant.
 */
import type { Translate } from './i18n';
import { plainText } from './i18n';
import { journey } from './journey';
import { type DeadlineWindow, windowState } from './ladder';
import { lastDayOf } from './last-day';
import type { LadderLike } from './summary';
import { z } from './z';

// ---------------------------------------------------------------------------------------------
// Backup

export const BACKUP_FORMAT = 'protection-clock-backup';
export const BACKUP_VERSION = 1;
/**
 * 64 MB. Orders live in IndexedDB, not within storage.local's 10 MB: a backup of 10,000 realistic
 * orders (issue #5's mark) is about 37 MB of JSON, so the cap leaves room above that while still
 * refusing what cannot be one of ours before parsing it.
 */
export const MAX_BACKUP_CHARS = 64_000_000;

export const BackupFile = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().check(z.int(), z.positive()),
  exportedAt: z.number(),
  /** Stored items as they are in storage.local, by key (`order:…`, `prefs`, …). */
  items: z.record(z.string().check(z.maxLength(200)), z.unknown()),
});
export type BackupFile = z.infer<typeof BackupFile>;

export function backupFile(items: Readonly<Record<string, unknown>>, now: number): BackupFile {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, items: { ...items } };
}

export type BackupParse =
  | { ok: true; backup: BackupFile }
  | { ok: false; reason: 'too-large' | 'not-json' | 'not-a-backup' | 'newer-version' };

/** Reads a backup file's text. Says why it refuses; a refused file must change nothing. */
export function parseBackupText(text: string): BackupParse {
  if (text.length > MAX_BACKUP_CHARS) return { ok: false, reason: 'too-large' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const parsed = z.safeParse(BackupFile, raw);
  if (!parsed.success) return { ok: false, reason: 'not-a-backup' };
  if (parsed.data.version > BACKUP_VERSION) return { ok: false, reason: 'newer-version' };
  return { ok: true, backup: parsed.data };
}

// ---------------------------------------------------------------------------------------------
// CSV

export const CSV_COLUMNS = [
  'order_id',
  'item',
  'store',
  'status',
  'placed_on',
  'window',
  'action',
  'opens_at',
  'closes_at',
  'state',
  'confidence',
  'loses_money',
  'handled',
  // The order's journey (src/core/journey.ts), the same on every row of the order: its stage, its
  // next step, and whether this row's window is that step's deadline, with the last day to act.
  'stage',
  'next_step',
  'is_next_deadline',
  'last_day',
] as const;

/** What makes a spreadsheet cell a formula when it starts it (after spaces or an opening quote). */
const FORMULA_START = /^[ "]*[=+\-@\t\r]/;
/**
 * A separator a spreadsheet may split on (`,` in RFC 4180, `;` in Excel in most of our locales, a
 * line break anywhere), then what the cell after it would start with: spaces and quotes, which
 * Excel strips or reads as the quoting of that cell, then a formula start.
 */
const FORMULA_AFTER_SEPARATOR = /([,;\r\n])([ "]*[=+\-@\t\r])/g;

/**
 * One field. Page text is untrusted, and a cell that starts with `=`, `+`, `-`, `@`, tab or CR is
 * run as a formula (CSV injection). Quoting is not enough: Excel in five of our six UI languages
 * splits on `;`, and a quote only counts at the start of a cell, so `a;=cmd` inside a quoted field
 * is a cell of its own there. We cannot know the buyer's separator, so every place a cell could
 * start, under either split, gets an apostrophe before a formula start: the field's start and
 * after every `,` or `;` inside it. The apostrophe shows; a formula never runs.
 */
export function csvField(value: string): string {
  const inner = value.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  const safe = FORMULA_START.test(inner) ? `'${inner}` : inner;
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const iso = (t: number | null): string => (t === null ? '' : new Date(t).toISOString());

export interface ExportContext {
  readonly now: number;
  readonly isHandled?: (windowId: string) => boolean;
  /** The buyer's zone, for the last day to act (default UTC). */
  readonly timeZone?: string;
}

/** Orders and windows, one row per window (an order without windows gets one row). RFC 4180, CRLF. */
export function ordersCsv(ladders: readonly LadderLike[], ctx: ExportContext): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  const tz = ctx.timeZone ?? 'UTC';
  for (const ladder of ladders) {
    const v = ladder.view;
    const j = journey(ladder, ctx.now, ctx.isHandled);
    const base = [
      ladder.orderId,
      plainText(v.items?.value[0]?.title ?? '', 300),
      plainText(v.storeName?.value ?? '', 300),
      v.status?.value ?? '',
      v.placedOn?.value ?? '',
    ];
    if (ladder.windows.length === 0) {
      rows.push([...base, '', '', '', '', '', '', '', '', j.stage, j.step, '', ''].map(csvField).join(','));
      continue;
    }
    for (const w of ladder.windows) {
      const isNext = j.deadline?.id === w.id;
      rows.push(
        [
          ...base,
          w.kind,
          w.action,
          iso(w.opensAt),
          iso(w.closesAt),
          windowState(w, ctx.now),
          w.confidence,
          w.losesMoney ? 'yes' : 'no',
          ctx.isHandled?.(w.id) ? 'yes' : 'no',
          j.stage,
          j.step,
          isNext ? 'yes' : 'no',
          w.closesAt === null ? '' : lastDayOf(w.closesAt, tz).date,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545)

/** TEXT value escaping (RFC 5545 3.3.11). */
export function icsText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Content lines longer than 75 octets are folded (RFC 5545 3.1): CRLF then one space. Folding is on
 * octets, never inside a UTF-8 sequence (a title in Polish or with emoji stays valid).
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with the folding space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `20260904T030000Z` */
export function icsDateTime(t: number): string {
  return new Date(t)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface CalendarContext extends ExportContext {
  readonly t: Translate;
  /** The order page to link from each event. */
  readonly orderUrl?: (orderId: string) => string;
}

/** The windows that go into the calendar: every deadline still ahead that the buyer has not handled. */
export function calendarWindows(ladders: readonly LadderLike[], ctx: ExportContext): DeadlineWindow[] {
  const out: DeadlineWindow[] = [];
  for (const ladder of ladders) {
    for (const w of ladder.windows) {
      if (w.closesAt === null || windowState(w, ctx.now) === 'closed') continue;
      if (ctx.isHandled?.(w.id)) continue;
      out.push(w);
    }
  }
  return out.sort((a, b) => (a.closesAt as number) - (b.closesAt as number));
}

/** `YYYYMMDD` of the day after a civil date (an all-day event's exclusive end). */
function nextDay(civil: string): string {
  const [y, m, d] = civil.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1))
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
}

/** A close within a day: the event ends at it and lasts an hour, a block just before it. */
const EVENT_MS = 60 * 60 * 1000;

export function deadlinesIcs(ladders: readonly LadderLike[], ctx: CalendarContext): string {
  const { t } = ctx;
  const byOrder = new Map(ladders.map((l) => [l.orderId, l]));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Protection Clock//Buyer Protection deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(t('ics_calendar_name'))}`,
  ];
  for (const w of calendarWindows(ladders, ctx)) {
    const view = byOrder.get(w.orderId)?.view;
    const closesAt = w.closesAt as number;
    const title = plainText(view?.items?.value[0]?.title ?? '', 80);
    const summary = t('ics_summary', [t(`kind_${w.kind.replaceAll('-', '_')}`), w.orderId]);
    const description = [
      t(`action_${w.action.replaceAll('-', '_')}`),
      title,
      view?.storeName ? plainText(view.storeName.value, 80) : '',
      t(`confidence_${w.confidence}`),
    ]
      .filter((s) => s !== '')
      .join('\n');
    const url = ctx.orderUrl?.(w.orderId);
    // The event falls on the last day to act: an all-day event on that day, or, when the close is
    // at a time within the day, the hour before it.
    const last = lastDayOf(closesAt, ctx.timeZone ?? 'UTC');
    const when =
      last.until === undefined
        ? [`DTSTART;VALUE=DATE:${last.date.replaceAll('-', '')}`, `DTEND;VALUE=DATE:${nextDay(last.date)}`]
        : [`DTSTART:${icsDateTime(closesAt - EVENT_MS)}`, `DTEND:${icsDateTime(closesAt)}`];
    lines.push(
      'BEGIN:VEVENT',
      `UID:${w.id}@protection-clock.invalid`,
      `DTSTAMP:${icsDateTime(ctx.now)}`,
      ...when,
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(description)}`,
      ...(url ? [`URL:${url}`] : []),
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${icsText(summary)}`,
      'TRIGGER:-P1D',
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
