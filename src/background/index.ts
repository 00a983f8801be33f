/**
 * The service worker. Every listener is registered synchronously at the top level, so that a
 * worker woken by an event finds its listener (a listener added after an await can miss it).
 * State that matters lives in storage, never in globals: the worker sleeps after 30 s idle.
 * Each event hands off to one module; changes run one at a time (store/queue.ts).
 */

import { isPortRequest, PAGE_PORT_NAME, type PortReply } from '../channels';
import { browser, type Runtime } from '../platform/browser';
import { webextPlatform as platform, warmStore } from '../platform/webext';
import { ensureCurrent, runMigrations } from '../store/migrations';
import { rebuildSummaries, reconcileSummaries, sweepOrders } from '../store/orders';
import { serialized } from '../store/queue';
import { onButtonClicked, onNotificationClicked } from './clicks';
import { handleMessage } from './handlers';
import { ALARM_NAME, markRead, runScheduler } from './scheduler';

const self = { id: browser.runtime.id, origin: browser.runtime.getURL('') };

// Whatever woke the worker reads the store next: its database opens while the event is delivered.
warmStore();

const run = (why: string) =>
  serialized(async () => {
    await ensureCurrent(platform);
    return runScheduler(platform);
  }).catch((error: unknown) => console.error('[protection-clock] scheduler run failed after', why, error));

browser.runtime.onInstalled.addListener((details) => {
  // Install and update: migrate the store first (in order, writing only what changed). An update
  // may change the rules, so every summary is rebuilt from its order (only changed ones written).
  void serialized(async () => {
    const migration = await runMigrations(platform);
    if (migration.from !== migration.to || migration.moved > 0)
      console.info('[protection-clock] store migrated', migration);
    if (details.reason === 'update') await rebuildSummaries(platform);
    else await reconcileSummaries(platform);
  })
    .catch((error: unknown) => console.error('[protection-clock] migration failed', error))
    .then(() => run(`install (${details.reason})`));
});

browser.runtime.onStartup.addListener(() => {
  // A worker killed between an order's write and its summary's leaves them out of step: mend that.
  void serialized(async () => {
    // Restored tabs read their pages now: what is due waits for them, then comes as one notification.
    await markRead(platform);
    await ensureCurrent(platform);
    // A rebuild already set aside every order that fails its schema; otherwise sweep for them.
    if (!(await reconcileSummaries(platform))) await sweepOrders(platform);
  })
    .catch((error: unknown) => console.error('[protection-clock] summary check failed', error))
    .then(() => run('browser start'));
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender, platform, self),
);

// AliExpress tabs send page reads over one long-lived port each (src/content/worker-port.ts): it
// costs the page far less than a sendMessage per response. Same checks, same handlers.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PAGE_PORT_NAME) return;
  port.onMessage.addListener((envelope: unknown) => {
    if (!isPortRequest(envelope)) return;
    const { id, message } = envelope;
    void handleMessage(message, port.sender ?? {}, platform, self).then((answer) => {
      try {
        const reply: PortReply = { id, reply: answer };
        port.postMessage(reply);
      } catch {
        // the tab went away meanwhile
      }
    });
  });
});

// Another browser's sync arrived (or ours was written): merge it in, plan again.
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'sync') void run('sync change');
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
