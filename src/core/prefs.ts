/**
 * The buyer's reminder preferences as stored (reminders.ts plans with them and re-exports them).
 * Apart from the planning, so that the faces, which parse the prefs, do not carry it.
 */
import { WindowKind } from './window-kind';
import { z } from './z';

const HhMm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

export const QuietHours = z.object({ start: HhMm, end: HhMm });
export type QuietHours = z.infer<typeof QuietHours>;

export const Prefs = z.object({
  /** Days before a money-losing close; at most 10 leads of at most 60 days. */
  leadsDays: z._default(
    z.array(z.number().check(z.int(), z.positive(), z.maximum(60))).check(z.maxLength(10)),
    () => [7, 3, 1],
  ),
  /** Null: no quiet hours. */
  quietHours: z._default(z.nullable(QuietHours), () => ({ start: '22:00', end: '08:00' })),
  /** Per kind on/off; a kind not listed is on (so kinds added later start on). */
  kinds: z._default(z.partialRecord(WindowKind, z.boolean()), () => ({})),
  badge: z._default(z.boolean(), true),
});
export type Prefs = z.output<typeof Prefs>;
export const DEFAULT_PREFS: Prefs = z.parse(Prefs, {});
