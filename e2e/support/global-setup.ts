import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the web UI once, as `npm start` would, and makes room for screenshots. */
export async function setup(): Promise<void> {
  mkdirSync(fileURLToPath(new URL('../screenshots', import.meta.url)), { recursive: true });
  await build({
    configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
