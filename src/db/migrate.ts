import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.js';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function listMigrations(): { name: string; text: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(migrationsDir, name), 'utf8') }));
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

type ScriptRunner = {
  exec(text: string): Promise<void>;
  names(): Promise<string[]>;
};

/**
 * Applies the SQL files in migrations/ that have not run yet, in one
 * transaction, on either driver (multi-statement files go through each
 * driver's simple-query path). An advisory lock keeps two starting servers
 * from migrating at once.
 */
export async function migrate(database: Database): Promise<string[]> {
  const run = async (runner: ScriptRunner): Promise<string[]> => {
    await runner.exec('select pg_advisory_xact_lock(7253001)');
    // Building an index on a large table may take longer than a request may.
    await runner.exec('set local statement_timeout = 0');
    await runner.exec(bookkeeping);
    const done = new Set(await runner.names());
    const applied: string[] = [];
    for (const migration of listMigrations()) {
      if (done.has(migration.name)) continue;
      await runner.exec(migration.text);
      await runner.exec(
        `insert into schema_migrations (name) values ('${migration.name.replace(/'/g, "''")}')`,
      );
      applied.push(migration.name);
    }
    return applied;
  };

  if (database.pglite) {
    return database.pglite.transaction((tx) =>
      run({
        exec: async (text) => void (await tx.exec(text)),
        names: async () =>
          (await tx.query<{ name: string }>('select name from schema_migrations')).rows.map(
            (r) => r.name,
          ),
      }),
    );
  }
  const client = await database.ownerPool!.connect();
  try {
    await client.query('begin');
    const applied = await run({
      exec: async (text) => void (await client.query(text)),
      names: async () =>
        (await client.query<{ name: string }>('select name from schema_migrations')).rows.map(
          (r) => r.name,
        ),
    });
    await client.query('commit');
    return applied;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}
