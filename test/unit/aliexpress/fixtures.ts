/** Fixture loading shared by the reader tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
/** Real captures, shared by every worktree and kept byte for byte (see their SOURCES.md). */
export const realDir = path.join(repoRoot, '..', 'shared', 'fixtures', 'real');
export const ownDir = path.join(repoRoot, 'test', 'fixtures', 'aliexpress');

export function realText(name: string): string {
  return readFileSync(path.join(realDir, name), 'utf8');
}

export function ownText(name: string): string {
  return readFileSync(path.join(ownDir, name), 'utf8');
}

export function ownJson(name: string): unknown {
  return JSON.parse(ownText(name));
}

/** The list capture is an array of `{url, status, body}`; the order list is the one whose URL says so. */
export function realListCapture(): { url: string; status: number; body: string } {
  const captures: unknown = JSON.parse(realText('order-list.tobixen.json'));
  if (!Array.isArray(captures)) throw new Error('list capture is not an array');
  const found = captures.find(
    (entry): entry is { url: string; status: number; body: string } =>
      typeof entry === 'object' && entry !== null && String(entry.url).includes('trade.buyer.order.list'),
  );
  if (!found) throw new Error('no order list in the capture');
  return found;
}

export function realDetailBody(): unknown {
  return JSON.parse(realText('order-detail.completed-br.json'));
}

/** A fixed read time: 2026-09-01T12:00:00Z. */
export const READ_AT = Date.UTC(2026, 8, 1, 12);
