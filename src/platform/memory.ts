/**
 * An in-memory browser for unit tests: storage that round-trips through structured clone (as the
 * real one does, so a test cannot keep a live reference), one-shot alarms, notifications, badges
 * per tab, and a clock the test moves. Nothing here is used by the built extension.
 */
import type { NotificationOptions, Platform } from './types';

export interface MemoryPlatform extends Platform {
  clock: { now: number };
  zone: string;
  data: Map<string, unknown>;
  alarmsSet: Map<string, number>;
  shown: Map<string, NotificationOptions>;
  badges: Map<number | 'global', { text: string; color: string; title: string }>;
  opened: string[];
  writes: number;
  /** Moves the clock; returns the names of alarms now due (the caller fires them). */
  advance(ms: number): string[];
}

export function memoryPlatform(
  options: { now?: number; timeZone?: string; flavour?: 'chrome' | 'firefox' } = {},
): MemoryPlatform {
  const data = new Map<string, unknown>();
  const alarmsSet = new Map<string, number>();
  const shown = new Map<string, NotificationOptions>();
  const badges: MemoryPlatform['badges'] = new Map();
  const opened: string[] = [];
  const clock = { now: options.now ?? Date.UTC(2026, 10, 22, 12) };
  const platform: MemoryPlatform = {
    flavour: options.flavour ?? 'chrome',
    clock,
    zone: options.timeZone ?? 'UTC',
    data,
    alarmsSet,
    shown,
    badges,
    opened,
    writes: 0,
    now: () => clock.now,
    timeZone: () => platform.zone,
    uiLanguage: () => 'en',
    storage: {
      get: async (keys) => {
        const out: Record<string, unknown> = {};
        const wanted = keys ?? [...data.keys()];
        for (const key of wanted) if (data.has(key)) out[key] = structuredClone(data.get(key));
        return out;
      },
      set: async (items) => {
        platform.writes += 1;
        for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
      },
      remove: async (keys) => {
        for (const key of keys) data.delete(key);
      },
      clear: async () => {
        data.clear();
      },
      getBytesInUse: async (keys) => {
        let bytes = 0;
        for (const key of keys ?? [...data.keys()]) {
          if (data.has(key)) bytes += key.length + JSON.stringify(data.get(key)).length;
        }
        return bytes;
      },
    },
    alarms: {
      set: async (name, when) => {
        alarmsSet.set(name, when);
      },
      clear: async (name) => {
        alarmsSet.delete(name);
      },
      get: async (name) => {
        const when = alarmsSet.get(name);
        return when === undefined ? undefined : { name, scheduledTime: when };
      },
    },
    notifications: {
      create: async (id, opts) => {
        shown.set(id, opts);
      },
      clear: async (id) => {
        shown.delete(id);
      },
    },
    badge: {
      set: async (text, color, title, tabId) => {
        badges.set(tabId ?? 'global', { text, color, title });
      },
    },
    tabs: {
      open: async (url) => {
        opened.push(url);
      },
    },
    t: (key, substitutions) => (substitutions?.length ? `${key}(${substitutions.join('|')})` : key),
    advance: (ms) => {
      clock.now += ms;
      const due: string[] = [];
      for (const [name, when] of alarmsSet) {
        if (when <= clock.now) {
          due.push(name);
          alarmsSet.delete(name);
        }
      }
      return due;
    },
  };
  return platform;
}
