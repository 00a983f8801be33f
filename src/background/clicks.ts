/**
 * Notification clicks: the body or "Open order" opens the most urgent order's page; "Snooze 1 day"
 * snoozes every window the notification was about. The notification id carries what is needed
 * (notify.ts), so nothing has to be remembered between showing and clicking.
 */

import { snooze } from '../core/ledger';
import type { Platform } from '../platform/types';
import { loadPrefs, updateLedger } from '../store/buyer-data';
import { ensureCurrent } from '../store/migrations';
import { serialized } from '../store/queue';
import { orderPageUrl, parseNotificationId, SNOOZE_MS, windowOfReminder } from './notify';
import { runScheduler } from './scheduler';

export async function onNotificationClicked(platform: Platform, id: string): Promise<void> {
  const parsed = parseNotificationId(id);
  if (!parsed) return;
  await platform.tabs.open(orderPageUrl(parsed.orderId));
  await platform.notifications.clear(id);
}

export async function onButtonClicked(platform: Platform, id: string, index: number): Promise<void> {
  const parsed = parseNotificationId(id);
  if (!parsed) return;
  if (index === 0) return onNotificationClicked(platform, id);
  await platform.notifications.clear(id);
  await serialized(async () => {
    await ensureCurrent(platform);
    const until = platform.now() + SNOOZE_MS;
    const prefs = await loadPrefs(platform.storage);
    const windows = new Set(parsed.reminderIds.map(windowOfReminder));
    await updateLedger(platform.storage, (ledger) =>
      [...windows].reduce((l, windowId) => snooze(l, windowId, until, prefs.leadsDays), ledger),
    );
    await runScheduler(platform);
  });
}
