/**
 * Our faces live on AliExpress's pages, next to the page's own script. That script can dispatch
 * events at anything it can reach, and `requestSubmit()` or `click()` run our handlers as if the
 * buyer had acted. Page-facing handlers therefore act only on events the browser itself made from
 * the buyer's input (`isTrusted`); the closed shadow roots keep the page's script from reaching
 * our elements at all, and this is the second lock.
 */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted !== true) {
      event.preventDefault();
      return;
    }
    handler(event);
  };
}

/** Every shadow root of ours is closed: `element.shadowRoot` is null to the page's script. */
export function closedRoot(host: HTMLElement): ShadowRoot {
  return host.attachShadow({ mode: 'closed' });
}
