/**
 * One long-lived port from this page to the worker, opened on first use and again after the worker
 * went to sleep (which closes it). A port costs the page's main thread about half of what a
 * `runtime.sendMessage` per response does (measured: bench/interceptor.bench.ts), because
 * sendMessage opens and tears down a channel for every message.
 *
 * An idle port does not keep the worker awake, and we never reconnect on our own: only when there
 * is something to send.
 */

import { PAGE_PORT_NAME } from '../channels';
import type { Message } from '../messages';
import { type ContentExt, ext } from './ext';

type Port = ReturnType<ContentExt['runtime']['connect']>;

export function workerPort(api: ContentExt = ext): (message: Message) => Promise<unknown> {
  let port: Port | undefined;
  let nextId = 0;
  const waiting = new Map<number, (reply: unknown) => void>();

  const open = (): Port => {
    const opened = api.runtime.connect({ name: PAGE_PORT_NAME });
    opened.onMessage.addListener((envelope) => {
      const { id, reply } = envelope as { id: number; reply: unknown };
      waiting.get(id)?.(reply);
      waiting.delete(id);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined;
      // Whatever was in flight is lost with the worker; the page's next response is read anew.
      for (const resolve of waiting.values()) resolve(undefined);
      waiting.clear();
    });
    return opened;
  };

  return (message) => {
    port ??= open();
    const id = nextId++;
    const current = port;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      try {
        current.postMessage({ id, message });
      } catch {
        // The port closed between two lines: open a new one next time.
        if (port === current) port = undefined;
        waiting.delete(id);
        resolve(undefined);
      }
    });
  };
}
