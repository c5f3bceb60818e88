import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: each spec starts the real server on a fresh embedded database.
// eslint-disable-next-line no-restricted-syntax -- Vitest reads the default export
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One browser per spec file; specs run side by side on their own servers.
    fileParallelism: true,
    // Two at a time even on two cores: a spec waits on its server and browser as much as it computes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
