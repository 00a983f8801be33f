/**
 * Attack 1 of issue #12, the content script's half: a page that fires hundreds of order API
 * responses costs the worker one read at a time, and only the newest body of each API waits.
 */
import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../src/content/reading';
import type { Message, PageReadReply } from '../../../src/messages';

type Body = Message & { type: 'page-body' };
const body = (api: string, n: number): Body => ({
  type: 'page-body',
  kind: 'order-list',
  url: 'https://www.aliexpress.com/p/order/index.html',
  api,
  body: String(n),
});

function slowWorker() {
  const sent: string[] = [];
  const waiting: (() => void)[] = [];
  const send = (message: Body) => {
    sent.push(`${message.api}:${message.body}`);
    return new Promise<PageReadReply>((resolve) =>
      waiting.push(() => resolve({ stored: 0, usable: true, problems: [], state: 'read', effects: [] })),
    );
  };
  const answerAll = async () => {
    while (waiting.length) {
      waiting.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { sent, send, answerAll };
}

describe('page bodies, one at a time per tab', () => {
  it('a flood of 300 bodies sends the first and then only the newest', async () => {
    const worker = slowWorker();
    const send = oneAtATime(worker.send);
    const replies = Array.from({ length: 300 }, (_, i) => send(body('list', i)));
    await worker.answerAll();
    expect(worker.sent).toEqual(['list:0', 'list:299']);
    const answered = await Promise.all(replies);
    expect(answered.filter((r) => r !== undefined)).toHaveLength(2);
  });

  it('bodies of different APIs that arrive together are all sent, one after another', async () => {
    const worker = slowWorker();
    const send = oneAtATime(worker.send);
    void send(body('detail', 1));
    void send(body('tracking', 1));
    void send(body('refunds', 1));
    void send(body('tracking', 2));
    await worker.answerAll();
    expect(worker.sent).toEqual(['detail:1', 'tracking:2', 'refunds:1']);
    // Nothing in flight: the next one goes at once.
    void send(body('detail', 3));
    expect(worker.sent.at(-1)).toBe('detail:3');
    await worker.answerAll();
  });
});
