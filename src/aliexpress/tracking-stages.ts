/**
 * Tracking events → the stage they put a parcel in. `trackingPrimaryCode` is locale independent and
 * comes in families by prefix (seen: notes and the project's fixtures); an event whose code we do not
 * know is classified by its text, in the languages the pages are served in; else it is `unknown`.
 */
import type { TrackingStage } from '../core/model';
import { DELIVERED_TRACKING_CODE } from './codes';
import { key } from './text';

/**
 * Codes meaning the parcel reached the buyer. `AE_GTMS_SIGNED` and `AE_SIGNED` are seen (notes);
 * the others are the same event under names other carriers' feeds use. // not seen on a real page
 */
export const SIGNED_CODES: ReadonlySet<string> = new Set([
  DELIVERED_TRACKING_CODE,
  'AE_SIGNED',
  'AE_LAST_MILE_SIGNED',
  'AE_LAST_MILE_DELIVERED',
  'AE_GTMS_DELIVERED',
]);

/**
 * Code families by prefix, first match wins. `AE_GOT` is the line-haul carrier taking the parcel
 * over ("got"); `AE_LH_*` departs and arrives; `AE_CC_*` is customs (`AE_CC_IM_SUCCESS` import
 * cleared); `AE_GWMS_*` the seller's or Cainiao's warehouse, before the parcel leaves.
 */
const FAMILIES: readonly (readonly [prefix: string, stage: TrackingStage])[] = [
  ['AE_ORDER_', 'ordered'],
  ['AE_GWMS_', 'warehouse'],
  ['AE_GOT', 'line-haul'],
  ['AE_LH_', 'line-haul'],
  ['AE_CC_', 'customs'],
  ['AE_LAST_MILE_', 'last-mile'],
];

/**
 * Words of each stage in event texts (compared through `key`: lower case, no accents), for codes we
 * do not know. Checked in this order: "arrived at customs" is customs and "handed to the local
 * carrier for delivery" last mile, before a bare "delivered" means signed.
 */
const TEXT_CLUES: readonly (readonly [TrackingStage, RegExp])[] = [
  ['customs', /customs|aduan|alfandeg|douane|\bzoll|\bcl[oa]\b|celn|dogan/u],
  [
    'last-mile',
    /out for delivery|delivery attempt|local (carrier|courier|post)|pick-?up point|parcel locker|en reparto|saiu para entrega|em rota de entrega|en cours de livraison|in zustellung|zustellbasis|w doreczeniu|paczkomat|in consegna|wordt bezorgd/u,
  ],
  [
    'delivered',
    /\bdelivered\b|\bsigned\b|entregad|entregue|\blivre\b|zugestellt|doreczon|consegnat|\bbezorgd\b/u,
  ],
  [
    'line-haul',
    /depart|airport|flight|airline|in transit|transit|transito|en route|unterwegs|w drodze|sorting cent|hub/u,
  ],
  ['warehouse', /warehouse|almacen|armazem|entrepot|\blager\b|magazyn|magazzino|magazijn|outbound/u],
  ['ordered', /order (placed|paid)|payment|pedido (realizado|feito|efectuado)|commande/u],
];

/** The stage of one event: its code's family, else its text's words, else `unknown`. */
export function stageOf(code: string | undefined, text: string | undefined): TrackingStage {
  if (code !== undefined) {
    const upper = code.toUpperCase();
    if (SIGNED_CODES.has(upper)) return 'delivered';
    for (const [prefix, stage] of FAMILIES) if (upper.startsWith(prefix)) return stage;
  }
  if (text !== undefined) {
    const words = key(text);
    for (const [stage, clue] of TEXT_CLUES) if (clue.test(words)) return stage;
  }
  return 'unknown';
}
