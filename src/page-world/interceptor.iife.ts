/**
 * Runs in the page's own world at document_start, before AliExpress's scripts.
 *
 * It copies the bodies of the four order API responses (list, detail, tracking, refunds) that the
 * page itself receives, and hands them to our isolated content script. It never changes, delays or
 * repeats a request, never reads cookies and never sends anything anywhere: the page gets the very
 * same response object, and we copy the body the page itself reads, as it reads it.
 *
 * Built as one self-contained IIFE (see vite.config.ts): it imports only `apiFromUrl`, which
 * bundles in. Everything here is wrapped in try/catch: a fault of ours must never break the page.
 */
import { apiFromUrl } from '../aliexpress/pages';
import { PAGE_WORLD_EVENT, packCopy } from '../channels';

/**
 * Hands a copy to our isolated script: one `CustomEvent` on `document`, dispatched synchronously,
 * so the copy costs no task of its own and no structured clone of an object (its detail is one
 * string; see src/channels.ts). A listener's fault stays in the listener: `dispatchEvent` reports
 * it and returns.
 */
function post(api: string, url: string, body: string): void {
  try {
    document.dispatchEvent(new CustomEvent(PAGE_WORLD_EVENT, { detail: packCopy(api, url, body) }));
  } catch {
    // a copy we cannot hand over is simply not copied
  }
}

const utf8 = new TextDecoder();

function urlOf(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  if (input instanceof Request) return input.url;
  return '';
}

/**
 * fetch: the page gets its own promise and its own Response, untouched. We do not clone the
 * response: a clone tees the body stream, which makes the page's own read of it slower too (the
 * bench measured the tee as most of our cost). Instead the Response is noted as one of ours, and
 * when the page reads its body (`json()`, `text()`, `arrayBuffer()`, `bytes()`), we copy what it reads.
 *
 * `json()` of a noted response is `text()` then `JSON.parse`, which is what `json()` does: the page
 * gets an equal value, and the same SyntaxError for a bad body. A body the page reads another way
 * (a stream reader, `blob()`) is not copied; the DOM fallback covers that page.
 */
interface Noted {
  api: string;
  url: string;
  copied: boolean;
}
const noted = new WeakMap<Response, Noted>();

/** The note of a response whose body is being read now: at most one copy per response (and its clones). */
function take(response: Response): Noted | undefined {
  const note = noted.get(response);
  if (!note || note.copied) return undefined;
  note.copied = true;
  return note;
}

function patchFetch(): void {
  const original = window.fetch;
  const proto = window.Response?.prototype;
  if (typeof original !== 'function' || !proto) return;
  const { text, json, arrayBuffer, clone } = proto;
  const patched = function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
    const pending = original.apply(this, args);
    try {
      const url = urlOf(args[0]);
      const api = url ? apiFromUrl(url) : undefined;
      // Registered before the page has the promise, so it runs before the page's own handlers.
      if (api)
        pending.then(
          (response) => void noted.set(response, { api, url, copied: false }),
          () => {},
        );
    } catch {
      // never let our code change the outcome of the page's request
    }
    return pending;
  };
  proto.text = function (this: Response) {
    const note = take(this);
    const read = text.call(this);
    if (!note) return read;
    return read.then((body) => {
      post(note.api, note.url, body);
      return body;
    });
  };
  proto.json = function (this: Response) {
    const note = take(this);
    if (!note) return json.call(this);
    return text.call(this).then((body) => {
      post(note.api, note.url, body);
      return JSON.parse(body);
    });
  };
  /** `arrayBuffer()` and (newer browsers) `bytes()`: the page gets its bytes; we copy them as text. */
  const copyingBytes = <T extends ArrayBuffer | Uint8Array>(read: (this: Response) => Promise<T>) =>
    function (this: Response): Promise<T> {
      const note = take(this);
      const pending = read.call(this);
      if (!note) return pending;
      return pending.then((bytes) => {
        try {
          post(note.api, note.url, utf8.decode(bytes));
        } catch {
          // not copied
        }
        return bytes;
      });
    };
  proto.arrayBuffer = copyingBytes(arrayBuffer);
  // Typed as optional: older browsers (Firefox before 128, Chromium before 132) lack it.
  const withBytes = proto as unknown as { bytes?: (this: Response) => Promise<Uint8Array> };
  if (typeof withBytes.bytes === 'function') withBytes.bytes = copyingBytes(withBytes.bytes);
  // A clone the page makes shares its original's note: whichever is read first is copied.
  proto.clone = function (this: Response) {
    const copy = clone.call(this);
    const note = noted.get(this);
    if (note) noted.set(copy, note);
    return copy;
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
