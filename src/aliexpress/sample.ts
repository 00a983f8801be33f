/**
 * A sample for a bug report: one body AliExpress sent that we could not read, or read only in
 * part, anonymised (anonymise.ts), with what our reader made of the anonymised copy. It is text the
 * buyer sees in full before copying or saving it; the extension never sends it anywhere.
 */
import { anonymise } from './anonymise';
import type { Drift } from './drift';
import { type ReadState, readState } from './health';
import { readApiBody } from './index';
import { parseBody } from './json';
import { API, apiFromName } from './pages';

/** A sample longer than this keeps its header and says the body was too large (storage.session is small). */
export const MAX_SAMPLE_CHARS = 512 * 1024;

export interface Sample {
  /** The format, so that a report says which version of the extension made it. */
  readonly format: 'protection-clock-sample/1';
  /** The page kind's API (`detail`, `list`, `tracking`, `refunds`), or the name it came with. */
  readonly api: string;
  /** The page the body came on, anonymised like the body (its order id is the body's stand-in). */
  readonly page?: string;
  /** When it was read (UTC, to the minute). */
  readonly seen: string;
  readonly state: ReadState;
  /** What the reader found changed, reading this anonymised copy. */
  readonly drift: readonly Drift[];
  readonly body: unknown;
}

export interface SampleInput {
  /** The API kind or mtop name the body came from. */
  api: string;
  /** The body as the page received it (JSON or JSONP text, or parsed). */
  body: unknown;
  pageUrl?: string | undefined;
  readAt: number;
}

export function makeSample(input: SampleInput): Sample {
  const parsed = typeof input.body === 'string' ? (parseBody(input.body) ?? input.body) : input.body;
  const safe = anonymise(parsed, input.pageUrl);
  const api: string = Object.hasOwn(API, input.api) ? input.api : (apiFromName(input.api) ?? 'unknown');
  const read = readApiBody(api, safe.body, { readAt: input.readAt, pageUrl: safe.pageUrl });
  return {
    format: 'protection-clock-sample/1',
    api,
    ...(safe.pageUrl !== undefined ? { page: safe.pageUrl } : {}),
    seen: `${new Date(input.readAt).toISOString().slice(0, 16)}Z`,
    state: readState(read.health),
    drift: read.health.drift ?? [],
    body: safe.body,
  };
}

/** The exact text the buyer sees, copies and saves. */
export function sampleText(sample: Sample): string {
  const text = JSON.stringify(sample, null, 2);
  if (text.length <= MAX_SAMPLE_CHARS) return text;
  return JSON.stringify(
    { ...sample, body: `(left out: ${text.length} characters, too large to keep)` },
    null,
    2,
  );
}
