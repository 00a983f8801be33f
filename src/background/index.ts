/**
 * The service worker. Every listener is registered synchronously at the top level, so that a
 * worker woken by an event finds its listener (a listener added after an await can miss it).
 * State that matters lives in storage, never in globals: the worker sleeps after 30 s idle.
 * Each event hands off to one module; changes run one at a time (store/queue.ts).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PAGE_PORT_NAME } from '../channels';
import { webextPlatform as platform } from '../platform/webext';
import { runMigrations } from '../store/migrations';
import { serialized } from '../store/queue';
import { onButtonClicked, onNotificationClicked } from './clicks';
import { handleMessage } from './messages';
import { ALARM_NAME, reschedule } from './scheduler';

const self = { id: browser.runtime.id, origin: browser.runtime.getURL('') };

const run = (why: string) =>
  serialized(() => reschedule(platform)).catch((error: unknown) =>
    console.error('[protection-clock] scheduler run failed after', why, error),
  );

browser.runtime.onInstalled.addListener((details) => {
  // Install and update: migrate the store first (in order, writing only what changed), then plan.
  void serialized(async () => {
    const migration = await runMigrations(platform.storage);
    if (migration.written.length > 0) console.info('[protection-clock] store migrated', migration);
  })
    .catch((error: unknown) => console.error('[protection-clock] migration failed', error))
    .then(() => run(`install (${details.reason})`));
});

browser.runtime.onStartup.addListener(() => {
  void run('browser start');
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender, platform, self),
);

// AliExpress tabs send page reads over one long-lived port each (src/content/worker-port.ts): it
// costs the page far less than a sendMessage per response. Same checks, same handlers.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PAGE_PORT_NAME) return;
  port.onMessage.addListener((envelope: unknown) => {
    const { id, message } = (envelope ?? {}) as { id?: unknown; message?: unknown };
    if (typeof id !== 'number') return;
    void handleMessage(message, port.sender ?? {}, platform, self).then((reply) => {
      try {
        port.postMessage({ id, reply });
      } catch {
        // the tab went away meanwhile
      }
    });
  });
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM_NAME) void run('alarm');
});

browser.notifications.onClicked.addListener((id) => {
  void onNotificationClicked(platform, id);
});

// Firefox has no notification buttons (and no onButtonClicked).
browser.notifications.onButtonClicked?.addListener((id, index) => {
  void onButtonClicked(platform, id, index);
});
