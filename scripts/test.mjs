// @ts-check
/**
 * `npm test`: everything CI checks, in order, stopping at the first failure:
 * typecheck, lint, build (both targets), unit tests under two time zones (one with DST, one far
 * east of UTC: results must not depend on the host's zone), the e2e suite (Chromium, and the
 * shared flows in test/e2e/flows.test.ts in Firefox too: the stand-in then listens on port 443, so
 * run as root or in a private network namespace), and web-ext lint of the Firefox build. Ends with one plain `N passed, N failed` line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

/** @param {string} title @param {string} command @param {string[]} args @param {Record<string, string>} [env] */
function step(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) {
    console.error(`\n${title} failed (exit ${run.status ?? run.signal}).`);
    summary();
    process.exit(run.status || 1);
  }
}

/** @type {string[]} */
const reports = [];
/** @param {string} name @param {string[]} args @param {Record<string, string>} [env] */
function vitest(name, args, env) {
  const out = join(results, `${name}.json`);
  reports.push(out);
  step(
    name,
    'npx',
    ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${out}`],
    env,
  );
}

function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of reports) {
    try {
      const report = JSON.parse(readFileSync(file, 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + report.numTodoTests;
    } catch {
      // a run that died before writing its report has already failed the step
    }
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint', 'npx', ['biome', 'check', '.']);
step('build', 'node', ['scripts/build.mjs']);
vitest('unit (TZ=America/New_York)', ['--project', 'unit'], { TZ: 'America/New_York' });
vitest('unit (TZ=Asia/Tokyo)', ['--project', 'unit'], { TZ: 'Asia/Tokyo' });
vitest('e2e', ['--project', 'e2e']);
step('web-ext lint (Firefox build)', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  'dist/firefox',
  '--self-hosted',
  '--output',
  'text',
]);
summary();
