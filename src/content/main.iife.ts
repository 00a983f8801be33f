/**
 * The isolated content script on AliExpress order, tracking and refund pages. Built as one
 * self-contained file (see vite.config.ts).
 */
import browser from 'webextension-polyfill';
import { startReading } from './reading';

startReading((message) =>
  browser.runtime.sendMessage(message).catch((error: unknown) => {
    // The worker may be restarting; the next response on the page will be read again.
    console.warn('[protection-clock] could not reach the extension:', error);
  }),
);
