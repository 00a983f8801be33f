/**
 * How faces (popup, options, overlay) send commands to the worker. Faces never write storage: they
 * read it (src/store/state.ts) and ask the worker to change it.
 *
 *   const backup = await sendCommand({ type: 'export-backup' });
 *   await sendCommand({ type: 'set-handled', windowId, orderId, handled: true });
 *
 * A refused command (malformed, wrong sender, or failed) rejects with a `CommandError`.
 */
import { isRefusal } from './channels';
import type { Command, Reply } from './messages';

export class CommandError extends Error {
  override name = 'CommandError';
}

export type Send = (message: unknown) => Promise<unknown>;

export async function sendCommand<M extends Command>(
  message: M,
  // Loaded on first use: the polyfill refuses to load outside an extension (unit tests pass `send`).
  send: Send = async (m) => (await import('./platform/browser')).browser.runtime.sendMessage(m),
): Promise<Reply<M['type']>> {
  const answer = await send(message);
  if (typeof answer === 'object' && answer !== null && isRefusal(answer)) {
    throw new CommandError(String(answer.error));
  }
  // The one place faces take a reply's type on trust: the worker answers command M with
  // Reply<M['type']> (src/background/messages.ts `Handlers`), and nobody else answers.
  return answer as Reply<M['type']>;
}
