/**
 * Names of the extension's two internal channels, in a module of their own so that the page
 * scripts, which must stay tiny, import them without the message schemas.
 */

/** Page world -> isolated content script (`window.postMessage`; open to the page, so untrusted). */
export const PAGE_WORLD_CHANNEL = 'protection-clock:page-world:v1';

/** AliExpress tab -> worker, one long-lived `runtime.connect` port per page (src/content/worker-port.ts). */
export const PAGE_PORT_NAME = 'protection-clock:page';
