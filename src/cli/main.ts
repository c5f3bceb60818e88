import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { AppError } from '../shared/errors.js';
import { exportContactsCsv } from '../imports/export.js';
import { importContacts } from '../imports/import.js';
import { exportQuery, onDuplicateModes, type OnDuplicate } from '../imports/schema.js';
import { cliAccess } from './access.js';
import { progressLine } from './progress.js';

export const usage = `Usage: kantivo <command> [options]

Commands:
  import FILE [--dry-run] [--on-duplicate skip|update|create] [--org ORG_ID] [--as EMAIL]
      Import contacts from a CSV file (same rules as POST /contacts/import).
  export [--status S] [--type T] [--visibility V] [--tag TAG] [--q TEXT] [--org ORG_ID] [--as EMAIL] > FILE
      Write the contacts the user can read as CSV to standard output.
  migrate     Apply the database migrations.
  serve       Start the server (same as npm start).

The database is DATABASE_URL when set, else the embedded one in DATA_DIR (./data);
with APP_DATABASE_URL, imports and exports run under that login, as the server's do.
Import and export act as the organization's owner unless --as names another user.
`;

export type CliIo = {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** An open database (tests); otherwise one is opened from the configuration. */
  database?: Database;
};

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

/** Runs one CLI command; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(usage);
    return command ? 0 : 2;
  }
  if (command === 'serve') {
    await import('../main.js');
    return 0;
  }
  if (!['import', 'export', 'migrate'].includes(command)) {
    io.stderr.write(`Unknown command "${command}"\n\n${usage}`);
    return 2;
  }
  let args: ReturnType<typeof parse>;
  try {
    args = parse(rest);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  let database: Database;
  try {
    database = io.database ?? (await openDatabase(loadConfig(io.env)));
  } catch (error) {
    // A refused configuration (such as an unsafe APP_DATABASE_URL) is a message, not a stack.
    io.stderr.write(`${describeError(error)}\n`);
    return 1;
  }
  try {
    const applied = await migrate(database);
    if (command === 'migrate') {
      io.stderr.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date\n');
      return 0;
    }
    const ctx = await cliAccess(database.unsafeOwner, { org: args.values.org, as: args.values.as });
    return command === 'import'
      ? await runImport(database, ctx, args, io)
      : await runExport(database, ctx, args, io);
  } catch (error) {
    io.stderr.write(`${describeError(error)}\n`);
    return 1;
  } finally {
    if (!io.database) await database.close();
  }
}

function parse(rest: string[]) {
  return parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      'on-duplicate': { type: 'string' },
      org: { type: 'string' },
      as: { type: 'string' },
      status: { type: 'string' },
      type: { type: 'string' },
      visibility: { type: 'string' },
      tag: { type: 'string' },
      q: { type: 'string' },
      'owner-id': { type: 'string' },
    },
  });
}

function describeError(error: unknown): string {
  if (error instanceof AppError) {
    const fields = error.errors?.map((e) => `  ${e.path}: ${e.message}`).join('\n');
    return `Error: ${error.message}${fields ? `\n${fields}` : ''}`;
  }
  if (error instanceof ZodError) {
    return `Error: ${error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`;
  }
  return `Error: ${(error as Error).message ?? String(error)}`;
}

async function runImport(
  database: Database,
  ctx: Awaited<ReturnType<typeof cliAccess>>,
  args: ReturnType<typeof parse>,
  io: CliIo,
): Promise<number> {
  const file = args.positionals[0];
  if (!file) throw new Error('import needs a FILE');
  const mode = args.values['on-duplicate'] ?? 'skip';
  if (!(onDuplicateModes as readonly string[]).includes(mode)) {
    throw new Error(`--on-duplicate must be one of ${onDuplicateModes.join(', ')}`);
  }
  const bytesTotal = statSync(file).size;
  const progress = progressLine(io.stderr, 'rows');
  const result = await importContacts(
    database,
    ctx,
    () => createReadStream(file),
    {
      dryRun: args.values['dry-run'] ?? false,
      onDuplicate: mode as OnDuplicate,
      fileName: basename(file),
      bytesTotal,
    },
    (p) => progress.update(p.processed, bytesTotal ? p.bytesRead / bytesTotal : undefined),
  );
  progress.done();
  const dry = args.values['dry-run'] ? ' (dry run: nothing was written)' : '';
  io.stdout.write(
    `created ${result.created}, updated ${result.updated}, skipped ${result.skipped}, ` +
      `errors ${result.errorCount}${dry}\n`,
  );
  for (const e of result.errors.slice(0, 20)) io.stdout.write(`  row ${e.row}: ${e.message}\n`);
  if (result.errorCount > 20) io.stdout.write(`  … and ${result.errorCount - 20} more\n`);
  return 0;
}

async function runExport(
  database: Database,
  ctx: Awaited<ReturnType<typeof cliAccess>>,
  args: ReturnType<typeof parse>,
  io: CliIo,
): Promise<number> {
  const v = args.values;
  const filters = exportQuery.parse({
    ...(v.status ? { status: v.status } : {}),
    ...(v.type ? { type: v.type } : {}),
    ...(v.visibility ? { visibility: v.visibility } : {}),
    ...(v.tag ? { tag: v.tag } : {}),
    ...(v.q ? { q: v.q } : {}),
    ...(v['owner-id'] ? { ownerId: v['owner-id'] } : {}),
  });
  const progress = progressLine(io.stderr, 'rows');
  let rows = 0;
  // Written by hand rather than piped, so that process.stdout is never ended; drain is awaited.
  for await (const chunk of exportContactsCsv(database.db, ctx, filters, (n) => {
    rows = n;
    progress.update(n);
  })) {
    if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
  }
  progress.done();
  io.stderr.write(`exported ${rows} contacts\n`);
  return 0;
}
