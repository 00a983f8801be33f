/**
 * Anonymises an AliExpress API body for a bug report: keeps its structure and every text the
 * readers depend on, replaces what identifies the buyer. Pure and deterministic.
 *
 * Kept: field names, component tags, value types, button types and other codes (`AE_*`,
 * `CONFIRM_GOODS`), the language, date and status texts and the labels beside them, every word of
 * our language tables (month names, window phrases, statuses, labels), dates written inside
 * sentences, and "N days". Replaced: every other word, letter by letter (`x` / `X`, so case and
 * sentence boundaries survive); every other number (digits become 0); ids and any run of six or
 * more digits by a stand-in of the same length, the same stand-in for the same id everywhere in
 * one sample (so the parts of an order still join up); URLs keep AliExpress's own host and page
 * path, any other host becomes `example.invalid`, ids in them are mapped and other query values
 * replaced. Numbers: prices become 0, ids are mapped, small counts and codes and times stay.
 *
 * So names, addresses, phones, item titles, store names, tracking numbers, prices, image and store
 * URLs do not survive, unless a word of them is also a word of our tables (an item called
 * "Delivery Bag" keeps "Delivery").
 */
import { dateSpans } from './dates';
import { KNOWN_TAGS } from './drift';
import { LANGS } from './lang';
import { key } from './text';

/**
 * Every word of the language tables, as comparison keys. Worked out on the first sample, not when
 * the worker starts: it costs several milliseconds of every cold start, and most never keep one.
 */
let vocabulary: ReadonlySet<string> | undefined;
const vocabularyHas = (word: string): boolean => {
  vocabulary ??= tableWords();
  return vocabulary.has(word);
};
function tableWords(): ReadonlySet<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.replace(/\{\w+\}/g, ' ').match(/[\p{L}\p{M}]+/gu) ?? []) words.add(key(word));
  };
  for (const lang of LANGS) {
    for (const text of Object.keys(lang.statuses)) add(text);
    for (const names of lang.months) for (const name of names) add(name);
    for (const texts of Object.values(lang.labels)) for (const text of texts) add(text);
    for (const texts of Object.values(lang.phrases)) for (const text of texts) add(text);
    for (const text of lang.dayWords) add(text);
    for (const texts of Object.values(lang.clues)) for (const text of texts) add(text);
  }
  return words;
}

const DAY_WORDS: ReadonlySet<string> = new Set(
  LANGS.flatMap((lang) => lang.dayWords.map((word) => key(word))),
);

const ALL_TAGS: ReadonlySet<string> = new Set([...KNOWN_TAGS.list, ...KNOWN_TAGS.detail]);

/** Fields whose value is structure (a tag, a type, a code), kept when it is shaped like one. */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  'tag',
  'type',
  'api',
  'v',
  'scriptKey',
  'containerType',
  'position',
  'status',
  'displayType',
  'actionType',
  'size',
  'currencyCode',
  'baseCurrency',
  'intentionCurrency',
  'styleType',
  'reverseType',
  'trackingPrimaryCode',
  'trackingSecondCode',
  'fulfillStage',
  'component',
]);

const LANGUAGE_KEYS: ReadonlySet<string> = new Set(['lang', 'language', 'locale', 'languageCode', '_lang']);

/**
 * Fields holding a date, a status or the label beside a date: kept whole while short, even in a
 * shape or language we do not know, because that is what a report about a changed page needs.
 */
const TEXT_KEYS: ReadonlySet<string> = new Set([
  'statusText',
  'orderDateText',
  'orderDateTitle',
  'statusTitle',
  'timeText',
  'gmtCreateFormat',
  'orderCreatTime',
  'payTime',
  'orderShipTime',
  'orderEndTime',
  'orderCreatTimeTile',
  'orderCreatTimeTitle',
  'payTimeTitle',
  'payTimeTile',
  'orderShipTimeTile',
  'orderShipTimeTitle',
  'orderEndTimeTile',
  'orderEndTimeTitle',
  'orderIdTitle',
]);
/** `title` is the status only in the status block (elsewhere it may be an item's title). */
const STATUS_TITLE_TAG = 'detail_order_status_block';

const TIME_KEY = /time|date|gmt|eta|^at$|At$/i;
const PRICE_KEY = /price|amount|fee|total|cost|tax|money|balance|discount|coupon/i;
const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,100}$/;
const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const ALI_HOST = /(?:^|\.)aliexpress\.(?:com|us)$/i;
const MAX_STRING = 4000;
const MAX_DEPTH = 40;

/** Same id in, same stand-in out, within one sample; same length, all digits. */
export class IdMap {
  private readonly ids = new Map<string, string>();

  map(digits: string): string {
    const known = this.ids.get(digits);
    if (known) return known;
    const count = String(this.ids.size + 1);
    const stand =
      digits.length > count.length ? `9${count.padStart(digits.length - 1, '0')}` : '9'.repeat(digits.length);
    this.ids.set(digits, stand);
    return stand;
  }
}

function maskWord(word: string): string {
  let out = '';
  for (const char of word) {
    if (/\p{M}/u.test(char)) continue;
    if (/\p{Lu}|\p{Lt}/u.test(char)) out += 'X';
    else if (/\p{Ll}/u.test(char)) out += 'x';
    // A letter without case (CJK, Arabic…) stays a letter without case, so no rule of the
    // readers (a sentence break needs a lower-case letter before a capital) reads it otherwise.
    else out += 'ª';
  }
  return out;
}

/** Free text: words of our tables, dates and "N days" kept; other words and numbers replaced. */
export function anonymiseText(text: string, ids: IdMap): string {
  const source = (text.length > MAX_STRING ? text.slice(0, MAX_STRING) : text).normalize('NFC');
  const spans = dateSpans(source).sort((a, b) => a[0] - b[0]);
  const tokens = source.match(/[\p{L}\p{M}]+|\p{Nd}+|[^\p{L}\p{M}\p{Nd}]+/gu) ?? [];
  let out = '';
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const start = at;
    at += token.length;
    if (spans.some(([from, to]) => start >= from && at <= to)) {
      out += token;
      continue;
    }
    if (/^[\p{L}\p{M}]/u.test(token)) {
      out += vocabularyHas(key(token)) ? token : maskWord(token);
    } else if (/^\p{Nd}/u.test(token)) {
      out += digitsOut(token, tokens, i, ids);
    } else {
      out += token;
    }
  }
  return out;
}

function digitsOut(token: string, tokens: readonly string[], index: number, ids: IdMap): string {
  if (token.length >= 6 && /^[0-9]+$/.test(token)) return ids.map(token);
  // "7 days", "15 dias": the count of a window, which the readers need.
  const next = /^\s*$/.test(tokens[index + 1] ?? 'x') ? tokens[index + 2] : tokens[index + 1];
  if (token.length <= 3 && next !== undefined && DAY_WORDS.has(key(next))) return token;
  return token.replace(/\p{Nd}/gu, '0');
}

/** A URL: AliExpress's own page paths stay, other hosts become example.invalid; ids mapped. */
export function anonymiseUrl(text: string, ids: IdMap): string {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed);
  } catch {
    return anonymiseText(text, ids);
  }
  const ours = ALI_HOST.test(url.hostname);
  const path = url.pathname
    .split('/')
    .map((segment) => (ours && /^[a-z][a-z.-]{0,40}$/.test(segment) ? segment : anonymiseText(segment, ids)))
    .join('/');
  const query = [...url.searchParams]
    .map(([name, value]) => {
      const safeName = IDENTIFIER.test(name) ? name : anonymiseText(name, ids);
      const safeValue = /^\d+$/.test(value) && value.length >= 6 ? ids.map(value) : anonymiseText(value, ids);
      return `${encodeURIComponent(safeName)}=${encodeURIComponent(safeValue)}`;
    })
    .join('&');
  const prefix = trimmed.startsWith('//') ? '//' : `${url.protocol}//`;
  const host = ours ? url.host : 'example.invalid';
  return `${prefix}${host}${path}${query ? `?${query}` : ''}`;
}

/** An identifier-shaped value with its ids mapped (tags with a component id: `detail_x_111818`). */
function identifier(text: string, ids: IdMap): string {
  return text.replace(/\d{6,}/g, (run) => ids.map(run));
}

interface Where {
  key: string;
  tag: string | undefined;
  structural: boolean;
}

function anonymiseString(text: string, where: Where, ids: IdMap): string {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'true' || trimmed === 'false' || trimmed === 'null') return text;
  if (where.key === 'ret') {
    const code = /^([A-Z0-9_]+)::([\s\S]*)$/.exec(text);
    if (code) return `${code[1]}::${anonymiseText(code[2] ?? '', ids)}`;
  }
  if (CODE.test(trimmed) || ALL_TAGS.has(trimmed)) return text;
  if ((where.structural || STRUCTURAL_KEYS.has(where.key)) && IDENTIFIER.test(trimmed))
    return identifier(text, ids);
  if (LANGUAGE_KEYS.has(where.key) && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?$/.test(trimmed)) return text;
  const textField = TEXT_KEYS.has(where.key) || (where.key === 'title' && where.tag === STATUS_TITLE_TAG);
  if (textField && trimmed.length <= 60 && !/\d{5,}/.test(trimmed)) return text;
  if (/^(?:https?:)?\/\/\S+$/i.test(trimmed)) return anonymiseUrl(trimmed, ids);
  return anonymiseText(text, ids);
}

function anonymiseNumber(value: number, where: Where, ids: IdMap): number {
  if (!Number.isFinite(value)) return 0;
  if (PRICE_KEY.test(where.key)) return 0;
  // Epoch times: dates are kept (tracking's delivery time is read from them).
  if (TIME_KEY.test(where.key)) return value;
  if (!Number.isInteger(value)) return 0;
  if (Math.abs(value) < 100_000) return value;
  const text = String(Math.abs(value));
  if (!/^\d+$/.test(text)) return 0;
  // An id past 2^53 stays past it: the readers distrust such numbers, and must go on doing so.
  const mapped = Number(ids.map(text));
  return Number.isSafeInteger(value) === Number.isSafeInteger(mapped) ? mapped : 0;
}

function walk(value: unknown, where: Where, ids: IdMap, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return anonymiseNumber(value, where, ids);
  if (typeof value === 'string') return anonymiseString(value, where, ids);
  if (Array.isArray(value)) return value.map((entry) => walk(entry, where, ids, depth + 1));
  if (typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const tag = typeof record.tag === 'string' ? record.tag : where.tag;
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(record)) {
    let safeName = IDENTIFIER.test(name) ? identifier(name, ids) : anonymiseText(name, ids);
    while (safeName in out) safeName += '#';
    out[safeName] = walk(
      entry,
      { key: name, tag, structural: where.structural || name === 'hierarchy' },
      ids,
      depth + 1,
    );
  }
  return out;
}

/**
 * The anonymised copy of a body (any JSON value), and of the page URL it came with, sharing one id
 * map so that the URL's order id and the body's are the same stand-in.
 */
export function anonymise(body: unknown, pageUrl?: string): { body: unknown; pageUrl?: string } {
  const ids = new IdMap();
  const safeBody =
    typeof body === 'string'
      ? anonymiseText(body, ids)
      : walk(body, { key: '', tag: undefined, structural: false }, ids, 0);
  return pageUrl === undefined ? { body: safeBody } : { body: safeBody, pageUrl: anonymiseUrl(pageUrl, ids) };
}
