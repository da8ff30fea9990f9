import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Integration tests share one PostgreSQL, one Redis and spawned CLIs: keep files serial on a 2-core machine.
    fileParallelism: false,
    testTimeout: 30_000,
    // The JSON summary lets .ci/run print one plain 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: 'dist/test-results.json' }]],
    hookTimeout: 60_000,
  },
});
