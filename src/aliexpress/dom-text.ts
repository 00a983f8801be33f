/**
 * The worker's border for what the content script extracted from a rendered page: the same shape
 * as dom-extract.ts, with every string and list capped. A message that fails is refused.
 */
import { z } from '../core/z';
import { EXTRACT_LIMITS, type PageText as PageTextType } from './dom-extract';

const Text = z.string().check(z.maxLength(EXTRACT_LIMITS.text));
const OptText = z.optional(Text);
const Texts = (max: number) => z.array(Text).check(z.maxLength(max));
const Counts = z.record(z.string().check(z.maxLength(200)), z.number().check(z.int(), z.nonnegative()));

const ListCardText = z.object({
  status: OptText,
  headerInfo: Texts(10),
  store: OptText,
  total: OptText,
  itemTitles: Texts(EXTRACT_LIMITS.items),
  itemQuantities: Texts(EXTRACT_LIMITS.items),
  detailHref: z.optional(z.string().check(z.maxLength(2000))),
});

export const PageText = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('list'),
    lang: z.optional(z.string().check(z.maxLength(40))),
    counts: Counts,
    cards: z.array(ListCardText).check(z.maxLength(EXTRACT_LIMITS.cards)),
    hasMore: z.boolean(),
  }),
  z.object({
    kind: z.literal('detail'),
    lang: z.optional(z.string().check(z.maxLength(40))),
    counts: Counts,
    status: OptText,
    infoRows: Texts(EXTRACT_LIMITS.rows),
    priceRows: z.array(Texts(10)).check(z.maxLength(EXTRACT_LIMITS.rows)),
    itemTitles: Texts(EXTRACT_LIMITS.items),
    leafTexts: Texts(EXTRACT_LIMITS.leaves),
  }),
]);

// The schema and the extractor's type must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.infer<typeof PageText>, PageTextType> = true;
void _sameShape;
