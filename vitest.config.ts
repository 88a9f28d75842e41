import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node; browser behaviour is tested in real Chromium
// by the suites under test/browser (driven by playwright-core against /usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests wait for observable state; the limits only stop a hang. They are generous because the suite
    // must stay green on a busy 2-core machine (a full build beside it), where a 20 s browser test takes 60.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Browser suites spend much of their time waiting on Chromium: two files at a time keep both cores
    // busy (vitest's default on a 2-core machine is one).
    maxWorkers: 2,
  },
});
