import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Suites share one Redis; files run in parallel on separate key prefixes.
    pool: 'forks',
    reporters: ['default'],
  },
});
