/**
 * Our faces on AliExpress's pages live in closed shadow roots (issue #12): `host.shadowRoot` is
 * null to the page's script, and Playwright's locators cannot pierce them either. The tests see
 * inside the way DevTools does: the protocol's DOM domain, with `pierce`, hands out each closed
 * root; the root is then queried in place. Clicks and keys go through Playwright's mouse and
 * keyboard, so they are the buyer's own (trusted) input, as our handlers require.
 *
 * `shadow(page, 'protection-clock-overlay [data-pc="panel"]')` reads like a locator: the first word
 * is the host's tag, the rest a selector inside its root (or nothing: the root itself).
 */
import type { CDPSession, Page } from 'playwright-core';

interface CdpNode {
  nodeId: number;
  localName?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** The protocol's handles on the closed roots of every `hostTag` element in the page. */
async function rootsOf(page: Page, hostTag: string): Promise<string[]> {
  const session = await cdp(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const found: number[] = [];
  const walk = (node: CdpNode) => {
    if (node.localName === hostTag) for (const r of node.shadowRoots ?? []) found.push(r.nodeId);
    for (const child of node.children ?? []) walk(child);
    for (const r of node.shadowRoots ?? []) walk(r);
  };
  walk(root);
  const ids: string[] = [];
  for (const nodeId of found) {
    const { object } = (await session.send('DOM.resolveNode', { nodeId })) as {
      object: { objectId?: string };
    };
    if (object.objectId) ids.push(object.objectId);
  }
  return ids;
}

/** Runs `fn` in the page with `this` the closed root, once per host; results in host order. */
export async function inRoots<T>(page: Page, hostTag: string, fn: string, arg: unknown): Promise<T[]> {
  const session = await cdp(page);
  const out: T[] = [];
  for (const objectId of await rootsOf(page, hostTag)) {
    const { result, exceptionDetails } = (await session.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: fn,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value?: T }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    out.push(result.value as T);
  }
  return out;
}

interface Found {
  text: string;
  attrs: Record<string, string>;
  box: { x: number; y: number; width: number; height: number };
}

const DESCRIBE = `function (sel) {
  const els = sel ? [...this.querySelectorAll(sel)] : [...this.children];
  return els.map((el) => {
    const r = el.getBoundingClientRect();
    return {
      text: el.textContent ?? '',
      attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  });
}`;

export class ShadowLocator {
  constructor(
    readonly page: Page,
    readonly hostTag: string,
    readonly inner: string,
  ) {}

  locator(sub: string): ShadowLocator {
    return new ShadowLocator(this.page, this.hostTag, `${this.inner} ${sub}`.trim());
  }

  async all(): Promise<Found[]> {
    return (await inRoots<Found[]>(this.page, this.hostTag, DESCRIBE, this.inner)).flat();
  }

  async count(): Promise<number> {
    return (await this.all()).length;
  }

  async first(): Promise<Found> {
    const [found] = await this.all();
    if (!found) throw new Error(`nothing matches ${this.hostTag} ${this.inner}`);
    return found;
  }

  async textContent(): Promise<string> {
    return (await this.first()).text;
  }

  async getAttribute(name: string): Promise<string | null> {
    return (await this.first()).attrs[name] ?? null;
  }

  async attributeOfAll(name: string): Promise<(string | null)[]> {
    return (await this.all()).map((f) => f.attrs[name] ?? null);
  }

  async waitFor(options: { timeout?: number } = {}): Promise<void> {
    const until = Date.now() + (options.timeout ?? 10_000);
    while ((await this.count()) === 0) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${this.hostTag} ${this.inner}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async boundingBox(): Promise<Found['box']> {
    return (await this.first()).box;
  }

  /** Scrolls it into view and clicks its middle with the mouse: the buyer's own click. */
  async click(): Promise<void> {
    await this.waitFor();
    await inRoots(
      this.page,
      this.hostTag,
      'function (sel) { this.querySelector(sel)?.scrollIntoView({ block: "center" }); }',
      this.inner,
    );
    const box = await this.boundingBox();
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  async focus(): Promise<void> {
    await inRoots(
      this.page,
      this.hostTag,
      'function (sel) { this.querySelector(sel)?.focus(); }',
      this.inner,
    );
  }

  /** Picks an option by value (the choice itself starts nothing: only the button's click does). */
  async selectOption(value: string): Promise<void> {
    await inRoots(
      this.page,
      this.hostTag,
      `function ([sel, value]) {
        const el = this.querySelector(sel);
        if (el) { el.value = value; el.dispatchEvent(new Event('change', { bubbles: true })); }
      }`,
      [this.inner, value],
    );
  }

  async screenshot(options: { path: string }): Promise<void> {
    const box = await this.boundingBox();
    await this.page.screenshot({ path: options.path, clip: box });
  }
}

/** `shadow(page, 'host-tag inner selector')`: see the file's comment. */
export function shadow(page: Page, selector: string): ShadowLocator {
  const space = selector.indexOf(' ');
  return space < 0
    ? new ShadowLocator(page, selector, '')
    : new ShadowLocator(page, selector.slice(0, space), selector.slice(space + 1).trim());
}

/** `data-pc` of the element focused inside the first `hostTag` root. */
export async function focusedInside(page: Page, hostTag: string): Promise<string | null> {
  const [pc] = await inRoots<string | null>(
    page,
    hostTag,
    'function () { return this.activeElement?.getAttribute("data-pc") ?? null; }',
    null,
  );
  return pc ?? null;
}

/**
 * axe-core cannot enter a closed root either. What the root holds (its styles included) is copied
 * into an open root on a host of the same size and place, axe runs over that copy, and the copy
 * goes: the markup and styles checked are the ones our script rendered.
 */
export async function copyOpen(page: Page, hostTag: string): Promise<string[]> {
  const html = await inRoots<string>(page, hostTag, 'function () { return this.innerHTML; }', null);
  return page.evaluate(
    ({ tag, parts }) => {
      const made: string[] = [];
      const originals = [...document.querySelectorAll(tag)];
      parts.forEach((inner, i) => {
        const copy = document.createElement(`pc-axe-copy-${i}`);
        copy.setAttribute('data-axe-copy', '');
        const original = originals[i];
        if (original?.parentNode) original.parentNode.insertBefore(copy, original);
        else document.documentElement.append(copy);
        copy.attachShadow({ mode: 'open' }).innerHTML = inner;
        (original as HTMLElement | undefined)?.style.setProperty('display', 'none');
        made.push(`pc-axe-copy-${i}`);
      });
      return made;
    },
    { tag: hostTag, parts: html },
  );
}

/** Removes the copies `copyOpen` made and shows the originals again. */
export async function removeCopies(page: Page, hostTag: string): Promise<void> {
  await page.evaluate((tag) => {
    for (const el of document.querySelectorAll('[data-axe-copy]')) el.remove();
    for (const el of document.querySelectorAll(tag)) (el as HTMLElement).style.removeProperty('display');
  }, hostTag);
}
