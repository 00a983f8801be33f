// @ts-check
/**
 * `npm run package`: the store uploads, for the version in package.json (the one place it is set;
 * the build writes it into both manifests). Builds first unless `--no-build` (the tests package
 * what `npm test` just built). Writes into artifacts/:
 *
 *   protection-clock-<v>-chrome.zip   Chrome Web Store and Edge Add-ons: dist/chrome at the root
 *   protection-clock-<v>-firefox.zip  addons.mozilla.org (and Firefox for Android): dist/firefox
 *   protection-clock-<v>-source.zip   the source AMO asks for when code is bundled, with
 *                                     SOURCE-BUILD.md at its root: how to rebuild the Firefox
 *                                     package byte for byte from it
 *
 * Never inside a package: source maps, tests, anything but what the build wrote.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

const root = join(import.meta.dirname, '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const out = join(root, 'artifacts');
/** A fixed time for every entry, so the same files give the same archive. */
const MTIME = new Date('2026-01-01T00:00:00Z');

/** Files no package may hold, whatever the build wrote. */
export const FORBIDDEN = [
  /\.map$/,
  /(^|\/)(test|tests|__tests__)\//,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)\.vite\//,
];

/** @param {string} dir @returns {string[]} paths relative to dir, with forward slashes, sorted */
function walk(dir) {
  /** @type {string[]} */
  const files = [];
  const visit = (/** @type {string} */ d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) visit(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  visit(dir);
  return files;
}

/** @param {string} name @param {string} dir @param {string[]} files @param {Record<string, string>} [extra] */
function zip(name, dir, files, extra = {}) {
  /** @type {import('fflate').Zippable} */
  const entries = {};
  for (const file of files) entries[file] = [readFileSync(join(dir, file)), { mtime: MTIME }];
  for (const [file, text] of Object.entries(extra)) entries[file] = [Buffer.from(text), { mtime: MTIME }];
  const path = join(out, name);
  writeFileSync(path, zipSync(entries, { level: 9 }));
  return path;
}

/** @param {string} target */
function distFiles(target) {
  const dir = join(root, 'dist', target);
  const files = walk(dir);
  const bad = files.filter((f) => FORBIDDEN.some((re) => re.test(f)));
  if (bad.length) throw new Error(`dist/${target} holds files no package may ship: ${bad.join(', ')}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (manifest.version !== version) {
    throw new Error(`dist/${target} is version ${manifest.version}, package.json says ${version}: rebuild`);
  }
  return { dir, files };
}

/** The tracked files of the repository: the source archive holds exactly what a clone holds. */
function sourceFiles() {
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout
    .split('\0')
    .filter(Boolean)
    .filter((f) => !f.startsWith('docs/screenshots/') && !f.startsWith('store/screenshots/'))
    .sort();
}

const BUILD_NOTES = `# Building Protection Clock ${version} from this source

This archive is the extension's source, as tracked in its repository. The Firefox package
(protection-clock-${version}-firefox.zip) is built from it with the project's own build, which
bundles TypeScript and Preact with Vite; nothing is minified by hand, nothing is fetched at run time.

Requirements: Linux, macOS or Windows; Node.js 20.19 or newer; npm 10 or newer.

\`\`\`sh
npm ci             # the exact dependency versions in package-lock.json
npm run build      # writes dist/chrome and dist/firefox
\`\`\`

The Firefox package is the contents of \`dist/firefox\` (\`npm run package -- --no-build\` zips it
into \`artifacts/\`). No other tool, service or network access is needed beyond npm's registry
for \`npm ci\`.
`;

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
mkdirSync(out, { recursive: true });
const chrome = distFiles('chrome');
const firefox = distFiles('firefox');
const made = [
  zip(`protection-clock-${version}-chrome.zip`, chrome.dir, chrome.files),
  zip(`protection-clock-${version}-firefox.zip`, firefox.dir, firefox.files),
  zip(`protection-clock-${version}-source.zip`, root, sourceFiles(), { 'SOURCE-BUILD.md': BUILD_NOTES }),
];
for (const path of made)
  console.log(`${relative(root, path)}  ${(statSync(path).size / 1024).toFixed(1)} KB`);
