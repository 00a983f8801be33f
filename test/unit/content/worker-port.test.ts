/**
 * The page's one port to the worker (src/content/worker-port.ts): `warm` opens it when the page
 * starts, so that a sleeping worker wakes while the page loads; what the page sends later goes over
 * that same port, and a port the worker closed is opened again only when there is something to send.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_PORT_NAME } from '../../../src/channels';
import { workerPort } from '../../../src/content/worker-port';
import type { PageExt } from '../../../src/platform/native';

function fakeExt() {
  const ports: { name: string; sent: unknown[]; reply: (m: unknown) => void; close: () => void }[] = [];
  const ext = {
    runtime: {
      sendMessage: async () => undefined,
      connect: ({ name }: { name: string }) => {
        const listeners: ((m: unknown) => void)[] = [];
        const closers: (() => void)[] = [];
        const port = {
          name,
          sent: [] as unknown[],
          reply: (m: unknown) => {
            for (const l of listeners) l(m);
          },
          close: () => {
            for (const c of closers) c();
          },
        };
        ports.push(port);
        return {
          postMessage: (m: unknown) => port.sent.push(m),
          onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
          onDisconnect: { addListener: (l: () => void) => closers.push(l) },
        };
      },
    },
  } as unknown as PageExt;
  return { ext, ports };
}

describe('the page port to the worker', () => {
  it('opens at once when warmed, and the first message goes over that port', async () => {
    const { ext, ports } = fakeExt();
    const port = workerPort(ext);
    port.warm();
    expect(ports.map((p) => p.name)).toEqual([PAGE_PORT_NAME]);
    port.warm();
    const answer = port({ type: 'get-summaries', orderIds: ['8100000000000001'] });
    expect(ports).toHaveLength(1);
    const [request] = (ports[0]?.sent ?? []) as { id: number }[];
    ports[0]?.reply({ id: request?.id, reply: { summaries: [] } });
    await expect(answer).resolves.toEqual({ summaries: [] });
  });

  it('opens nothing until warmed or sent to, and reopens after the worker closed it only to send', async () => {
    const { ext, ports } = fakeExt();
    const port = workerPort(ext);
    expect(ports).toHaveLength(0);
    port.warm();
    ports[0]?.close();
    expect(ports).toHaveLength(1);
    void port({ type: 'get-summaries', orderIds: ['8100000000000001'] });
    expect(ports).toHaveLength(2);
    expect(ports[1]?.sent).toHaveLength(1);
  });
});
