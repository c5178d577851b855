import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/*.test.ts',
      'packages/*/src/**/*.test.{ts,tsx}',
      'packages/*/test/**/*.test.{ts,tsx}',
      'apps/*/src/**/*.test.{ts,tsx}',
      'apps/*/test/**/*.test.{ts,tsx}',
    ],
    environment: 'node',
    // pcscd is shared machine-wide: only tests holding its lock (acquirePcscd) may open readers, so a
    // terminal a test starts from the environment never reads another test's virtual card.
    env: { UITPAS_PCSC: '0' },
    // A hang guard, not a speed check: browser tests take screenshots and axe scans on a loaded 2-core CI.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores on CI: hardware (pcscd) and browser tests serialise themselves; unit files run in parallel.
    maxWorkers: 2,
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
