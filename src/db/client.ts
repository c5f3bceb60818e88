import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { assertRestrictedAppLogin } from './app-login.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/**
 * A handle inside one transaction; every repository function takes one of
 * these (or a Db) first. It has no `transaction`: on a server it is a plain
 * handle on the transaction's connection (withOrg), where a nested
 * `transaction` would begin and commit the outer one. Use savepoint().
 */
export type Tx = Omit<Db, 'transaction'>;
export type Executor = Db | Tx;

export type Database = {
  kind: 'pglite' | 'pg';
  /**
   * The application's connections: on a server every session runs as
   * kantivo_app, logged in as APP_DATABASE_URL's login when set (see openPg).
   */
  db: Db;
  /**
   * The login role of DATABASE_URL, which owns the tables: only for
   * migrations, start-up maintenance across organizations (demo seed check,
   * interrupted imports), the CLI's choice of org, and tests' raw fixtures.
   * Anything that uses it skips row-level security. On PGlite, with one
   * session, it is the same handle as `db`.
   */
  unsafeOwner: Db;
  /** The application's node-postgres pool behind `db` on a server; undefined on PGlite. */
  pool: pg.Pool | undefined;
  /**
   * The application's pool for COPY streams on a server (not pipelined:
   * a COPY cannot share a pipelined connection); undefined on PGlite.
   */
  copyPool: pg.Pool | undefined;
  /** The owner's pool on a server (migrations, the job queue); undefined on PGlite. */
  ownerPool: pg.Pool | undefined;
  /** The embedded instance on PGlite, for tests that clone or dump it. */
  pglite: PGlite | undefined;
  close(): Promise<void>;
};

// node-postgres would turn `date` into a local-time Date; the contract wants 'YYYY-MM-DD'.
pg.types.setTypeParser(1082, (value: string) => value);

export const pgliteExtensions = { pg_trgm };

/** No statement may run longer than this: a runaway query fails instead of holding the database. */
export const statementTimeoutMs = 60_000;
/** Waiting longer than this for a pooled connection fails the request (503) instead of hanging it. */
export const connectionTimeoutMs = 5000;
/** A session idle inside a transaction this long is ended by the server (its locks and slot freed). */
export const idleInTransactionTimeoutMs = 60_000;

export async function openPglite(
  dataDir: string | undefined,
  loadDataDir?: Blob,
): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ dataDir, extensions: pgliteExtensions, loadDataDir });
  await client.waitReady;
  await client.exec(`set statement_timeout = ${statementTimeoutMs}`);
  return wrapPglite(client);
}

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    unsafeOwner: db,
    pool: undefined,
    copyPool: undefined,
    ownerPool: undefined,
    pglite: client,
    close: () => client.close(),
  };
}

/**
 * On a server the application's pool runs every session as kantivo_app (a
 * startup `role` setting): a role that owns no table and cannot bypass
 * row-level security (migration 0010). It logs in as `appConnectionString`'s
 * login when given (APP_DATABASE_URL), so that a `RESET ROLE` cannot get back
 * to the owner. The owner login keeps a small pool of its own for migrations
 * and maintenance. They connect lazily, so the app pool's first session comes
 * after the migration that creates the role.
 *
 * The requests' pool is pipelined, so that a transaction's `begin` and its
 * first statement travel together (withOrg); COPY streams get a small pool
 * of their own, `copyConnections` large, since a COPY cannot be pipelined.
 */
export function openPg(
  connectionString: string,
  max = 10,
  appConnectionString: string = connectionString,
  copyConnections = 4,
): Database {
  const appOptions = {
    connectionString: appConnectionString,
    connectionTimeoutMillis: connectionTimeoutMs,
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
    options: `-c role=${appRole}`,
  };
  const pool = new pg.Pool({ ...appOptions, max, pipeline: true });
  const copyPool = new pg.Pool({ ...appOptions, max: copyConnections });
  const ownerPool = new pg.Pool({
    connectionString,
    // Migrations, start-up maintenance and the job queue's polls and writes (src/jobs).
    max: 4,
    connectionTimeoutMillis: connectionTimeoutMs,
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
  });
  // Idle clients can error when the server restarts; the pools replace them.
  pool.on('error', () => undefined);
  copyPool.on('error', () => undefined);
  ownerPool.on('error', () => undefined);
  return {
    kind: 'pg',
    db: drizzlePg({ client: pool, schema }) as unknown as Db,
    unsafeOwner: drizzlePg({ client: ownerPool, schema }) as unknown as Db,
    pool,
    copyPool,
    ownerPool,
    pglite: undefined,
    close: async () => {
      await pool.end();
      await copyPool.end();
      await ownerPool.end();
    },
  };
}

export async function openDatabase(options: {
  databaseUrl: string | undefined;
  appDatabaseUrl?: string | undefined;
  dataDir: string;
  /** How many exports may stream at once (EXPORT_CONCURRENCY): the COPY pool's size. */
  exportConcurrency?: number;
}): Promise<Database> {
  if (!options.databaseUrl) return openPglite(options.dataDir);
  if (options.appDatabaseUrl) {
    await assertRestrictedAppLogin(options.databaseUrl, options.appDatabaseUrl, appRole);
  }
  return openPg(options.databaseUrl, 10, options.appDatabaseUrl, options.exportConcurrency);
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs SQL text with positional values ($1, $2…) on a handle: inside a
 * transaction, on its connection. For libraries that bring their own SQL
 * (the job queue, src/jobs); our own SQL goes through the `sql` template.
 * Both drivers' clients (a pg Pool or PoolClient, PGlite or its transaction)
 * answer `query(text, values)` with `{ rows }`.
 */
export async function queryText<T>(
  ex: Executor,
  text: string,
  values: readonly unknown[] = [],
): Promise<{ rows: T[] }> {
  const client = (ex as unknown as { session?: { client?: unknown } }).session?.client as
    { query?: (text: string, values: unknown[]) => Promise<{ rows: T[] }> } | undefined;
  if (typeof client?.query !== 'function') throw new Error('This handle cannot run SQL text');
  return client.query(text, [...values]);
}

/** The role every tenant transaction runs as: it neither owns the tables nor bypasses RLS. */
export const appRole = 'kantivo_app';

/** The statement that confines a transaction to `orgId` as the application role (RLS, migration 0010). */
function orgSettings(orgId: string): SQL {
  return sql`set_config('app.org_id', ${orgId}, true), set_config('role', ${appRole}, true)`;
}

/**
 * Runs `work` in one transaction as the application role, with the
 * organization set transaction-locally, so that row-level security on
 * org_id (migration 0010) confines every statement inside to that org.
 * `readOnly` begins it READ ONLY: a write inside fails.
 *
 * `alongside` is a SQL expression selected in the transaction's first
 * statement, with the org settings (the caller's credential check,
 * src/access/caller.ts), and its value is handed to `work`: the check and
 * the work share one transaction and one snapshot. On a server `begin` and
 * that statement are sent together on the pipelined pool, so the check
 * costs no round trip of its own; the org settings still travel in a
 * statement of their own, after `begin`, as Citus needs them. On PGlite
 * (in process, nothing to save) Drizzle's transaction runs the same steps.
 */
export async function withOrg<T>(
  db: Db,
  orgId: string,
  work: (tx: Tx, alongside: unknown) => Promise<T>,
  options: { readOnly?: boolean; alongside?: SQL } = {},
): Promise<T> {
  const first = sql`select ${options.alongside ?? sql`null`} as alongside, ${orgSettings(orgId)}`;
  const readOnly = options.readOnly ?? false;
  const pool = (db as { $client?: unknown }).$client;
  if (pool instanceof pg.Pool) return onPooledConnection(pool, readOnly, first, work);
  return db.transaction(
    async (tx) => {
      const [row] = await queryRows<{ alongside: unknown }>(tx, first);
      return work(tx, row?.alongside);
    },
    readOnly ? { accessMode: 'read only' } : undefined,
  );
}

/** withOrg on a server: one connection, `begin` sent with the first statement, Drizzle on top. */
async function onPooledConnection<T>(
  pool: pg.Pool,
  readOnly: boolean,
  first: SQL,
  work: (tx: Tx, alongside: unknown) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const tx: Tx = drizzlePg({ client });
  let result: T;
  try {
    const [, rows] = await Promise.all([
      client.query(readOnly ? 'begin read only' : 'begin'),
      queryRows<{ alongside: unknown }>(tx, first),
    ]);
    result = await work(tx, rows[0]?.alongside);
  } catch (error) {
    // A connection that cannot even roll back is discarded, not reused.
    let broken: Error | undefined;
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    client.release(broken);
    throw error;
  }
  const committed = client.query('commit').then(
    () => client.release(),
    (error: Error) => {
      client.release(error);
      throw error;
    },
  );
  // A read-only transaction's commit changes nothing anyone can see, so the
  // answer does not wait for it; the connection goes back to the pool only
  // once it has completed. A write's answer waits: it promises the write.
  if (readOnly) committed.catch(() => undefined);
  else await committed;
  return result;
}

/**
 * Runs `work` under a savepoint of the surrounding transaction: when it
 * throws, its writes are undone and the transaction stays usable.
 */
export async function savepoint<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  // One name serves nested savepoints too: PostgreSQL shadows the outer one.
  await tx.execute(sql`savepoint nested`);
  try {
    const result = await work();
    await tx.execute(sql`release savepoint nested`);
    return result;
  } catch (error) {
    await tx.execute(sql`rollback to savepoint nested`);
    throw error;
  }
}

/**
 * Begins `orgId`'s transaction on a connection the caller holds (and
 * ends), for code that needs the bare connection: a COPY stream.
 */
export async function beginOrgOn(
  client: pg.PoolClient,
  orgId: string,
  readOnly: boolean,
): Promise<void> {
  await client.query(readOnly ? 'begin read only' : 'begin');
  await client.query(`select set_config('app.org_id', $1, true), set_config('role', $2, true)`, [
    orgId,
    appRole,
  ]);
}
