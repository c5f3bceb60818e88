// `npm start`: builds the web UI when web/dist is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const web = fileURLToPath(new URL('..', import.meta.url));
const repo = join(web, '..');
const builtIndex = join(web, 'dist', 'index.html');

/** The newest modification time under `path` (a file or a directory tree). */
function newest(path: string, filter: (file: string) => boolean = () => true): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return filter(path) ? stat.mtimeMs : 0;
  let latest = 0;
  for (const entry of readdirSync(path))
    latest = Math.max(latest, newest(join(path, entry), filter));
  return latest;
}

const sources = Math.max(
  newest(join(web, 'src')),
  newest(join(web, 'public')),
  newest(join(web, 'index.html')),
  newest(join(web, 'vite.config.ts')),
  // The UI imports the server's Zod schemas.
  newest(join(repo, 'src'), (file) => file.endsWith('schema.ts')),
);
const built = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;

if (built < sources) {
  console.log(built ? 'The web UI changed; rebuilding…' : 'Building the web UI…');
  const started = Date.now();
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`Web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
