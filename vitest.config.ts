import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node; browser behaviour is tested in real Chromium
// by the suites under test/browser (driven by playwright-core against /usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser suites spend much of their time waiting on Chromium: two files at a time keep both cores
    // busy (vitest's default on a 2-core machine is one).
    maxWorkers: 2,
  },
});
