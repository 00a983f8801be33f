/**
 * Reader for `mtop.ae.ld.querydetail` (the tracking page). Not an ultron tree: the data sits in
 * `module.trackingDetailLineList[]`, one line per parcel. No real capture exists; the shape follows
 * the notes and the project's own fixture (test/fixtures/aliexpress/tracking.*.json).
 */
import type { OrderSnapshot, StatedWindows, TrackingEvent } from '../core/model';
import { chooseLang, compact, longText, openBody, retProblem, shortText } from './draft';
import { typeDrift } from './drift';
import type { ReadContext, ReadResult } from './health';
import { arr, at, digits, isObj, type Json, num, str } from './json';
import { orderIdFromUrl } from './pages';
import { readWindows } from './phrases';
import { SIGNED_CODES, stageOf } from './tracking-stages';

/** Locale-independent codes meaning the parcel reached the buyer (tracking-stages.ts keeps the table). */
export const DELIVERED_CODES: ReadonlySet<string> = SIGNED_CODES;

const MAX_EVENTS = 500;
/** Epochs before this are not AliExpress tracking events (the platform tracks from 2010 on). */
const EARLIEST = Date.UTC(2010, 0, 1);

/**
 * `time` as epoch ms when it is plausible: after 2010 and not more than two days after the read
 * (clock skew). Seconds are accepted too, since some carrier feeds use them.
 */
function plausibleEpoch(value: unknown, readAt: number): number | undefined {
  const n =
    num(value) ?? (typeof value === 'string' && /^\d{10,13}$/.test(value.trim()) ? Number(value) : undefined);
  if (n === undefined || !Number.isInteger(n)) return undefined;
  const ms = n < 1e11 ? n * 1000 : n;
  return ms >= EARLIEST && ms <= readAt + 2 * 86_400_000 ? ms : undefined;
}

function moduleOf(root: Json): Json | undefined {
  for (const candidate of [
    at(root, 'data', 'module'),
    at(root, 'module'),
    at(root, 'data', 'data', 'module'),
  ]) {
    if (isObj(candidate)) return candidate;
  }
  return undefined;
}

/** "Refund if no delivery before <date>" lines; `fdContentList` holds strings or `{content}` objects. */
function fastDeliveryTexts(holder: unknown): string[] {
  const list = arr(at(holder, 'fastDeliveryInfoDTO', 'fdContentList'));
  return list
    .map(
      (entry) => str(entry) ?? str(at(entry, 'content')) ?? str(at(entry, 'text')) ?? str(at(entry, 'title')),
    )
    .filter((text): text is string => text !== undefined);
}

/**
 * `etaInfo {beginEtaTime, endEtaTime}` (epoch ms; seen in other projects' live-shape fixtures), when
 * the end is a plausible time: AliExpress's own estimate of the delivery.
 */
function etaOf(holder: unknown, readAt: number): { begin?: number; end: number } | undefined {
  const eta = at(holder, 'etaInfo');
  // An estimate lies ahead of the read: allow up to a year, not the two days of an event.
  const horizon = readAt + 365 * 86_400_000;
  const end = plausibleEpoch(at(eta, 'endEtaTime'), horizon);
  if (end === undefined) return undefined;
  const begin = plausibleEpoch(at(eta, 'beginEtaTime'), horizon);
  return begin !== undefined && begin <= end ? { begin, end } : { end };
}

/** Every string one level or two inside `etaInfo` (its shape is not known: read what it says). */
function etaTexts(holder: unknown): string[] {
  const eta = at(holder, 'etaInfo');
  const texts: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (texts.length > 20) return;
    if (typeof value === 'string') texts.push(value);
    else if (depth < 2 && isObj(value)) for (const inner of Object.values(value)) visit(inner, depth + 1);
    else if (depth < 2 && Array.isArray(value))
      for (const inner of value.slice(0, 20)) visit(inner, depth + 1);
  };
  visit(eta, 0);
  return texts;
}

export function readTracking(body: unknown, ctx: ReadContext): ReadResult {
  const opened = openBody('tracking', body, ctx);
  if (!opened.ok) return opened.result;
  const { log, context, root } = opened;
  const module = moduleOf(root);
  if (!module) {
    log.missing('module');
    log.problem('no tracking module in the body');
    if (!retProblem(root)) log.drift({ kind: 'missing-component', where: 'module', effect: 'tracking' });
    return log.finish([]);
  }
  log.found('module');
  log.drift(typeDrift('module.trackingDetailLineList', module.trackingDetailLineList, ['array'], 'tracking'));
  log.drift(
    typeDrift(
      'module.fastDeliveryInfoDTO.fdContentList',
      at(module, 'fastDeliveryInfoDTO', 'fdContentList'),
      ['array'],
      'deadlines',
    ),
  );
  const lines = arr(module.trackingDetailLineList).filter(isObj);
  if (lines.length) log.found('module.trackingDetailLineList');
  else {
    log.missing('module.trackingDetailLineList');
    if (module.trackingDetailLineList === undefined)
      log.drift({ kind: 'missing-component', where: 'module.trackingDetailLineList', effect: 'tracking' });
  }

  const orderId =
    orderIdFromUrl(context.pageUrl) ??
    digits(module.tradeOrderId) ??
    digits(module.orderId) ??
    lines.map((line) => digits(line.tradeOrderId) ?? digits(line.orderId)).find(Boolean);
  if (!orderId) {
    log.problem('no order id in the page URL nor the body: no snapshot');
    return log.finish([]);
  }
  if (lines.length > 1) log.problem(`${lines.length} parcels: mailNo and carrier are the first one's`);

  const { lang, dates } = chooseLang(context, {
    dates: lines.flatMap((line) =>
      arr(line.detailList)
        .slice(0, 5)
        .map((event) => shortText(at(event, 'timeText'))),
    ),
  });

  const events: TrackingEvent[] = [];
  let deliveredParcels = 0;
  let deliveredAt: number | undefined;
  for (const line of lines) {
    let parcelDelivered = false;
    log.drift(typeDrift('trackingDetailLineList[].detailList', line.detailList, ['array'], 'tracking'));
    for (const raw of arr(line.detailList)) {
      if (!isObj(raw)) continue;
      log.drift(
        typeDrift('detailList[].trackingPrimaryCode', raw.trackingPrimaryCode, ['string'], 'tracking'),
      );
      log.drift(typeDrift('detailList[].time', raw.time, ['number', 'string'], 'tracking'));
      const code = shortText(raw.trackingPrimaryCode);
      const second = shortText(raw.trackingSecondCode);
      const text = longText(raw.trackingDetailDesc) ?? longText(raw.trackingName);
      let stage = stageOf(code, text);
      if (stage === 'unknown' && second !== undefined) stage = stageOf(second, undefined);
      const event = compact({
        at: plausibleEpoch(raw.time, context.readAt),
        timeText: shortText(raw.timeText),
        text,
        code,
        stage,
      });
      const signed = (code && DELIVERED_CODES.has(code)) || (second && DELIVERED_CODES.has(second));
      if (signed) {
        parcelDelivered = true;
        // The earliest signed time: a later duplicate "signed" event is the same delivery.
        if (event.at !== undefined && (deliveredAt === undefined || event.at < deliveredAt))
          deliveredAt = event.at;
      }
      if (events.length < MAX_EVENTS && Object.keys(event).length) events.push(event);
    }
    if (parcelDelivered) deliveredParcels++;
  }
  if (events.length >= MAX_EVENTS) log.problem(`events capped at ${MAX_EVENTS}`);
  // An order split in parcels is delivered when every parcel is.
  const delivered = lines.length > 0 && deliveredParcels === lines.length;

  // "Refund if no delivery before <date>" can differ by a day between parcels: keep the earliest.
  const stated: StatedWindows = {};
  for (const holder of [module, ...lines]) {
    for (const text of fastDeliveryTexts(holder)) {
      const found = readWindows(text, dates);
      if (found.protectionEnd && (!stated.protectionEnd || found.protectionEnd < stated.protectionEnd)) {
        stated.protectionEnd = found.protectionEnd;
      }
      if (found.couponDelayedBy) stated.couponDelayedBy ??= found.couponDelayedBy;
      if (found.couponText) stated.couponText ??= found.couponText;
    }
    for (const text of etaTexts(holder)) readWindows(text, dates, stated);
  }

  const first = lines[0];
  const draft: OrderSnapshot = compact({
    orderId,
    source: 'tracking' as const,
    readAt: context.readAt,
    lang,
    tracking: lines.length
      ? {
          mailNo: shortText(first?.mailNo) ?? shortText(first?.originMailNo),
          carrier: shortText(first?.logisticsCarrierName),
          events,
          delivered,
          deliveredAt: delivered ? deliveredAt : undefined,
          eta:
            etaOf(module, context.readAt) ?? lines.map((line) => etaOf(line, context.readAt)).find(Boolean),
        }
      : undefined,
    stated,
    missing: [],
  });
  // compact() drops an empty events array; the schema wants it present.
  if (draft.tracking) draft.tracking.events = events;
  const missing: string[] = [];
  if (!draft.tracking) missing.push('tracking');
  else {
    if (!draft.tracking.mailNo) missing.push('tracking.mailNo');
    if (!draft.tracking.carrier) missing.push('tracking.carrier');
    if (!events.length) missing.push('tracking.events');
  }
  draft.missing = missing;
  for (const name of missing) log.missing(name);
  if (missing.includes('tracking.events'))
    log.drift({ kind: 'missing-field', where: 'trackingDetailLineList[].detailList', effect: 'tracking' });
  return log.finish([draft]);
}
