// Runs the browser tests when a Chromium is installed. On a developer's
// machine without one, says how to get it and passes; under CI (CI=true),
// a missing browser is a failure, since .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `Browser tests need Chromium at ${chromium} (Debian: apt-get install -y chromium; or set CHROMIUM_PATH).`;
  if (process.env.CI) {
    console.error(message);
    process.exit(1);
  }
  console.warn(`NOTICE: ${message} They were not run.`);
  process.exit(0);
}
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
