// `npm start`: builds what is missing or older than its sources: the web UI
// (web/dist) and the server (dist/, compiled once by tsc instead of being
// transpiled at every start: the compiled server starts faster and needs
// about 90 MB less memory than one run through tsx).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
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

const server = join(repo, 'dist');
const builtServer = join(server, 'main.js');
const serverSources = Math.max(
  newest(join(repo, 'src'), (file) => !file.endsWith('.test.ts')),
  newest(join(repo, 'tsconfig.json')),
  newest(join(repo, 'tsconfig.build.json')),
  newest(join(repo, 'package-lock.json')),
);
if ((existsSync(builtServer) ? statSync(builtServer).mtimeMs : 0) < serverSources) {
  console.log('Compiling the server…');
  const started = Date.now();
  rmSync(server, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(repo, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  // The migrations are SQL files read at run time from beside the migrator.
  cpSync(join(repo, 'src/db/migrations'), join(server, 'db/migrations'), { recursive: true });
  console.log(`Server compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
