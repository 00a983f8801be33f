import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure core, page readers on fixtures, background on an in-memory browser)
 * and `e2e` (the built extension in real Chromium against the local stand-in pages).
 * The unit suite is run under two time zones by `npm run test:unit` (see package.json).
 */
export default defineConfig({
  test: {
    projects: [
      {
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Property tests and many-order fixtures take 1-2 s alone but 7-10 s when the 2-core
          // machine runs other builds at once; a timeout is no speed check (that is `npm run bench`).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
