// @ts-check
// Builds both targets from one source: dist/chrome (Chrome, Edge) and dist/firefox.
import { build } from 'vite';

for (const mode of ['chrome', 'firefox']) {
  await build({ mode, logLevel: 'warn', configFile: new URL('../vite.config.ts', import.meta.url).pathname });
  console.log(`built dist/${mode}`);
}
