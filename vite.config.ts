import { resolve } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

/**
 * One source, two builds:
 *   vite build --mode chrome   -> dist/chrome  (Chrome, Edge: background service worker)
 *   vite build --mode firefox  -> dist/firefox (Firefox MV3: background.scripts, gecko id)
 *
 * Both content scripts are `*.iife.ts`, which crxjs bundles as single self-contained files. That
 * matters twice: the MAIN-world script cannot use crxjs's loader (its relative dynamic import
 * resolves against the page's origin and fails), and without a loader there is nothing to list in
 * web_accessible_resources, so pages cannot probe for the extension.
 */
type Target = 'chrome' | 'firefox';

function manifestFor(target: Target): ManifestV3Export {
  // The version lives in package.json only: both manifests and `npm run package` read it there.
  const manifest: Record<string, unknown> = { ...structuredClone(baseManifest), version: pkg.version };
  if (target === 'firefox') {
    // Firefox MV3 runs the background as an event page; it ignores `service_worker`.
    manifest.background = { scripts: ['src/background/index.ts'], type: 'module' };
    delete manifest.minimum_chrome_version;
    manifest.browser_specific_settings = {
      gecko: {
        id: 'protection-clock@protection-clock.invalid',
        // 140 (an ESR): the first release that reads `data_collection_permissions` (MAIN-world
        // content scripts came in 128).
        strict_min_version: '140.0',
        // Nothing leaves the browser: we collect no data at all.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest as unknown as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    build: {
      outDir: resolve(import.meta.dirname, 'dist', target),
      emptyOutDir: true,
      target: 'es2022',
      // Readable stack traces in bug reports outweigh a few KB; the sources stay in the package.
      sourcemap: false,
      // Every browser we support knows modulepreload: the polyfill would be 0.5 KB of dead code.
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: {
          popup: resolve(import.meta.dirname, 'src/popup/index.html'),
          options: resolve(import.meta.dirname, 'src/options/index.html'),
        },
      },
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    plugins: [crx({ manifest: manifestFor(target), browser: target })],
  };
});
