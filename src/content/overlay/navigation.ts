/**
 * Follows the tab's URL across AliExpress's SPA navigations (history.pushState from "Details",
 * back/forward), which never reload the page and so never re-run the content script.
 *
 * The isolated world cannot see the page's own pushState calls (each world has its own `history`
 * wrapper), so: the Navigation API where the browser has it (its events fire on the shared DOM
 * object, for every world), and elsewhere popstate/hashchange plus a cheap once-a-second check of
 * `location.href` that only compares two strings.
 */

export type UrlListener = (url: string) => void;

interface NavigationLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export const URL_POLL_MS = 1000;

/** Calls `listener` once per distinct URL after the current one. Returns a stop function. */
export function watchUrl(listener: UrlListener, win: Window = window): () => void {
  let last = win.location.href;
  const check = () => {
    const now = win.location.href;
    if (now === last) return;
    last = now;
    listener(now);
  };
  const navigation = (win as unknown as { navigation?: NavigationLike }).navigation;
  const cleanups: Array<() => void> = [];
  if (navigation && typeof navigation.addEventListener === 'function') {
    // `currententrychange` fires after the URL changed (pushState, replaceState, traversal).
    navigation.addEventListener('currententrychange', check);
    cleanups.push(() => navigation.removeEventListener('currententrychange', check));
  } else {
    const timer = win.setInterval(check, URL_POLL_MS);
    cleanups.push(() => win.clearInterval(timer));
  }
  // Cheap, and covers a traversal the Navigation API might report before `location` updates.
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  cleanups.push(() => {
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  });
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}
