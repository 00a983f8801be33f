/**
 * Incoming messages: the sender is checked, the message parsed, and one handler per type runs.
 * Anything else is refused with a logged reason and changes nothing.
 */
import { describeIssues, z } from '../core/z';
import { Message, type MessageOf, type MessageType } from '../messages';
import type { Platform } from '../platform/types';
import { applySnapshots } from './store';

export interface Sender {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
}

/** Only our own pages, and our content scripts on AliExpress hosts, may talk to the worker. */
export function senderAllowed(sender: Sender, ownId: string): boolean {
  if (sender.id !== ownId) return false;
  if (!sender.tab) return true; // popup, options: extension pages have no tab
  try {
    const host = new URL(sender.url ?? '').hostname;
    return (
      host === 'aliexpress.com' ||
      host.endsWith('.aliexpress.com') ||
      host === 'aliexpress.us' ||
      host.endsWith('.aliexpress.us')
    );
  } catch {
    return false;
  }
}

type Handlers = {
  [T in MessageType]: (message: MessageOf<T>, sender: Sender, platform: Platform) => Promise<unknown>;
};

const handlers: Handlers = {
  'page-read': async (message, _sender, platform) => {
    await applySnapshots(platform, message.snapshots);
    return { stored: message.snapshots.length };
  },
  'page-unreadable': async () => ({ stored: 0 }),
};

export async function handleMessage(
  raw: unknown,
  sender: Sender,
  platform: Platform,
  ownId: string,
): Promise<unknown> {
  if (!senderAllowed(sender, ownId)) {
    console.warn('[protection-clock] refused a message from', sender.url ?? sender.id);
    return { error: 'sender refused' };
  }
  const parsed = z.safeParse(Message, raw);
  if (!parsed.success) {
    console.warn('[protection-clock] refused a malformed message:', describeIssues(parsed.error));
    return { error: 'malformed message' };
  }
  const message = parsed.data;
  const handler = handlers[message.type] as (m: Message, s: Sender, p: Platform) => Promise<unknown>;
  return handler(message, sender, platform);
}
