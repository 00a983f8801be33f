/**
 * Gzip size of each bundle the browser loads, from the built Chrome extension (run `npm run build`
 * first): every file an entry pulls in through static imports (and its CSS), each gzipped on its
 * own as it ships, summed. Targets from issue #6.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist', 'chrome');

const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

/** Files reached from `entry` (a path inside dist) through static `import`/`from` specifiers. */
function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(join(dist, file), 'utf8');
    for (const m of text.matchAll(/(?:\bimport|\bfrom)\s*["']([^"']+\.(?:js|css))["']/g)) {
      const spec = m[1] as string;
      const target = spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(dirname(file), spec));
      if (existsSync(join(dist, target))) queue.push(target);
    }
  }
  return seen;
}

function htmlEntries(page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
}

const kb = (files: Set<string>) => [...files].reduce((n, f) => n + gz(f), 0) / 1024;

export async function run() {
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error('run `npm run build` first');
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string };
    content_scripts: { js: string[]; world?: string }[];
  };
  const pageWorld = manifest.content_scripts.find((c) => c.world === 'MAIN')?.js ?? [];
  const isolated = manifest.content_scripts.find((c) => c.world !== 'MAIN')?.js ?? [];
  const figures: [string, Set<string>, number | undefined][] = [
    ['page-world script', closure(pageWorld), 3],
    ['content script with overlay', closure(isolated), 30],
    ['popup (JS + CSS)', closure(htmlEntries('src/popup/index.html')), 40],
    ['options page (JS + CSS)', closure(htmlEntries('src/options/index.html')), undefined],
    ['service worker', closure([manifest.background.service_worker]), undefined],
  ];
  return figures.map(([name, files, target]) => ({
    name: `${name}, gzip`,
    unit: 'KB gzip' as const,
    samples: [Math.round(kb(files) * 10) / 10],
    ...(target !== undefined ? { target } : {}),
    note: `${files.size} files`,
  }));
}
