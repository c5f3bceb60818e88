import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each test file loads its own embedded database (~1 s) and hashes passwords.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest leaves one core to its main process, which mostly waits: on a
    // two-core CI machine that ran one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
