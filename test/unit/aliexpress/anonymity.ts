/**
 * The anonymisation rule, written once for the tests (unit and e2e), from the language tables and
 * the list, not from the anonymiser's code:
 *
 * Every string value of 4 or more characters in the original body may appear in the sample only
 * when it is
 *  (a) a code: upper-case letters and digits joined by underscores (`AE_GTMS_SIGNED`,
 *      `CONFIRM_GOODS`), a component tag, or a value shaped like an identifier that the body
 *      gives in a structure field (`tag`, `type`, `status`, `position`, …);
 *  (b) the value of a date, status or date-label field (`orderCreatTime`, `statusText`,
 *      `orderCreatTimeTile`, the status block's `title`, …), at most 60 characters;
 *  (c) a language code in a language field;
 *  (d) a text made only of words of our language tables (statuses, labels, months, window phrases,
 *      day words), whose numbers, if any, are a date the date reader reads or a count of days;
 *  (e) an AliExpress page address without ids or query (`https://www.aliexpress.com/p/order/…`);
 *  (f) a text without letters whose digits are all 0 (what the buyer's own page showed as a blank).
 * And no number of 6 or more digits outside a time field (ids, phones) appears in the sample.
 * "Appears" means inside one of the sample's string or number values (its field names are the
 * original's, and only their digit runs are checked).
 */
import { dateSpans } from '../../../src/aliexpress/dates';
import { LANGS } from '../../../src/aliexpress/lang';
import { key } from '../../../src/aliexpress/text';

const TABLE_WORDS = new Set<string>();
for (const lang of LANGS) {
  const texts = [
    ...Object.keys(lang.statuses),
    ...lang.months.flat(),
    ...Object.values(lang.labels).flat(),
    ...Object.values(lang.phrases).flat(),
    ...lang.dayWords,
    ...Object.values(lang.clues).flat(),
  ];
  for (const text of texts)
    for (const word of text.replace(/\{\w+\}/g, ' ').match(/[\p{L}\p{M}]+/gu) ?? [])
      TABLE_WORDS.add(key(word));
}
const DAY_WORDS = new Set(LANGS.flatMap((lang) => lang.dayWords.map((word) => key(word))));

const STRUCTURE_FIELDS = new Set([
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
  'ret',
]);
const TEXT_FIELDS = new Set([
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
const LANGUAGE_FIELDS = new Set(['lang', 'language', 'locale', 'languageCode', '_lang']);
const TIME_FIELD = /time|date|gmt|eta|^at$|At$/i;

export function onlyTableWords(text: string): boolean {
  const words = text.match(/[\p{L}\p{M}]+/gu) ?? [];
  if (!words.every((word) => TABLE_WORDS.has(key(word)))) return false;
  // Digits only inside dates or before a day word.
  let rest = text;
  for (const [from, to] of dateSpans(text).sort((a, b) => b[0] - a[0]))
    rest = `${rest.slice(0, from)} ${rest.slice(to)}`;
  const counts = [...rest.matchAll(/(\d+)\s*([\p{L}]+)?/gu)];
  return counts.every((m) => (m[1]?.length ?? 9) <= 3 && m[2] !== undefined && DAY_WORDS.has(key(m[2])));
}

export function mayStay(
  text: string,
  field: string,
  inStatusBlock: boolean,
  structure: ReadonlySet<string> = new Set(),
): boolean {
  const s = text.trim();
  if (structure.has(s)) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?:::.*)?$/.test(s)) return true;
  if (STRUCTURE_FIELDS.has(field) && /^[A-Za-z0-9_.:-]{1,100}$/.test(s)) return true;
  if (/^[a-z]+(?:_[a-z0-9]+)+$/.test(s) && /^(detail|pc_om)_/.test(s)) return true;
  if ((TEXT_FIELDS.has(field) || (field === 'title' && inStatusBlock)) && s.length <= 60) return true;
  if (LANGUAGE_FIELDS.has(field) && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?$/.test(s)) return true;
  if (/^(?:https?:)?\/\/(?:[a-z]+\.)*aliexpress\.(?:com|us)(?:\/[a-z][a-z.-]*)*\/?$/.test(s)) return true;
  if (!/\p{L}/u.test(s) && !/[1-9]/.test(s)) return true;
  return onlyTableWords(s);
}

export interface Leak {
  field: string;
  value: string;
}

/** The sample's values (strings and numbers), apart from its field names. */
function valuesOf(sample: string): string {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
    else if (Array.isArray(value)) for (const entry of value) visit(entry);
    else if (typeof value === 'object' && value !== null)
      for (const entry of Object.values(value)) visit(entry);
  };
  visit(JSON.parse(sample));
  return out.join('\n');
}

/** What of `original` (a parsed body) survives in `sampleText` (the text shown) against the rule. */
export function leaks(original: unknown, sampleText: string): Leak[] {
  const found: Leak[] = [];
  const sample = valuesOf(sampleText);
  const keys = sampleText;
  const structure = new Set<string>();
  const collect = (value: unknown, field: string, depth: number): void => {
    if (depth > 60) return;
    if (typeof value === 'string') {
      if (STRUCTURE_FIELDS.has(field) && /^[A-Za-z0-9_.:-]{1,100}$/.test(value.trim()))
        structure.add(value.trim());
    } else if (Array.isArray(value)) for (const entry of value) collect(entry, field, depth + 1);
    else if (typeof value === 'object' && value !== null)
      for (const [name, entry] of Object.entries(value)) collect(entry, name, depth + 1);
  };
  collect(original, '', 0);
  const visit = (value: unknown, field: string, inStatusBlock: boolean, depth: number): void => {
    if (depth > 60) return;
    if (typeof value === 'string') {
      const s = value.trim();
      if (s.length >= 4 && !mayStay(s, field, inStatusBlock, structure) && sample.includes(s))
        found.push({ field, value: s });
      return;
    }
    if (typeof value === 'number') {
      const digits = String(Math.abs(value));
      if (/^\d{6,}$/.test(digits) && !TIME_FIELD.test(field) && sample.includes(digits))
        found.push({ field, value: digits });
      return;
    }
    if (Array.isArray(value)) {
      for (const entry of value) visit(entry, field, inStatusBlock, depth + 1);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      const status = inStatusBlock || record.tag === 'detail_order_status_block';
      for (const [name, entry] of Object.entries(record)) {
        // Keys are field names (kept), except those carrying ids: their digits are checked here.
        for (const run of name.match(/\d{6,}/g) ?? [])
          if (keys.includes(run)) found.push({ field: `${field}.<key>`, value: run });
        visit(entry, name, status && name !== 'productVOList', depth + 1);
      }
    }
  };
  visit(original, '', false, 0);
  return found;
}
