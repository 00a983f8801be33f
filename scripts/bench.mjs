// @ts-check
/**
 * `npm run bench`: speed and size figures, never pass/fail timing inside the test suite (timed
 * tests are flaky on a shared 2-core machine). Each `bench/*.bench.ts` exports
 * `run(): Promise<BenchResult[]>`; this script loads them through Vite (TypeScript, no build step),
 * prints a table with median and p95 against each target, and writes bench/results.md (pasted into
 * the README) and test-results/bench.json.
 *
 * BenchResult = { name, unit: 'ms' | 'bytes' | 'KB gzip', samples: number[], target?: number, note?: string }
 *
 * `npm run bench -- core` runs only the files whose name contains "core".
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';

const root = join(import.meta.dirname, '..');
const filter = process.argv[2] ?? '';
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
/** @param {number} n */
const fmt = (n) =>
  Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3);

/** @type {{file: string, name: string, unit: string, median: number, p95: number, runs: number, target?: number, ok?: boolean, medianOk?: boolean, note?: string}[]} */
const rows = [];
try {
  for (const file of files) {
    console.log(`running bench/${file} ...`);
    const mod = await server.ssrLoadModule(`/bench/${file}`);
    /** @type {{name: string, unit: string, samples: number[], target?: number, note?: string}[]} */
    const results = await mod.run();
    for (const r of results) {
      const sorted = [...r.samples].sort((a, b) => a - b);
      const median = quantile(sorted, 0.5);
      const p95 = quantile(sorted, 0.95);
      const row = {
        file,
        name: r.name,
        unit: r.unit,
        median,
        p95,
        runs: sorted.length,
        target: r.target,
        note: r.note,
      };
      if (r.target !== undefined) Object.assign(row, { ok: p95 <= r.target, medianOk: median <= r.target });
      rows.push(row);
      console.log(
        `  ${r.name}: median ${fmt(median)} ${r.unit}, p95 ${fmt(p95)} ${r.unit} (${sorted.length} runs)${r.target !== undefined ? ` target ${r.target}` : ''}`,
      );
    }
  }
} finally {
  await server.close();
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`;
const lines = [
  `Measured on ${machine}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| what | median | p95 | runs | target | |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.median)} ${r.unit} | ${fmt(r.p95)} ${r.unit} | ${r.runs} | ${r.target !== undefined ? `< ${r.target} ${r.unit}` : ''} | ${r.ok === undefined ? (r.note ?? '') : `${r.ok ? 'met' : r.medianOk ? '**median only**' : '**missed**'}${r.note ? `; ${r.note}` : ''}`} |`,
  ),
];
if (!filter) writeFileSync(join(root, 'bench', 'results.md'), `${lines.join('\n')}\n`);
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'bench.json'), JSON.stringify(rows, null, 2));
console.log(`\n${lines.join('\n')}`);
