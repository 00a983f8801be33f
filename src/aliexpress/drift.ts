import type { Drift, DriftEffect } from './health-schema';
import { componentsIn } from './json';

export { Drift, DriftEffect, DriftKind } from './health-schema';

export type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export function jsonType(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  if (type === 'object') return 'object';
  return 'undefined';
}

/**
 * Every component tag seen on each page kind, in the real captures and the shapes the notes list.
 * A tag outside this list is reported as new: the page may carry something we should read.
 */
export const KNOWN_TAGS: Readonly<Record<'list' | 'detail', ReadonlySet<string>>> = {
  list: new Set(['pc_om_list_order', 'pc_om_list_body']),
  detail: new Set([
    'detail_root_container',
    'detail_order_status_block',
    'detail_simple_order_info_component',
    'detail_order_services',
    'detail_service_progress_bar',
    'detail_product_block',
    'detail_order_price_block',
    'detail_aync_block',
    'detail_tail_container',
  ]),
};

/** Tags of the body's components that the page kind never had (capped: a page is not a list of tags). */
export function newTags(root: unknown, kind: 'list' | 'detail'): string[] {
  const known = KNOWN_TAGS[kind];
  const found: string[] = [];
  for (const component of componentsIn(root)) {
    const tag = component.tag;
    if (typeof tag === 'string' && !known.has(tag) && !found.includes(tag)) {
      found.push(tag.slice(0, 100));
      if (found.length >= 20) break;
    }
  }
  return found;
}

/** Only for a field that is present: an absent field is `missing-field` drift, or nothing. */
export function typeDrift(
  where: string,
  value: unknown,
  expected: readonly JsonType[],
  effect: DriftEffect,
): Drift | undefined {
  if (value === undefined) return undefined;
  const got = jsonType(value);
  if (got === 'undefined' || (expected as readonly string[]).includes(got)) return undefined;
  return { kind: 'wrong-type', where, effect, text: got, expected: expected.join(' or ') };
}
