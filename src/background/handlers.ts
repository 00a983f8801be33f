/**
 * The handlers of incoming messages (the protocol itself is src/messages.ts): the sender is checked, the message parsed, and one handler per type runs.
 * Anything else is refused with a logged reason and changes nothing.
 *
 * Who may send what:
 * - page messages (`page-body`, `page-dom`, `page-unreadable`) only from our content script in an
 *   AliExpress tab;
 * - commands only from our own extension pages (popup, options; in a tab or not).
 * `runtime.sendMessage` from a web page cannot reach us at all (no `externally_connectable`); the
 * sender check is what stops another extension, a non-AliExpress tab, or a content script asking
 * for a command.
 */
import { parseBody, type ReadResult, readApiBody, readPageText } from '../aliexpress';
import { confineToPage } from '../aliexpress/confine';
import { readState } from '../aliexpress/health';
import { makeSample, sampleText } from '../aliexpress/sample';
import { setHandled, setHidden, snooze } from '../core/ledger';
import { describeIssues, z } from '../core/z';
import {
  type Answer,
  type CommandType,
  isAliExpressUrl,
  Message,
  type MessageOf,
  type MessageType,
  type PageReadReply,
  type Refusal,
  type Reply,
  SENDERS,
} from '../messages';
import type { Platform } from '../platform/types';
import { exportBackup, importBackup } from '../store/backup';
import {
  clearChecklist,
  deleteAll,
  loadPrefs,
  setNote,
  setPrefs,
  startChecklist,
  tickChecklist,
  updateLedger,
} from '../store/buyer-data';
import { ITEMS, type PageKind, readItem } from '../store/items';
import { ensureCurrent } from '../store/migrations';
import { setReturnAgreed } from '../store/orders';
import { type OnOrdersRead, recordHealth, recordRead } from '../store/page-reads';
import { dismissQuarantined } from '../store/quarantine';
import { serialized } from '../store/queue';
import { keepSample } from '../store/samples';
import { loadSummaries } from '../store/summaries';
import { setFocus } from './badge';
import { ALARM_NAME, badgeReadOrder, markRead, runScheduler } from './scheduler';
import { setSync } from './sync';

export interface Sender {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
}

/** This extension: its id and the origin of its pages (`chrome-extension://<id>/`, Firefox's differs). */
export interface Self {
  id: string;
  origin: string;
}

export type SenderKind = 'content' | 'extension-page' | 'refused';

export function senderKind(sender: Sender, self: Self): SenderKind {
  if (sender.id !== self.id) return 'refused';
  const url = sender.url ?? '';
  if (self.origin && url.startsWith(self.origin)) return 'extension-page';
  if (sender.tab && isAliExpressUrl(url)) return 'content';
  return 'refused';
}

type Handlers = {
  [T in MessageType]: (
    message: MessageOf<T>,
    sender: Sender,
    platform: Platform,
    from: Exclude<SenderKind, 'refused'>,
  ) => Promise<Reply<T> | Refusal>;
};

const done = { ok: true } as const;

/**
 * Replies of page reads that changed nothing stored (no order, the same health as last time, the
 * same focus): they need no scheduler run. A WeakSet, not a field, so the reply stays as it was.
 */
const unchanged = new WeakSet<object>();

/**
 * Stores what a page read came to: the orders it found, and its health for the faces. (The unit
 * tests of the scheduler and the store call it, inside `runChange`, with snapshots they make up.)
 * A read that yields no order and the same health as the last read of its page kind writes
 * nothing: 300 empty bodies once cost a full write and runScheduler each (issue #12).
 */
export async function storeRead(
  message: Pick<MessageOf<'page-body'>, 'kind' | 'url' | 'focusOrderId'>,
  result: ReadResult,
  sender: Sender,
  platform: Platform,
): Promise<PageReadReply> {
  const reply: PageReadReply = {
    stored: result.snapshots.length,
    usable: result.health.usable,
    problems: result.health.problems,
    state: readState(result.health),
    effects: [...new Set((result.health.drift ?? []).map((d) => d.effect))],
  };
  const quiet = result.snapshots.length === 0 && (await sameHealth(platform, message.kind, result));
  const tabId = sender.tab?.id;
  const focus = message.focusOrderId;
  // The tab's own order is badged as soon as it is read (see badgeReadOrder), before the writes.
  const badge: OnOrdersRead | undefined =
    tabId === undefined || focus === undefined
      ? undefined
      : async (summaries, items) => {
          const shown = summaries.find((s) => s.orderId === focus);
          if (shown)
            await badgeReadOrder(platform, tabId, shown, items).catch((error: unknown) =>
              console.warn('[protection-clock] early tab badge failed; the run sets it', error),
            );
        };
  if (!quiet) {
    await recordRead(
      platform,
      result.snapshots,
      message.kind,
      { at: platform.now(), url: message.url, health: result.health },
      badge,
    );
    // Part of a burst of reads: reminders wait until it settles (core/burst.ts).
    await markRead(platform);
  }
  const focused = tabId !== undefined && (await setFocus(platform, tabId, focus));
  if (quiet && !focused) unchanged.add(reply);
  return reply;
}

/** Whether the page kind's stored health already says what this read says. */
async function sameHealth(platform: Platform, kind: PageKind, result: ReadResult): Promise<boolean> {
  const stored = (await readItem(platform.storage, ITEMS.health))[kind];
  return (
    stored !== undefined &&
    stored.unreadable === undefined &&
    JSON.stringify(stored.health) === JSON.stringify(result.health)
  );
}

/**
 * Page reads of one tab, one at a time: while one waits or runs, only the newest body of each API
 * from that tab waits behind it; an older one is answered "superseded" and never read. A page that
 * fires hundreds of responses so costs the queue (and the buyer's next command) a read or two,
 * not hundreds.
 */
const tabs = new Map<
  number,
  { busy: boolean; waiting: Map<string, { start: () => void; drop: () => void }> }
>();
const SUPERSEDED: Refusal = { error: 'superseded by a newer body from this tab' };

export function oneReadPerTab<T>(tabId: number, api: string, read: () => Promise<T>): Promise<T | Refusal> {
  let tab = tabs.get(tabId);
  if (!tab) {
    tab = { busy: false, waiting: new Map() };
    tabs.set(tabId, tab);
  }
  const state = tab;
  const next = () => {
    const first = state.waiting.entries().next();
    if (first.done) {
      state.busy = false;
      tabs.delete(tabId);
      return;
    }
    state.waiting.delete(first.value[0]);
    first.value[1].start();
  };
  return new Promise<T | Refusal>((resolve) => {
    const start = () => {
      state.busy = true;
      read()
        .then(resolve, () => resolve({ error: 'page read failed' }))
        .finally(next);
    };
    if (!state.busy) start();
    else {
      state.waiting.get(api)?.drop();
      state.waiting.set(api, { start, drop: () => resolve(SUPERSEDED) });
    }
  });
}

/**
 * A body that was not read in full is kept, anonymised, for a bug report (store/samples.ts). An
 * error answer (signed out, captcha) is not a changed page, and neither is a read in full.
 */
async function keepSampleOf(
  message: MessageOf<'page-body'>,
  result: ReadResult,
  platform: Platform,
): Promise<void> {
  const state = readState(result.health);
  if (state === 'read') return;
  const errorAnswer = result.health.problems.some((p) => p.startsWith('api answered'));
  if (!result.health.drift?.length && errorAnswer) return;
  const at = platform.now();
  const sample = makeSample({ api: message.api, body: message.body, pageUrl: message.url, readAt: at });
  await keepSample(platform.session, { api: sample.api, at, state, text: sampleText(sample) }, at);
}

const handlers: Handlers = {
  'page-body': async (message, sender, platform) => {
    const result = readApiBody(message.api, parseBody(message.body), {
      readAt: platform.now(),
      pageUrl: message.url,
    });
    const reply = await storeRead(
      message,
      confineToPage(result, message.kind, message.url),
      sender,
      platform,
    );
    await keepSampleOf(message, result, platform);
    return reply;
  },
  'page-dom': async (message, sender, platform) => {
    const result = readPageText(message.page, { readAt: platform.now(), pageUrl: message.url });
    return storeRead(message, confineToPage(result, message.kind, message.url), sender, platform);
  },
  'get-summaries': async (message, _sender, platform) => ({
    summaries: await loadSummaries(platform.summaries, message.orderIds),
  }),
  'page-unreadable': async (message, sender, platform) => {
    await recordHealth(platform.storage, message.kind, {
      at: platform.now(),
      url: message.url,
      unreadable: message.reason,
    });
    const tabId = sender.tab?.id;
    if (tabId !== undefined) await setFocus(platform, tabId, undefined);
    return { stored: 0 };
  },
  'set-handled': async (m, _s, platform) => {
    await updateLedger(platform.storage, (l) => setHandled(l, m.windowId, m.handled, platform.now()));
    return done;
  },
  snooze: async (m, _s, platform) => {
    const prefs = await loadPrefs(platform.storage);
    await updateLedger(platform.storage, (l) => snooze(l, m.windowId, m.until, prefs.leadsDays));
    return done;
  },
  'set-hidden': async (m, _s, platform) => {
    // The windows it has now, from its summary: a new one brings the order back (core/ledger.ts).
    const [summary] = m.hidden ? await loadSummaries(platform.summaries, [m.orderId]) : [];
    if (m.hidden && summary === undefined) return { error: 'no such order' };
    const windows = summary ? summary.windows.map((w) => w.id) : null;
    await updateLedger(platform.storage, (l) => setHidden(l, m.orderId, windows, platform.now()));
    return done;
  },
  'checklist-start': async (m, _s, platform, from) => {
    // From an AliExpress page (the panel), only a new checklist: the page's script is next to it.
    const list = await startChecklist(
      platform.storage,
      m.orderId,
      m.reason,
      platform.now(),
      from !== 'content',
    );
    return list ? done : { error: 'a checklist is already started for this order' };
  },
  'checklist-tick': async (m, _s, platform) => {
    const list = await tickChecklist(platform.storage, m.orderId, m.itemId, m.ticked, platform.now());
    return list ? done : { error: 'no checklist started for this order' };
  },
  'checklist-clear': async (m, _s, platform) => {
    await clearChecklist(platform.storage, m.orderId);
    return done;
  },
  'set-note': async (m, _s, platform) => {
    await setNote(platform.storage, m.orderId, m.text, platform.now());
    return done;
  },
  'set-return-agreed': async (m, _s, platform) =>
    (await setReturnAgreed(platform, m.orderId, m.on)) ? done : { error: 'no such order' },
  'set-prefs': async (m, _s, platform) => {
    await setPrefs(platform.storage, m.prefs);
    return done;
  },
  'dismiss-quarantined': async (m, _s, platform) => {
    await dismissQuarantined(platform.storage, m.entries);
    return done;
  },
  'set-sync': async (m, _s, platform) => {
    await setSync(platform, m.on);
    return done;
  },
  'export-backup': async (_m, _s, platform) => exportBackup(platform, platform.now()),
  'import-backup': async (m, _s, platform) => importBackup(platform, m.backup),
  'delete-all': async (_m, _s, platform) => {
    await deleteAll(platform);
    await platform.session.clear();
    await platform.alarms.clear(ALARM_NAME);
    for (const id of await platform.notifications.getAll()) await platform.notifications.clear(id);
    return done;
  },
  'open-url': async (m, _s, platform) => {
    await platform.tabs.open(m.url);
    return done;
  },
};

/** Messages that change nothing stored need no scheduler run. */
const READ_ONLY: ReadonlySet<MessageType> = new Set<MessageType>([
  'export-backup',
  'open-url',
  'get-summaries',
]);

export async function handleMessage(
  raw: unknown,
  sender: Sender,
  platform: Platform,
  self: Self,
): Promise<Answer<MessageType>> {
  const from = senderKind(sender, self);
  if (from === 'refused') {
    console.warn('[protection-clock] refused a message from', sender.url ?? sender.id);
    return { error: 'sender refused' };
  }
  const parsed = z.safeParse(Message, raw);
  if (!parsed.success) {
    console.warn('[protection-clock] refused a malformed message:', describeIssues(parsed.error));
    return { error: 'malformed message' };
  }
  const message = parsed.data;
  if (!SENDERS[message.type].includes(from)) {
    console.warn('[protection-clock] refused', message.type, 'from', from);
    return { error: 'sender refused' };
  }
  const handler = handlers[message.type] as (
    m: Message,
    s: Sender,
    p: Platform,
    f: Exclude<SenderKind, 'refused'>,
  ) => Promise<Answer<MessageType>>;
  const run = () =>
    runChange(
      platform,
      message.type,
      () => handler(message, sender, platform, from),
      READ_ONLY.has(message.type)
        ? false
        : (reply) => !(typeof reply === 'object' && reply !== null && unchanged.has(reply)),
    );
  const tabId = sender.tab?.id;
  if ((message.type === 'page-body' || message.type === 'page-dom') && tabId !== undefined)
    return oneReadPerTab(tabId, message.type === 'page-body' ? message.api : 'dom', run);
  return run();
}

/**
 * How every message runs: one at a time, on a store at the current schema version, then (unless it
 * changed nothing) one scheduler run. A failure is logged and answered, never thrown.
 */
export function runChange<T>(
  platform: Platform,
  what: string,
  change: () => Promise<T>,
  schedule: boolean | ((reply: T) => boolean) = true,
): Promise<T | Refusal> {
  return serialized(async () => {
    try {
      await ensureCurrent(platform);
      const reply = await change();
      if (typeof schedule === 'function' ? schedule(reply) : schedule) await runScheduler(platform);
      return reply;
    } catch (error) {
      console.error('[protection-clock]', what, 'failed:', error);
      return { error: `${what} failed` };
    }
  });
}

export type { CommandType };
