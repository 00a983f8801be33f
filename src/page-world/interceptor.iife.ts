/**
 * Runs in the page's own world at document_start, before AliExpress's scripts.
 *
 * It copies the bodies of the four order API responses (list, detail, tracking, refunds) that the
 * page itself receives, and posts them to our isolated content script. It never changes, delays or
 * repeats a request, never reads cookies and never sends anything anywhere: the page gets the very
 * same response object, and we read a clone after the page already has it.
 *
 * Built as one self-contained IIFE (see vite.config.ts): it imports only `apiFromUrl`, which
 * bundles in. Everything here is wrapped in try/catch: a fault of ours must never break the page.
 */
import { apiFromUrl } from '../aliexpress/pages';
import { PAGE_WORLD_CHANNEL } from '../channels';

type Post = (api: string, url: string, body: string | ArrayBuffer) => void;

/**
 * A body read as bytes is transferred, not copied, to the isolated script, which decodes it only
 * if it forwards it: one copy of the body fewer on the page's heap per response (and none at all
 * on pages that forward nothing).
 */
const post: Post = (api, url, body) => {
  try {
    const transfer = body instanceof ArrayBuffer ? [body] : [];
    window.postMessage({ channel: PAGE_WORLD_CHANNEL, api, url, body }, window.location.origin, transfer);
  } catch {
    // A body the structured clone refuses is simply not copied.
  }
};

function urlOf(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  if (input instanceof Request) return input.url;
  return '';
}

/** fetch: hand the page its response untouched, read a clone once it has arrived. */
function patchFetch(): void {
  const original = window.fetch;
  if (typeof original !== 'function') return;
  const patched = function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
    const pending = original.apply(this, args);
    try {
      const url = urlOf(args[0]);
      const api = url ? apiFromUrl(url) : undefined;
      if (api) {
        pending.then(
          (response) => {
            response
              .clone()
              .arrayBuffer()
              .then((bytes) => post(api, url, bytes))
              .catch(() => {});
          },
          () => {},
        );
      }
    } catch {
      // never let our code change the outcome of the page's request
    }
    return pending;
  };
  window.fetch = patched as typeof fetch;
}

/** XMLHttpRequest: remember the URL at open(), copy the body on load. */
function patchXhr(): void {
  const proto = window.XMLHttpRequest?.prototype;
  if (!proto) return;
  const originalOpen = proto.open;
  const onLoad = function (this: XMLHttpRequest, api: string, url: string) {
    try {
      if (this.status < 200 || this.status >= 300) return;
      const type = this.responseType;
      if (type === '' || type === 'text') post(api, url, this.responseText);
      else if (type === 'json') post(api, url, JSON.stringify(this.response));
    } catch {
      // a body we cannot read is not copied
    }
  };
  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const url = urlOf(args[1]);
      const api = url ? apiFromUrl(url) : undefined;
      if (api) this.addEventListener('load', () => onLoad.call(this, api, url), { once: true });
    } catch {
      // ignore
    }
    return (originalOpen as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.open;
}

/**
 * JSONP (`<script src=".../h5/<api>/1.0/?...&callback=mtopjsonp3">`): when such a script is added,
 * wrap the named callback before the script has loaded, so the page's callback still runs with
 * the same argument, and we copy that argument.
 */
function watchJsonp(): void {
  const wrapped = new WeakSet<object>();
  const wrap = (name: string, api: string, url: string) => {
    const holder = window as unknown as Record<string, unknown>;
    const copyThen = (fn: (...a: unknown[]) => unknown) => {
      const wrapper = function (this: unknown, ...a: unknown[]) {
        try {
          post(api, url, JSON.stringify(a[0]));
        } catch {
          // an argument we cannot serialise is not copied
        }
        return fn.apply(this, a);
      };
      wrapped.add(wrapper);
      return wrapper;
    };
    const current = holder[name];
    if (typeof current === 'function') {
      if (!wrapped.has(current)) holder[name] = copyThen(current as (...a: unknown[]) => unknown);
      return;
    }
    // Not defined yet: wrap it the moment the page assigns it.
    let stored: unknown;
    try {
      Object.defineProperty(window, name, {
        configurable: true,
        enumerable: true,
        get: () => stored,
        set: (value: unknown) => {
          stored =
            typeof value === 'function' && !wrapped.has(value)
              ? copyThen(value as (...a: unknown[]) => unknown)
              : value;
        },
      });
    } catch {
      // a non-configurable global: leave it alone
    }
  };
  const inspect = (node: Node) => {
    if (!(node instanceof HTMLScriptElement) || !node.src) return;
    const api = apiFromUrl(node.src);
    if (!api) return;
    const callback = new URL(node.src, window.location.href).searchParams.get('callback');
    if (callback && /^[A-Za-z_$][\w$]{0,63}$/.test(callback)) wrap(callback, api, node.src);
  };
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) inspect(node);
  }).observe(document, { childList: true, subtree: true });
}

try {
  patchFetch();
  patchXhr();
  watchJsonp();
} catch {
  // the page must work as if we were not here
}
