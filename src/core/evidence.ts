/**
 * Evidence checklists per dispute reason, from what AliExpress asks for (shared notes, last
 * paragraph): not received → tracking screenshots (local carrier and AliExpress) and messages with
 * the seller, all optional; not as described / wrong item → photos of the item, its label and the
 * listing side by side, an unboxing video; wrong size → a photo with a ruler and the size label;
 * defective electronics → a video showing the fault; damaged → photos of the outer packaging before
 * opening and of the damage; customs held → official documents. For every reason but "not
 * received" the evidence is required.
 *
 * Texts are i18n keys; `EVIDENCE_TEXT_EN` holds the English for public/_locales/en/messages.json.
 */

import type { DisputeReason } from './dispute-reasons';
import type { Translate } from './i18n';

export { DISPUTE_REASONS, type DisputeReason } from './dispute-reasons';

export type EvidenceKind = 'photo' | 'video' | 'screenshot' | 'document' | 'message';

export interface EvidenceItem {
  /** Stable within a reason; the key of a tick. */
  readonly id: string;
  readonly kind: EvidenceKind;
  readonly required: boolean;
  /** i18n key of the item's label. */
  readonly text: string;
  /** i18n key of why AliExpress wants it. */
  readonly why: string;
}

const item = (id: string, kind: EvidenceKind, required: boolean): EvidenceItem => ({
  id,
  kind,
  required,
  text: `evidence_item_${id.replaceAll('-', '_')}`,
  why: `evidence_why_${id.replaceAll('-', '_')}`,
});

export const EVIDENCE: Readonly<Record<DisputeReason, readonly EvidenceItem[]>> = {
  'not-received': [
    item('tracking-aliexpress', 'screenshot', false),
    item('tracking-local-carrier', 'screenshot', false),
    item('protection-promise', 'screenshot', false),
    item('seller-messages', 'message', false),
    item('customs-documents', 'document', false),
  ],
  'not-as-described': [
    item('photo-item', 'photo', true),
    item('photo-label', 'photo', true),
    item('listing-side-by-side', 'screenshot', true),
    item('unboxing-video', 'video', true),
    item('seller-messages', 'message', false),
  ],
  damaged: [
    item('photo-outer-packaging', 'photo', true),
    item('photo-damage', 'photo', true),
    item('unboxing-video', 'video', false),
    item('seller-messages', 'message', false),
  ],
  'wrong-item': [
    item('photo-item', 'photo', true),
    item('photo-label', 'photo', true),
    item('listing-side-by-side', 'screenshot', true),
    // Required when the size is what is wrong; the reason covers item, size and colour.
    item('photo-ruler-size-label', 'photo', false),
    item('unboxing-video', 'video', true),
    item('seller-messages', 'message', false),
  ],
  'missing-parts': [
    item('unboxing-video', 'video', true),
    item('photo-parts-received', 'photo', true),
    item('listing-quantity', 'screenshot', true),
    item('photo-package-label', 'photo', false),
    item('seller-messages', 'message', false),
  ],
  defective: [
    item('video-fault', 'video', true),
    item('photo-item', 'photo', true),
    item('photo-label', 'photo', true),
    item('listing-side-by-side', 'screenshot', false),
    item('seller-messages', 'message', false),
  ],
  counterfeit: [
    item('photo-item', 'photo', true),
    item('photo-label', 'photo', true),
    item('photo-logo-details', 'photo', true),
    item('listing-side-by-side', 'screenshot', true),
    item('unboxing-video', 'video', true),
    item('seller-messages', 'message', false),
  ],
};

export function checklist(reason: DisputeReason): readonly EvidenceItem[] {
  return EVIDENCE[reason];
}

export const EVIDENCE_TEXT_EN: Readonly<Record<string, string>> = {
  evidence_title_not_received: 'Evidence for "item not received"',
  evidence_title_not_as_described: 'Evidence for "not as described"',
  evidence_title_damaged: 'Evidence for "item damaged"',
  evidence_title_wrong_item: 'Evidence for "wrong item, size or colour"',
  evidence_title_missing_parts: 'Evidence for "missing parts or quantity"',
  evidence_title_defective: 'Evidence for "defective item"',
  evidence_title_counterfeit: 'Evidence for "counterfeit item"',
  evidence_required: 'required',
  evidence_optional: 'optional',

  evidence_item_tracking_aliexpress: 'Screenshot of the AliExpress tracking page',
  evidence_why_tracking_aliexpress: 'Shows where the parcel was last seen and since when.',
  evidence_item_tracking_local_carrier: "Screenshot of your local carrier's tracking",
  evidence_why_tracking_local_carrier: 'Shows the parcel never reached you, in the carrier’s own words.',
  evidence_item_seller_messages: 'Your messages with the seller',
  evidence_why_seller_messages: 'Shows what the seller promised or admitted.',
  evidence_item_customs_documents: 'Customs letters or documents',
  evidence_why_customs_documents: 'Needed when customs holds the parcel.',
  evidence_item_photo_item: 'Photos of the item you received',
  evidence_why_photo_item: 'Shows what actually arrived.',
  evidence_item_photo_label: 'Photo of the item’s label or tag',
  evidence_why_photo_label: 'Identifies the model, size or brand that arrived.',
  evidence_item_listing_side_by_side: 'The listing and the item side by side',
  evidence_why_listing_side_by_side: 'Lets AliExpress compare what was sold with what came.',
  evidence_item_unboxing_video: 'Unboxing video',
  evidence_why_unboxing_video:
    "Shows the parcel's content as it was opened. Upload it as a file, not as a link.",
  evidence_item_photo_outer_packaging: 'Photos of the outer packaging before opening',
  evidence_why_photo_outer_packaging: 'Shows whether the damage happened in transit.',
  evidence_item_photo_damage: 'Photos of the damage',
  evidence_why_photo_damage: 'Shows the extent of the damage.',
  evidence_item_photo_ruler_size_label: 'Photo with a ruler next to the item and its size label',
  evidence_why_photo_ruler_size_label: 'Needed when the size is wrong: proves the real measurements.',
  evidence_item_photo_parts_received: 'Photo of everything that arrived, laid out',
  evidence_why_photo_parts_received: 'Shows which parts or how many pieces came.',
  evidence_item_listing_quantity: 'Screenshot of the listing showing the parts or quantity',
  evidence_why_listing_quantity: 'Shows what should have been in the parcel.',
  evidence_item_photo_package_label: 'Photo of the parcel’s shipping label (with weight if shown)',
  evidence_why_photo_package_label: 'A low weight supports missing parts.',
  evidence_item_video_fault: 'Video showing the fault',
  evidence_why_video_fault:
    'AliExpress asks for a video for defective electronics. Upload it as a file, not as a link.',
  evidence_item_protection_promise: 'Screenshot of the protection promise on the order page',
  evidence_why_protection_promise: 'Shows the date by which AliExpress promised delivery or a refund.',
  guide_title: 'Before you write',
  guide_full_refund:
    'Ask for a full refund, whatever the reason. AliExpress lowers the amount itself if it sees fit; asking for less reads as haggling.',
  guide_no_return_at_cost:
    'For a wrong item or one not as described, do not agree to send it back at your own expense: the postage can cost more than a partial refund, and the parcel travels at your risk.',
  guide_polite_brief: 'Be polite and brief, stick to the facts, and give all the evidence at once.',
  guide_video_files: 'Upload videos as files: links to video sites do not open for the seller.',
  guide_keep_in_messages:
    "Keep every exchange with the seller in AliExpress's own messages: that is what AliExpress reads if it has to decide.",
  guide_tracking_screenshots:
    "Take screenshots of the tracking, both on AliExpress and on your local carrier's site, and of the protection promise on the order page.",
  guide_extend_early:
    'Only the seller can extend the protection: ask a few days before it ends, not on the last day.',
  evidence_item_photo_logo_details: 'Close-up photos of logos, serial numbers and details',
  evidence_why_photo_logo_details: 'Shows the marks that differ from the genuine product.',
};

/**
 * The buyer's guide, in our own words: what to keep in mind before writing, per reason (i18n keys).
 * Every reason: the full amount, politeness and all the evidence at once, every exchange in
 * AliExpress's messages. A parcel that never came: the tracking and protection screenshots, and
 * asking for more time early. Anything that did come: no return at your own cost, videos as files.
 */
export const GUIDE_TIPS = [
  'guide_full_refund',
  'guide_no_return_at_cost',
  'guide_tracking_screenshots',
  'guide_extend_early',
  'guide_video_files',
  'guide_polite_brief',
  'guide_keep_in_messages',
] as const;
export type GuideTip = (typeof GUIDE_TIPS)[number];

export function guideFor(reason: DisputeReason): readonly GuideTip[] {
  const arrived = reason !== 'not-received';
  return GUIDE_TIPS.filter((tip) =>
    tip === 'guide_no_return_at_cost' || tip === 'guide_video_files'
      ? arrived
      : tip === 'guide_tracking_screenshots' || tip === 'guide_extend_early'
        ? !arrived
        : true,
  );
}

/** `ticks` holds item ids that are done (true). */
export type Ticks = Readonly<Record<string, boolean>>;

/** The checklist as plain text for "copy as text": a title, then `[x] item (required)` lines. */
export function checklistAsText(reason: DisputeReason, ticks: Ticks, t: Translate): string {
  const lines = [t(`evidence_title_${reason.replaceAll('-', '_')}`)];
  for (const it of EVIDENCE[reason]) {
    const box = ticks[it.id] === true ? '[x]' : '[ ]';
    lines.push(`${box} ${t(it.text)} (${t(it.required ? 'evidence_required' : 'evidence_optional')})`);
  }
  return lines.join('\n');
}

/** Required items not ticked yet: what still stands between the buyer and a strong case. */
export function missingRequired(reason: DisputeReason, ticks: Ticks): readonly EvidenceItem[] {
  return EVIDENCE[reason].filter((it) => it.required && ticks[it.id] !== true);
}
