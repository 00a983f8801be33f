import { browser } from './browser';
import { idbDatabase } from './idb';
import type { NotificationOptions, Platform } from './types';

/** Firefox exposes `browser` natively and lacks notification buttons; Chrome has `chrome` only. */
const isFirefox = typeof globalThis.navigator !== 'undefined' && /firefox/i.test(navigator.userAgent);

const ICON = 'icons/icon-128.png';

const db = typeof indexedDB === 'undefined' ? undefined : idbDatabase();

/**
 * Opens IndexedDB now (the worker calls this as it starts): the open costs about 15 ms on a cold
 * start, and runs meanwhile instead of in front of the first read.
 */
export const warmStore = (): void => db?.warm();

export const webextPlatform: Platform = {
  flavour: isFirefox ? 'firefox' : 'chrome',
  now: () => Date.now(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  uiLanguage: () => browser.i18n.getUILanguage(),
  storage: {
    get: (keys) => browser.storage.local.get(keys),
    set: (items) => browser.storage.local.set(items),
    remove: (keys) => browser.storage.local.remove(keys),
    clear: () => browser.storage.local.clear(),
    getBytesInUse: async (keys) => {
      // Firefox has no getBytesInUse on storage.local; the benchmark measures it on Chrome.
      const area = browser.storage.local as { getBytesInUse?: (k: string[] | null) => Promise<number> };
      return area.getBytesInUse ? area.getBytesInUse(keys) : Number.NaN;
    },
  },
  sync: {
    get: (keys) => browser.storage.sync.get(keys),
    set: (items) => browser.storage.sync.set(items),
    remove: (keys) => browser.storage.sync.remove(keys),
    clear: () => browser.storage.sync.clear(),
  },
  orders: db?.orders ?? unavailable(),
  summaries: db?.summaries ?? unavailable(),
  session: {
    get: (keys) => browser.storage.session.get(keys),
    set: (items) => browser.storage.session.set(items),
    remove: (keys) => browser.storage.session.remove(keys),
    clear: () => browser.storage.session.clear(),
  },
  alarms: {
    set: async (name, when) => {
      await browser.alarms.create(name, { when });
    },
    clear: async (name) => {
      await browser.alarms.clear(name);
    },
    get: async (name) => {
      const alarm = await browser.alarms.get(name);
      return alarm ? { name: alarm.name, scheduledTime: alarm.scheduledTime } : undefined;
    },
  },
  notifications: {
    create: async (id, options: NotificationOptions) => {
      const base = {
        type: 'basic' as const,
        iconUrl: browser.runtime.getURL(ICON),
        title: options.title,
        message: options.message,
        ...(options.contextMessage ? { contextMessage: options.contextMessage } : {}),
        ...(options.priority !== undefined ? { priority: options.priority } : {}),
      };
      const withButtons =
        !isFirefox && options.buttons?.length
          ? { ...base, buttons: options.buttons, requireInteraction: options.requireInteraction ?? false }
          : base;
      await browser.notifications.create(id, withButtons);
    },
    clear: async (id) => {
      await browser.notifications.clear(id);
    },
    getAll: async () => Object.keys(await browser.notifications.getAll()),
  },
  badge: {
    set: async (text, color, title, tabId) => {
      const target = tabId === undefined ? {} : { tabId };
      await Promise.all([
        browser.action.setBadgeText({ text, ...target }),
        browser.action.setBadgeBackgroundColor({ color, ...target }),
        browser.action.setTitle({ title, ...target }),
      ]);
    },
  },
  tabs: {
    open: async (url) => {
      // tabs.create needs no "tabs" permission.
      await browser.tabs.create({ url });
    },
  },
  t: (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key,
};

/** A bundle that imports this without IndexedDB fails loudly on the first read. */
function unavailable(): Platform['summaries'] {
  const no = () => Promise.reject(new Error('IndexedDB is not available here'));
  return {
    get: no,
    getAll: no,
    keys: no,
    put: no,
    delete: no,
    clear: no,
    count: no,
    readPlanning: no,
    readLive: no,
    readFirstScreen: no,
  };
}
