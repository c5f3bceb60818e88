import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  sql,
  type SQL,
} from 'drizzle-orm';
import pg from 'pg';
import { assertRestrictedAppLogin } from './app-login.js';
import { inlineValues, literal, type RenderedStatement } from './literal-sql.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; every repository function takes one of these (or a Db) first. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
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
  /** The application's node-postgres pool on a server, for COPY streams; undefined on PGlite. */
  pool: pg.Pool | undefined;
  /** The owner's pool on a server (migrations); undefined on PGlite. */
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
 * and maintenance. Both connect lazily, so the app pool's first session comes
 * after the migration that creates the role.
 */
export function openPg(
  connectionString: string,
  max = 10,
  appConnectionString: string = connectionString,
): Database {
  const pool = new pg.Pool({
    connectionString: appConnectionString,
    max,
    statement_timeout: statementTimeoutMs,
    options: `-c role=${appRole}`,
  });
  const ownerPool = new pg.Pool({
    connectionString,
    max: 2,
    statement_timeout: statementTimeoutMs,
  });
  // Idle clients can error when the server restarts; the pools replace them.
  pool.on('error', () => undefined);
  ownerPool.on('error', () => undefined);
  return {
    kind: 'pg',
    db: drizzlePg({ client: pool, schema }) as unknown as Db,
    unsafeOwner: drizzlePg({ client: ownerPool, schema }) as unknown as Db,
    pool,
    ownerPool,
    pglite: undefined,
    close: async () => {
      await pool.end();
      await ownerPool.end();
    },
  };
}

export async function openDatabase(options: {
  databaseUrl: string | undefined;
  appDatabaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  if (!options.databaseUrl) return openPglite(options.dataDir);
  if (options.appDatabaseUrl) {
    await assertRestrictedAppLogin(options.databaseUrl, options.appDatabaseUrl, appRole);
  }
  return openPg(options.databaseUrl, 10, options.appDatabaseUrl);
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The role every tenant transaction runs as: it neither owns the tables nor bypasses RLS. */
export const appRole = 'kantivo_app';

/**
 * Runs `work` in one transaction as the application role, with the
 * organization set transaction-locally, so that row-level security on
 * org_id (migration 0010) confines every statement inside to that org. On a
 * server, `begin` and the settings travel in one round trip (beginOrg).
 * `readOnly` begins it READ ONLY: a write inside fails.
 */
export async function withOrg<T>(
  db: Db,
  orgId: string,
  work: (tx: Tx) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const readOnly = options.readOnly ?? false;
  const pool = poolOf(db);
  if (pool) return inOpenTransaction(await beginOrg(pool, orgId, readOnly), work);
  return db.transaction(
    async (tx) => {
      await tx.execute(
        sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${appRole}, true)`,
      );
      return work(tx);
    },
    readOnly ? { accessMode: 'read only' } : undefined,
  );
}

/** A tenant transaction begun on a checked-out server connection, not yet ended. */
type OpenTransaction = {
  orgId: string;
  /** Begun READ ONLY: it cannot write, so its commit has nothing to lose and is not waited for. */
  readOnly: boolean;
  tx: Tx;
  /** Commits or rolls back and returns the connection to the pool (dropping it if that fails). */
  end(outcome: 'commit' | 'rollback'): Promise<void>;
};

// What drizzle() builds for a pool, built once here for transactions on one checked-out connection.
const pgDialect = new PgDialect();
const tablesConfig = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
const relationalSchema = {
  fullSchema: schema,
  schema: tablesConfig.tables,
  tableNamesMap: tablesConfig.tableNamesMap,
};

function poolOf(db: Db): pg.Pool | undefined {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/**
 * Checks out a connection and begins `orgId`'s transaction on it in one
 * round trip (one simple-protocol message: `begin` and the settings).
 */
async function beginOrg(pool: pg.Pool, orgId: string, readOnly = false): Promise<OpenTransaction> {
  const client = await pool.connect();
  const end = async (outcome: 'commit' | 'rollback') => {
    try {
      await client.query(outcome);
    } catch (error) {
      client.release(true);
      throw error;
    }
    client.release();
  };
  try {
    await beginOrgOn(client, orgId, readOnly);
  } catch (error) {
    await end('rollback').catch(() => undefined);
    throw error;
  }
  const session = new NodePgSession(client, pgDialect, relationalSchema);
  const tx = new NodePgTransaction(pgDialect, session, relationalSchema) as unknown as Tx;
  return { orgId, readOnly, tx, end };
}

/**
 * Begins `orgId`'s transaction on a connection the caller holds (and ends):
 * `begin` and the org settings in one round trip. For code that needs the
 * bare connection, such as a COPY stream; everything else uses withOrg.
 */
export async function beginOrgOn(
  client: pg.PoolClient,
  orgId: string,
  readOnly: boolean,
): Promise<void> {
  await client.query(`begin${readOnly ? ' read only' : ''}; ${orgSettings(orgId)}`);
}

/** The statement that confines a transaction to `orgId` as the application role (RLS, migration 0010). */
function orgSettings(orgId: string): string {
  return (
    `select set_config('app.org_id', ${pg.escapeLiteral(orgId)}, true), ` +
    `set_config('role', '${appRole}', true)`
  );
}

/**
 * Runs `work` in an open transaction, then commits it, or rolls it back if
 * `work` throws. A read-only transaction is ended off the answer's path: the
 * answer is already what it will be, and the connection returns to the pool
 * once the end is done.
 */
async function inOpenTransaction<T>(
  open: OpenTransaction,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await work(open.tx);
  } catch (error) {
    await endQuietly(open, 'rollback');
    throw error;
  }
  if (open.readOnly) void endQuietly(open, 'commit');
  else await open.end('commit');
  return result;
}

/** Ends a transaction whose outcome no longer matters to anyone (a failure drops the connection). */
function endQuietly(open: OpenTransaction, outcome: 'commit' | 'rollback'): Promise<void> {
  return open.end(outcome).catch(() => undefined);
}

/**
 * Something that must hold for a read's statement to count, sent in the same
 * message just before it (the caller's credential, see src/http/auth.ts):
 * `expression` is SQL of type text, selected along with the org settings,
 * and `settle` receives its value and throws when the statement's rows must
 * not be used.
 */
export type StatementCheck = { expression: string; settle(value: string | null): void };

/**
 * A read-only tenant handle on a server that holds no connection between
 * statements: each statement travels as one simple-protocol message (a
 * select of the org settings, READ ONLY and `check()`'s expression when
 * there is one, then the statement with its values written in as
 * literals) on a connection taken for that message alone. PostgreSQL runs
 * a message of several statements as one implicit transaction, so the
 * settings hold for the statement and end with it, and a failure rolls it
 * all back: no begin, commit or rollback to send. One round trip a
 * statement, as for a bare query. Each statement reads its own snapshot, as
 * it would in one READ COMMITTED transaction; there are no savepoints.
 */
export function readStatements(
  pool: pg.Pool,
  orgId: string,
  check: () => StatementCheck | undefined = () => undefined,
): Tx {
  const prologue = `${orgSettings(orgId)}, set_config('transaction_read_only', 'on', true)`;
  const run = async (
    statement: string,
    config: Omit<pg.QueryConfig, 'text'> = {},
  ): Promise<pg.QueryResult> => {
    if (/^\s*(savepoint|release|rollback|commit|begin|start)\b/i.test(statement)) {
      throw new Error('A read runs each statement on its own: no transaction control inside');
    }
    const pending = check();
    const text = `${prologue}${pending ? `, (${pending.expression}) as verdict` : ''}; ${statement}`;
    const connection = await pool.connect();
    let results: pg.QueryResult[];
    try {
      const answer: unknown = await connection.query({
        ...config,
        text,
        values: undefined,
        name: undefined,
      });
      results = answer as pg.QueryResult[];
    } catch (error) {
      // The server ended the failed message's transaction itself; any other failure may have
      // left the connection mid-message, so it is dropped.
      connection.release(error instanceof pg.DatabaseError ? undefined : true);
      throw error;
    }
    connection.release();
    if (pending) pending.settle(verdictOf(results[0]!));
    return results[1]!;
  };
  const client = {
    query: async (config: pg.QueryConfig, values?: unknown[]) =>
      run(inlineValues(config.text, values ?? config.values ?? []), config),
  };
  // No relational schema: reads build their queries with the query builder, and
  // constructing the relational helpers for every table is work on every request.
  const session = new NodePgSession(client as unknown as pg.PoolClient, pgDialect, undefined);
  const tx = new NodePgTransaction(pgDialect, session, undefined) as unknown as Tx;
  inlinedRunners.set(tx, run);
  return tx;
}

/** readStatements' handles and how each runs a statement whose values are already written in. */
const inlinedRunners = new WeakMap<Executor, (statement: string) => Promise<pg.QueryResult>>();

/** The check's cell: the last column of the settings row (in object or array row mode). */
function verdictOf(result: pg.QueryResult): string | null {
  const row: unknown = result.rows[0];
  if (row === undefined || row === null) return null;
  const cells = Array.isArray(row) ? (row as unknown[]) : Object.values(row as object);
  const verdict = cells[cells.length - 1];
  return typeof verdict === 'string' ? verdict : null;
}

/**
 * Runs a rendered statement with `values` by placeholder name and returns
 * its rows. On a read's handle (readStatements) the values are written in
 * as literals and the text goes straight to the connection; anywhere else
 * they travel as parameters through Drizzle.
 */
export async function queryStatement<T>(
  ex: Executor,
  statement: RenderedStatement,
  values: Readonly<Record<string, unknown>>,
): Promise<T[]> {
  const valueOf = (name: string) => {
    if (!(name in values)) throw new Error(`No value for placeholder ${name}`);
    return values[name];
  };
  const { parts, names } = statement;
  const run = inlinedRunners.get(ex);
  if (run) {
    let text = parts[0]!;
    for (let i = 0; i < names.length; i++) text += literal(valueOf(names[i]!)) + parts[i + 1]!;
    return (await run(text)).rows as T[];
  }
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  for (let i = 0; i < names.length; i++) {
    chunks.push(sql`${valueOf(names[i]!)}`, sql.raw(parts[i + 1]!));
  }
  return queryRows<T>(ex, sql.join(chunks));
}
