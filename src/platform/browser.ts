/**
 * The browser, for the worker and our own pages (popup, options): webextension-polyfill's
 * `browser`, imported here and nowhere else. The content script on AliExpress's pages uses
 * ./page.ts instead (the polyfill would cost every page about 3 KB gzip). Unit tests never load
 * this module: the polyfill refuses to load outside an extension; they use ./memory.ts.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Storage } from 'webextension-polyfill';
export { browser };
