/**
 * One long-lived port from this page to the worker, opened on first use and again after the worker
 * went to sleep (which closes it). A port costs the page's main thread about half of what a
 * `runtime.sendMessage` per response does (measured: bench/interceptor.bench.ts), because
 * sendMessage opens and tears down a channel for every message.
 *
 * An idle port does not keep the worker awake, and we never reconnect on our own: only when there
 * is something to send, or (`warm`) when the page starts and will send soon: a sleeping worker
 * then starts while the page loads instead of after its first response (about 100 ms of the
 * buyer's wait for the badge). The envelopes (`PortRequest`, `PortReply`) are src/channels.ts's,
 * shared with the worker's end (src/background/index.ts).
 */

import { isPortReply, PAGE_PORT_NAME, type PortRequest } from '../channels';
import type { Answer, MessageType, SendToWorker } from '../messages';
import { type PageExt, pageExt } from '../platform/native';

type Port = ReturnType<PageExt['runtime']['connect']>;

/** Resolves a request with the worker's answer to it. */
type Waiting = (answer: Answer<MessageType> | undefined) => void;

export type WorkerPort = SendToWorker & {
  /** Opens the port now, unless open: wakes a sleeping worker before there is anything to send. */
  warm(): void;
};

export function workerPort(api: PageExt = pageExt): WorkerPort {
  let port: Port | undefined;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();

  const open = (): Port => {
    const opened = api.runtime.connect({ name: PAGE_PORT_NAME });
    opened.onMessage.addListener((envelope) => {
      if (!isPortReply(envelope)) return;
      waiting.get(envelope.id)?.(envelope.reply);
      waiting.delete(envelope.id);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined;
      // Whatever was in flight is lost with the worker; the page's next response is read anew.
      for (const resolve of waiting.values()) resolve(undefined);
      waiting.clear();
    });
    return opened;
  };

  const send: SendToWorker = (message) => {
    port ??= open();
    const id = nextId++;
    const current = port;
    return new Promise((resolve) => {
      // The one place a reply's type is taken on trust: the worker answers request `id` with the
      // answer to that message (src/background/index.ts), which is what types it.
      waiting.set(id, resolve as Waiting);
      try {
        const request: PortRequest = { id, message };
        current.postMessage(request);
      } catch {
        // The port closed between two lines: open a new one next time.
        if (port === current) port = undefined;
        waiting.delete(id);
        resolve(undefined);
      }
    });
  };
  return Object.assign(send, {
    warm: () => {
      port ??= open();
    },
  });
}
