/**
 * Small, total helpers to read untrusted JSON (`unknown`) without `any` and without throwing.
 * Bodies come from a page we do not control, so every accessor checks the type it returns.
 */

export type Json = Record<string, unknown>;

export function isObj(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): Json | undefined {
  return isObj(value) ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty trimmed string, or undefined. Numbers are not strings here on purpose. */
export function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Walk a path of keys, returning undefined as soon as a step is not an object. */
export function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObj(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * An id (order, order line, product) as digits. Ids above 2^53 lose precision in JSON.parse, so a
 * number is only trusted when it is a safe integer; a string is trusted when it is all digits.
 */
export function digits(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return /^\d{1,30}$/.test(trimmed) ? trimmed : undefined;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

/**
 * The body of a page response in whatever wrapper it came: an object, a JSON or JSONP string, or a
 * capture envelope `{url, status, body}` (what the page-world interceptor and the shared fixtures
 * hold, with `body` a JSON string).
 */
export function unwrapBody(body: unknown): unknown {
  let current = body;
  // Two rounds cover "envelope whose body is a string"; more nesting is not a shape we have seen.
  for (let round = 0; round < 3; round++) {
    if (typeof current === 'string') {
      current = parseBody(current);
      continue;
    }
    if (isObj(current) && 'body' in current && ('url' in current || 'status' in current)) {
      current = current.body;
      continue;
    }
    break;
  }
  return current;
}

/**
 * Parse a response text that is JSON or JSONP (`mtopjsonp3({...})`, as mtop answers script-tag
 * requests). Never throws: anything unreadable is `undefined`.
 */
export function parseBody(text: string): unknown {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through to JSONP
  }
  // A callback name, then `(`, the JSON, `)` and an optional `;`. The name is never evaluated.
  const jsonp = /^[\w$.]{1,100}\s*\(([\s\S]*)\)\s*;?$/.exec(trimmed);
  if (!jsonp?.[1]) return undefined;
  try {
    const parsed: unknown = JSON.parse(jsonp[1]);
    // mtop's JSONP payload is always an object; `alert(1)` is a call, not a response.
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ultron components with the given tag. `data.data` is an object keyed `<tag>_<id>`, but the
 * keys' suffixes change (the services block is keyed `..._sv3-<orderId>`), so only `tag` is used.
 */
export function componentsByTag(body: unknown, tag: string): Json[] {
  const found: Json[] = [];
  for (const container of [at(body, 'data', 'data'), at(body, 'data')]) {
    if (!isObj(container)) continue;
    for (const value of Object.values(container)) {
      if (isObj(value) && value.tag === tag) found.push(value);
    }
    if (found.length) break;
  }
  return found;
}

/** Every ultron component (an object with a string `tag`) where componentsByTag looks. */
export function componentsIn(body: unknown): Json[] {
  const found: Json[] = [];
  for (const container of [at(body, 'data', 'data'), at(body, 'data')]) {
    if (!isObj(container)) continue;
    for (const value of Object.values(container)) {
      if (isObj(value) && typeof value.tag === 'string') found.push(value);
    }
  }
  return found;
}

export function fieldsOf(component: Json | undefined): Json {
  return obj(component?.fields) ?? {};
}
