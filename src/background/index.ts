/**
 * The service worker. Every listener is registered synchronously at the top level, so that a
 * worker woken by an event finds its listener (a listener added after an await can miss it).
 * State that matters lives in storage, never in globals: the worker sleeps after 30 s idle.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { webextPlatform } from '../platform/webext';
import { handleMessage } from './messages';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender, webextPlatform, browser.runtime.id),
);
