/**
 * The project's conventions, checked over the source itself (as refined-github does): each rule is
 * one place a newcomer would otherwise have to remember. Each reads the files as they are on disk,
 * with the TypeScript parser, so a rule broken anywhere in src/ fails here with the file named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';
import { WINDOW_KINDS, WINDOWS } from '../../src/core/windows';
import { KEYS, PREFIXES, SESSION_KEYS } from '../../src/store/keys';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.(tsx?|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const rel = (path: string) => relative(ROOT, path);

/** An ESTree node as the parser gives it (TypeScript's nodes included). */
interface Node {
  readonly type: string;
  readonly start: number;
  readonly [field: string]: unknown;
}
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const parsed = new Map<string, Node>();
function program(path: string): Node {
  let root = parsed.get(path);
  if (root === undefined) {
    const lang = path.endsWith('.tsx') ? 'tsx' : path.endsWith('.ts') ? 'ts' : 'js';
    root = parseSync(path, readFileSync(path, 'utf8'), { lang }).program as unknown as Node;
    parsed.set(path, root);
  }
  return root;
}

/** Calls `visit` on every node under `root`, with its parent. */
function walk(root: Node, visit: (node: Node, parent: Node | undefined) => void): void {
  const go = (node: Node, parent: Node | undefined) => {
    visit(node, parent);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) isNode(v) && go(v, node);
      else if (isNode(value)) go(value, node);
    }
  };
  go(root, undefined);
}

const stringOf = (node: unknown): string | undefined => {
  if (!isNode(node)) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') {
    const first = (node.quasis as Node[])[0]?.value as { cooked?: string } | undefined;
    return first?.cooked ?? undefined;
  }
  return undefined;
};

interface Import {
  readonly from: string;
  /** `import type` / `export type ... from`: erased, costs no bundle and no runtime. */
  readonly typeOnly: boolean;
}

function importsOf(path: string): Import[] {
  const out: Import[] = [];
  walk(program(path), (node) => {
    if (
      (node.type === 'ImportDeclaration' ||
        node.type === 'ExportNamedDeclaration' ||
        node.type === 'ExportAllDeclaration') &&
      isNode(node.source)
    ) {
      const specifiers = (node.specifiers as Node[] | undefined) ?? [];
      const kind = node.importKind ?? node.exportKind;
      const typeOnly =
        kind === 'type' ||
        (specifiers.length > 0 &&
          specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
      out.push({ from: stringOf(node.source) ?? '', typeOnly });
    } else if (node.type === 'ImportExpression') {
      const from = stringOf(node.source);
      if (from !== undefined) out.push({ from, typeOnly: false });
    }
  });
  return out;
}

/** The file a relative import names, or undefined for a package. */
function resolveImport(fromFile: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (SRC_FILES.includes(candidate)) return candidate;
  }
  return undefined;
}

const SRC_FILES = filesUnder(SRC);
const CORE_FILES = SRC_FILES.filter((f) => f.startsWith(`${join(SRC, 'core')}/`));

/** Every module the file pulls into its bundle (type-only imports cost nothing, so they are not followed). */
function bundleOf(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const imp of importsOf(file)) {
      if (imp.typeOnly) continue;
      const target = resolveImport(file, imp.from);
      if (target !== undefined && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

const lineOf = (file: string, offset: number) =>
  readFileSync(file, 'utf8').slice(0, offset).split('\n').length;

describe('src/core is pure', () => {
  const BROWSER_GLOBALS = new Set([
    'chrome',
    'browser',
    'indexedDB',
    'document',
    'window',
    'navigator',
    'localStorage',
    'sessionStorage',
  ]);

  /** Names the file declares itself (variables and parameters), which shadow globals. */
  function declaredNames(file: string): Set<string> {
    const names = new Set<string>();
    walk(program(file), (node, parent) => {
      if (node.type !== 'Identifier' || parent === undefined) return;
      const declares =
        (parent.type === 'VariableDeclarator' && parent.id === node) ||
        (/Function/.test(parent.type) && (parent.params as unknown[] | undefined)?.includes(node));
      if (declares) names.add(String(node.name));
    });
    return names;
  }

  it('imports no browser API: only core, zod (through z.ts), the zone library and constant tables', () => {
    const allowedPackages = new Set(['zod/mini', '@date-fns/tz']);
    // Import-free constants: AliExpress's codes, and the storage keys (sync names what it left out).
    const allowedOutside = new Set([join(SRC, 'aliexpress/codes.ts'), join(SRC, 'store/keys.ts')]);
    const bad: string[] = [];
    for (const file of CORE_FILES) {
      for (const imp of importsOf(file)) {
        const target = resolveImport(file, imp.from);
        const ok =
          target === undefined
            ? allowedPackages.has(imp.from) && (imp.from !== 'zod/mini' || file.endsWith('/z.ts'))
            : target.startsWith(`${join(SRC, 'core')}/`) || allowedOutside.has(target) || imp.typeOnly;
        if (!ok) bad.push(`${rel(file)} imports ${imp.from}`);
      }
      // A browser global read as `name.…`, unless the file declares a local of that name.
      const locals = declaredNames(file);
      walk(program(file), (node) => {
        const object = node.object;
        if (node.type !== 'MemberExpression' || !isNode(object) || object.type !== 'Identifier') return;
        const name = String(object.name);
        if (BROWSER_GLOBALS.has(name) && !locals.has(name)) bad.push(`${rel(file)} uses ${name}`);
      });
    }
    expect([...new Set(bad)]).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const imp of importsOf(file)) {
        const target = resolveImport(file, imp.from);
        if (target !== undefined && CORE_FILES.includes(target)) walk(target, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const file of CORE_FILES) walk(file, []);
    expect(cycles).toEqual([]);
  });
});

describe('the scripts on AliExpress pages stay small', () => {
  const zodFree = (entry: string) =>
    [...bundleOf(join(SRC, entry))]
      .filter((file) => importsOf(file).some((imp) => !imp.typeOnly && /(^|\/)z$|^zod/.test(imp.from)))
      .map(rel);

  it('the content script carries no zod (the worker validates)', () => {
    expect(zodFree('content/main.iife.ts')).toEqual([]);
  });

  it('the page-world script carries no zod and no extension API', () => {
    const bundle = [...bundleOf(join(SRC, 'page-world/interceptor.iife.ts'))];
    expect(zodFree('page-world/interceptor.iife.ts')).toEqual([]);
    expect(bundle.filter((f) => f.startsWith(join(SRC, 'platform'))).map(rel)).toEqual([]);
  });
});

describe('browser APIs go through src/platform', () => {
  it('nothing outside src/platform imports webextension-polyfill or reaches for chrome/browser', () => {
    const bad: string[] = [];
    for (const file of SRC_FILES) {
      if (file.startsWith(`${join(SRC, 'platform')}/`)) continue;
      if (importsOf(file).some((imp) => imp.from === 'webextension-polyfill'))
        bad.push(`${rel(file)} imports webextension-polyfill`);
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\bglobalThis\b[^;]*\b(chrome|browser)\b|\bchrome\.(runtime|storage|i18n|tabs)\b/.test(text))
        bad.push(`${rel(file)} reaches for the extension namespace`);
    }
    expect(bad).toEqual([]);
  });
});

describe('every storage key is declared once', () => {
  const keys = new Set<string>([...Object.values(KEYS), ...Object.values(SESSION_KEYS)]);
  const prefixes = Object.values(PREFIXES);
  const DECLARED_IN = join(SRC, 'store/keys.ts');

  /** String literals used as a storage key: a call's argument, an array element, or a property name. */
  function keyLiterals(file: string): string[] {
    const found: string[] = [];
    const isKey = (text: string) => keys.has(text) || prefixes.some((p) => text.startsWith(p));
    walk(program(file), (node, parent) => {
      const text = stringOf(node);
      if (text === undefined || parent === undefined || !isKey(text)) return;
      const usedAsKey =
        node.type === 'TemplateLiteral' ||
        parent.type === 'CallExpression' ||
        parent.type === 'ArrayExpression' ||
        (parent.type === 'Property' && parent.key === node) ||
        (parent.type === 'MemberExpression' && parent.property === node);
      if (usedAsKey) found.push(text);
    });
    return found;
  }

  it('no key or key prefix is written as a literal outside store/keys.ts', () => {
    const bad = SRC_FILES.filter((f) => f !== DECLARED_IN).flatMap((file) =>
      keyLiterals(file).map((key) => `${rel(file)}: '${key}'`),
    );
    expect(bad).toEqual([]);
  });
});

describe('window kinds', () => {
  const locales = readdirSync(join(ROOT, 'public/_locales'));

  it('every kind has a label in every locale', () => {
    const missing: string[] = [];
    for (const locale of locales) {
      const messages = JSON.parse(
        readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'),
      );
      for (const kind of WINDOW_KINDS) {
        const key = `kind_${kind.replaceAll('-', '_')}`;
        if (typeof messages[key]?.message !== 'string' || messages[key].message === '')
          missing.push(`${locale}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every kind the ladder builds has a row in the kinds table, and every row a ladder step', () => {
    const pushed = new Set<string>();
    walk(program(join(SRC, 'core/ladder.ts')), (node) => {
      const callee = node.callee;
      if (node.type !== 'CallExpression' || !isNode(callee) || callee.type !== 'Identifier') return;
      if (callee.name !== 'push') return;
      const kind = stringOf((node.arguments as Node[])[1]);
      if (kind !== undefined) pushed.add(kind);
    });
    expect([...pushed].filter((k) => !(k in WINDOWS))).toEqual([]);
    expect(WINDOW_KINDS.filter((k) => !pushed.has(k))).toEqual([]);
  });

  it('no file but the kinds table lists kinds to give them a trait', () => {
    // A list of three or more kinds and nothing else (a Set of them, say), or an object keyed by
    // three or more kinds, outside core/windows.ts is a trait kept elsewhere.
    const kinds = new Set<string>(WINDOW_KINDS);
    const bad: string[] = [];
    for (const file of SRC_FILES) {
      if (file === join(SRC, 'core/windows.ts')) continue;
      walk(program(file), (node) => {
        const entries =
          node.type === 'ArrayExpression'
            ? (node.elements as unknown[])
            : node.type === 'ObjectExpression'
              ? (node.properties as Node[]).map((p) => p.key)
              : undefined;
        if (entries === undefined || entries.length < 3) return;
        const named = (e: unknown) => {
          if (isNode(e) && e.type === 'Identifier') return String(e.name);
          return stringOf(e);
        };
        if (entries.every((e) => kinds.has(named(e) ?? '')))
          bad.push(`${rel(file)}:${lineOf(file, node.start)}`);
      });
    }
    expect(bad).toEqual([]);
  });
});

describe('no dead code', () => {
  /** Files whose exports are used outside src/ by design (build scripts and benchmarks). */
  const USERS = [...SRC_FILES, ...filesUnder(join(ROOT, 'bench')), ...filesUnder(join(ROOT, 'scripts'))];
  // Comments and re-exports (`export { x } from …`) mention a name without using it.
  const withoutMentions = (text: string) =>
    text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/export (type )?\{[^}]*\} from [^;]*;/g, '');
  const texts = new Map(USERS.map((f) => [f, withoutMentions(readFileSync(f, 'utf8'))]));

  function exportedFunctions(file: string): string[] {
    const names: string[] = [];
    for (const statement of program(file).body as Node[]) {
      if (statement.type !== 'ExportNamedDeclaration' || !isNode(statement.declaration)) continue;
      const d = statement.declaration;
      if (d.type === 'FunctionDeclaration' && isNode(d.id)) names.push(String(d.id.name));
      if (d.type === 'VariableDeclaration') {
        for (const v of d.declarations as Node[]) {
          const init = v.init;
          if (isNode(v.id) && isNode(init) && /^(Arrow)?Function(Expression)?$/.test(init.type))
            names.push(String(v.id.name));
        }
      }
    }
    return names;
  }

  /**
   * Exported for the tests on purpose: seams that let a test reach what production reaches another
   * way. Each says why; keep the list short.
   */
  const TEST_SEAMS = new Set([
    // Installs a translator outside an extension (no i18n namespace in Node).
    'src/ui/i18n.ts: setTranslator',
    // The e2e harness seeds IndexedDB in the packed form the extension reads.
    'src/platform/idb.ts: packRecords',
    // The language tests enumerate every status text the reader knows.
    'src/aliexpress/status.ts: allStatusTexts',
    // The locale test enumerates every key the forecast's words use (like ui/labels.ts).
    'src/core/forecast-text.ts: verdictKey',
    // The DOM fixture tests read a whole document: the content script's extract and the worker's
    // read of its texts (the two halves production runs), composed in one call.
    'src/aliexpress/index.ts: readPage',
  ]);
  /**
   * Landed ahead of the code that calls them by work still in flight today; each entry must go
   * once it is called (the test below fails on an entry that is used, so the list only shrinks).
   */
  const IN_FLIGHT = new Set<string>([]);

  it('every exported function is used somewhere outside the tests', () => {
    const unused: string[] = [];
    for (const file of SRC_FILES) {
      for (const name of exportedFunctions(file)) {
        const word = new RegExp(`\\b${name}\\b`, 'g');
        let uses = 0;
        for (const [other, text] of texts) {
          const count = text.match(word)?.length ?? 0;
          // In its own file the declaration is one mention; any other is a use.
          uses += other === file ? count - 1 : count;
        }
        const id = `${rel(file)}: ${name}`;
        if (uses === 0 && !TEST_SEAMS.has(id) && !IN_FLIGHT.has(id)) unused.push(id);
        if (uses > 0 && IN_FLIGHT.has(id)) unused.push(`${id} is called now: take it off IN_FLIGHT`);
      }
    }
    expect(unused).toEqual([]);
  });
});
