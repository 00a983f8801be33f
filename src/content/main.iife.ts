/**
 * The isolated content script on AliExpress order, tracking and refund pages. Built as one
 * self-contained file (see vite.config.ts).
 *
 * Two jobs: read the page (reading.ts) and show what we know on it (overlay/, chips/). They meet
 * here: every message the reader sends the worker also tells the overlay whether this page could be
 * read, and one URL watcher tells both when the SPA navigates. Both talk to the worker over one
 * port: the reader sends what the page received; the faces ask for order summaries and start the
 * evidence checklist.
 */
import { pageKind } from '../aliexpress/pages';
import { isRefusal } from '../channels';
import type { SendToWorker } from '../messages';
import { pageExt as ext } from '../platform/native';
import { t, uiLanguage } from '../ui/i18n';
import { refundsUrl } from '../ui/links';
import { HealthTracker } from './overlay/health';
import { watchUrl } from './overlay/navigation';
import { startOverlay } from './overlay/overlay';
import type { PageStorage, StorageChanges } from './overlay/storage';
import { startReading } from './reading';
import { summariesVia } from './summaries';
import { workerPort } from './worker-port';

const health = new HealthTracker();
health.reset(window.location.href);

const viaPort = workerPort();
// A page we read sends the worker something soon (a body, a wall, the overlay's question): a
// sleeping worker starts now, while the page loads, not after the page's first response.
if (pageKind(window.location.href)) viaPort.warm();

const send: SendToWorker = async (message) => {
  const url = window.location.href;
  try {
    const reply = await viaPort(message);
    health.observe(message, url, reply);
    return reply;
  } catch (error) {
    // The worker may be restarting; the next response on the page will be read again. What the
    // page itself concluded (a wall, a read with its health) still reaches the overlay.
    health.observe(message, url);
    console.warn('[protection-clock] could not reach the extension:', error);
    return undefined;
  }
};

const reading = startReading(send);

const storage: PageStorage = {
  get: (keys) => ext.storage.local.get(keys),
  set: (items) => ext.storage.local.set(items),
  subscribe: (listener) => {
    const onChanged = (changes: StorageChanges, area: string) => {
      if (area === 'local') listener(changes);
    };
    ext.storage.onChanged.addListener(onChanged);
    return () => ext.storage.onChanged.removeListener(onChanged);
  },
};

const boot = () => {
  const overlay = startOverlay({
    win: window,
    storage,
    health,
    t,
    lang: uiLanguage(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    now: Date.now,
    copy: (text) => navigator.clipboard.writeText(text),
    summaries: summariesVia(viaPort),
    startChecklist: async (orderId, reason) => {
      const reply = await viaPort({ type: 'checklist-start', orderId, reason });
      return reply !== undefined && !isRefusal(reply);
    },
    returnsUrl: refundsUrl,
  });
  watchUrl((url) => {
    reading.navigated(url);
    overlay.navigated(url);
  });
};

// The overlay waits for the page's first render: whether the panel fits is judged on it.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
