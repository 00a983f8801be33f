/**
 * Helpers shared by the readers to turn untrusted values into snapshot fields: capped strings,
 * safe URLs, and removal of empty fields so stored snapshots stay small.
 */
import { isAliExpressAssetUrl } from '../core/model';
import type { DateContext } from './dates';
import { detectLang } from './detect';
import { HealthLog, type HealthSource, type ReadContext, type ReadResult } from './health';
import { isObj, type Json, unwrapBody } from './json';
import { cap } from './text';

/** Schema limits from src/core/model.ts (`Text` 2000, `ShortText` 300). */
export const TEXT = 2000;
export const SHORT = 300;
export const MAX_ITEMS = 100;
export const MAX_BUTTONS = 30;

export function shortText(value: unknown): string | undefined {
  return typeof value === 'string' ? cap(value, SHORT) : undefined;
}

export function longText(value: unknown): string | undefined {
  return typeof value === 'string' ? cap(value, TEXT) : undefined;
}

/**
 * An http(s) URL, made absolute (the pages use protocol-relative "//www.aliexpress.com/store/1").
 * Anything else (`javascript:`, garbage) is dropped: these end up as links in our faces.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > 2000) return undefined;
  try {
    const url = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed);
    // Only AliExpress's own hosts: a page may not make us keep (or link to) any other site.
    if (!isAliExpressAssetUrl(url.href)) return undefined;
    return url.href.length <= 2000 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Button types (locale-independent) of a list of button objects, capped. */
export function buttonTypes(buttons: unknown): string[] {
  if (!Array.isArray(buttons)) return [];
  const types: string[] = [];
  for (const button of buttons) {
    if (types.length >= MAX_BUTTONS) break;
    const type =
      typeof button === 'object' && button !== null && 'type' in button ? shortText(button.type) : undefined;
    if (type && !types.includes(type)) types.push(type);
  }
  return types;
}

/** Drop undefined fields and empty arrays/objects, recursively (snapshots are stored). */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry) => compact(entry)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (entry === undefined) continue;
    const cleaned = compact(entry);
    if (
      typeof cleaned === 'object' &&
      cleaned !== null &&
      !Array.isArray(cleaned) &&
      Object.keys(cleaned).length === 0
    ) {
      continue;
    }
    out[name] = cleaned;
  }
  return out as T;
}

/** A locale for numeric dates: the context's own, else what the host implies (aliexpress.us = en-US). */
export function localeOf(ctx: ReadContext): string | undefined {
  if (typeof ctx.lang === 'string' && ctx.lang.trim()) return ctx.lang.trim().slice(0, 35);
  if (
    typeof ctx.pageUrl === 'string' &&
    /^(?:https?:)?\/\/(?:[\w-]+\.)*aliexpress\.us(?:[/:?#]|$)/i.test(ctx.pageUrl)
  ) {
    return 'en-US';
  }
  return undefined;
}

export interface LangChoice {
  lang: string | undefined;
  dates: DateContext;
}

export function chooseLang(
  ctx: ReadContext,
  evidence: {
    statusTexts?: Array<string | undefined>;
    labels?: Array<string | undefined>;
    dates?: Array<string | undefined>;
  },
): LangChoice {
  const lang = detectLang({ ...evidence, ctxLang: ctx.lang, pageUrl: ctx.pageUrl });
  return { lang, dates: { lang, locale: localeOf(ctx) } };
}

/**
 * A ReadContext we can trust the types of, whatever the caller passed; undefined without a usable
 * `readAt` (the readers never read the clock themselves).
 */
export function safeCtx(ctx: unknown): ReadContext | undefined {
  if (typeof ctx !== 'object' || ctx === null) return undefined;
  const record = ctx as Record<string, unknown>;
  const readAt = record.readAt;
  if (typeof readAt !== 'number' || !Number.isFinite(readAt)) return undefined;
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? value.slice(0, 4000) : undefined;
  return { readAt, pageUrl: text(record.pageUrl), lang: text(record.lang) };
}

/**
 * mtop's own verdict: `ret: ["SUCCESS::调用成功"]` on success, `FAIL_SYS_USER_VALIDATE` when the
 * bot wall (captcha) stepped in, `FAIL_SYS_SESSION_EXPIRED` when logged out.
 */
export function retProblem(root: unknown): string | undefined {
  if (typeof root !== 'object' || root === null || !('ret' in root) || !Array.isArray(root.ret))
    return undefined;
  const first: unknown = root.ret[0];
  if (typeof first !== 'string' || first.startsWith('SUCCESS')) return undefined;
  return `api answered "${first.slice(0, 120)}"`;
}

export type OpenedBody =
  | { readonly ok: true; readonly log: HealthLog; readonly context: ReadContext; readonly root: Json }
  | { readonly ok: false; readonly result: ReadResult };

/**
 * The start every API reader shares: a health log for its source, a valid read context, the body
 * unwrapped (JSON, JSONP or a capture envelope) to an object, and AliExpress's own `ret` error noted.
 */
export function openBody(source: HealthSource, body: unknown, ctx: ReadContext): OpenedBody {
  const log = new HealthLog(source);
  const context = safeCtx(ctx);
  if (!context) {
    log.problem('no valid readAt in the read context');
    return { ok: false, result: log.finish([]) };
  }
  const root = unwrapBody(body);
  if (!isObj(root)) {
    log.problem('body is not a JSON object');
    return { ok: false, result: log.finish([]) };
  }
  const ret = retProblem(root);
  if (ret) log.problem(ret);
  return { ok: true, log, context, root };
}
