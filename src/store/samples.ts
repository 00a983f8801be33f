/**
 * Samples for a bug report, kept briefly: the last few anonymised bodies per page kind that were
 * unreadable or partly read (src/aliexpress/sample.ts makes them). In `storage.session` only:
 * never in storage.local, never synced, never in a backup, gone when the browser closes, on
 * "Delete all" (which clears the session area) and after SAMPLE_TTL_MS. Only the worker writes;
 * the popup and options read them to show the buyer, who copies or saves one by hand.
 */
import { z } from '../core/z';
import type { StorageArea } from '../platform/types';

/** The storage.session key holding every sample. */
export const SAMPLES_KEY = 'samples';
/** At most this many per page kind (the newest kept): a report needs one, a few show a pattern. */
export const SAMPLES_PER_KIND = 3;
/** A sample older than this is dropped: it would describe a page AliExpress may have changed again. */
export const SAMPLE_TTL_MS = 24 * 60 * 60 * 1000;
/** storage.session holds 10 MB in Chromium; twelve samples of this size fit with room to spare. */
export const SAMPLE_MAX_CHARS = 600 * 1024;

export const StoredSample = z.object({
  /** The API kind the body came from: `detail`, `list`, `tracking`, `refunds`. */
  api: z.string().check(z.maxLength(100)),
  /** When it was kept (epoch ms). */
  at: z.number(),
  state: z.enum(['partly', 'unreadable']),
  /** The exact text the buyer sees, copies and saves. */
  text: z.string().check(z.maxLength(SAMPLE_MAX_CHARS)),
});
export type StoredSample = z.infer<typeof StoredSample>;

/** Parse what storage.session holds, dropping anything malformed or too old; newest first. */
export function parseSamples(value: unknown, now: number): StoredSample[] {
  if (!Array.isArray(value)) return [];
  const kept: StoredSample[] = [];
  for (const entry of value) {
    const parsed = StoredSample.safeParse(entry);
    if (parsed.success && now - parsed.data.at < SAMPLE_TTL_MS && parsed.data.at <= now + 60_000)
      kept.push(parsed.data);
  }
  return kept.sort((a, b) => b.at - a.at);
}

/** The samples with `sample` added: the same text again only moves to the front; the cap per kind holds. */
export function withSample(samples: readonly StoredSample[], sample: StoredSample): StoredSample[] {
  const next = [sample, ...samples.filter((s) => s.text !== sample.text)];
  const perKind = new Map<string, number>();
  return next.filter((s) => {
    const count = (perKind.get(s.api) ?? 0) + 1;
    perKind.set(s.api, count);
    return count <= SAMPLES_PER_KIND;
  });
}

export async function loadSamples(session: Pick<StorageArea, 'get'>, now: number): Promise<StoredSample[]> {
  const stored = await session.get([SAMPLES_KEY]);
  return parseSamples(stored[SAMPLES_KEY], now);
}

/** Keep one sample (the worker's only write here). */
export async function keepSample(session: StorageArea, sample: StoredSample, now: number): Promise<void> {
  if (sample.text.length > SAMPLE_MAX_CHARS) return;
  const current = await loadSamples(session, now);
  await session.set({ [SAMPLES_KEY]: withSample(current, sample) });
}
