/**
 * Reminder notifications. One notification per run: a single due reminder says its order, window,
 * time left and what to do; several (typically reminders missed while the browser was closed) are
 * gathered into one. The id is derived from the reminders it shows, so showing it again after the
 * worker died before recording it replaces it rather than showing a second one.
 *
 * Click (any browser) opens the order page; Chrome's buttons open it or snooze for a day. Firefox
 * has no buttons: the click still works.
 */
import type { Reminder } from '../core/reminders';
import type { LadderLike } from '../core/summary';
import { DAY_MS } from '../core/time';
import type { NotificationOptions, Platform } from '../platform/types';
import { readItem, SESSION_ITEMS, writeItem } from '../store/items';
import { actionText, lastDayText, orderLabel, reminderLine, reminderTitle, translator } from './texts';

const PREFIX = 'pc|';

export function orderPageUrl(orderId: string): string {
  return `https://www.aliexpress.com/p/order/detail.html?orderId=${encodeURIComponent(orderId)}`;
}

export function notificationId(reminders: readonly Reminder[]): string {
  const first = reminders[0];
  return `${PREFIX}${first?.orderId ?? ''}|${reminders.map((r) => r.id).join(',')}`;
}

export function parseNotificationId(id: string): { orderId: string; reminderIds: string[] } | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const [orderId, ids] = id.slice(PREFIX.length).split('|');
  if (!orderId || !/^\d{6,24}$/.test(orderId)) return undefined;
  return { orderId, reminderIds: ids ? ids.split(',').filter(Boolean) : [] };
}

/** `${windowId}:${lead}` → windowId. */
export const windowOfReminder = (reminderId: string) => reminderId.slice(0, reminderId.lastIndexOf(':'));

export function describe(
  platform: Platform,
  due: readonly Reminder[],
  ladders: ReadonlyMap<string, LadderLike>,
  now: number,
): NotificationOptions {
  const t = translator(platform);
  // Most urgent first: the one the click opens.
  const sorted = [...due].sort((a, b) => (a.closesAt ?? Infinity) - (b.closesAt ?? Infinity));
  const buttons =
    platform.flavour === 'chrome' ? [{ title: t('notifyOpenOrder') }, { title: t('notifySnooze') }] : [];
  const withButtons = (o: NotificationOptions) => (buttons.length ? { ...o, buttons } : o);
  // " (last day Thu, Dec 3)": every reminder says its last day, as every other face does.
  const closesText = (r: Reminder) =>
    r.closesAt === null ? '' : ` ${t('notifyClosesOn', [lastDayText(r.closesAt, platform, now)])}`;
  const atRiskText = (r: Reminder) =>
    `${t('forecast_reminder_body', [orderLabel(ladders.get(r.orderId)) || r.orderId])}${closesText(r)}`;
  if (sorted.length === 1 && sorted[0]?.lead === 'at-risk') {
    const r = sorted[0];
    return withButtons({
      title: t('forecast_reminder_title'),
      message: atRiskText(r),
      priority: 2,
    });
  }
  if (sorted.length === 1) {
    const r = sorted[0] as Reminder;
    const ladder = ladders.get(r.orderId);
    const w = ladder?.windows.find((x) => x.id === r.windowId);
    const title = reminderTitle(t, r.kind, r.lead === 'opens' ? 'opens' : 'closes', r.closesAt, now);
    const what = w ? actionText(t, w.action) : '';
    const label = orderLabel(ladder);
    return withButtons({
      title,
      message: `${t('notifyBody', [label || r.orderId, r.orderId, what]).trim()}${closesText(r)}`,
      priority: 2,
    });
  }
  const lines = sorted.map((r) =>
    r.lead === 'at-risk'
      ? atRiskText(r)
      : `${reminderLine(t, r, ladders.get(r.orderId), now)}${closesText(r)}`,
  );
  return withButtons({
    title: t('notifyManyTitle', [String(sorted.length)]),
    message: lines.slice(0, 6).join('\n') + (lines.length > 6 ? '\n…' : ''),
    priority: 2,
  });
}

/**
 * The last notifications shown this browser session (`storage.session`, SESSION_ITEMS in
 * store/items.ts), newest last: the popup can repeat them when the system hides notifications (Do
 * Not Disturb), and the e2e tests read them (Chrome's notifications API gives back ids only).
 */
const RECENT_MAX = 20;

/** Shows the due reminders as one notification; returns its id. */
export async function showReminders(
  platform: Platform,
  due: readonly Reminder[],
  ladders: ReadonlyMap<string, LadderLike>,
  now: number,
): Promise<string> {
  const sorted = [...due].sort((a, b) => (a.closesAt ?? Infinity) - (b.closesAt ?? Infinity));
  const id = notificationId(sorted);
  const options = describe(platform, sorted, ladders, now);
  await platform.notifications.create(id, options);
  const recent = await readItem(platform.session, SESSION_ITEMS.recentNotifications);
  const entry = { id, title: options.title, message: options.message, at: now };
  await writeItem(
    platform.session,
    SESSION_ITEMS.recentNotifications,
    [...recent.filter((r) => r.id !== id), entry].slice(-RECENT_MAX),
  );
  return id;
}

export const SNOOZE_MS = DAY_MS;
