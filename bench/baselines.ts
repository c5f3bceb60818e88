import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Db } from '../src/db/client.js';
import * as schema from '../src/db/schema.js';
import type { Conn } from './dataset.js';
import { csvColumns } from './generate.js';

/** One SQL statement as the product sends it: text and bound parameters. */
export type Statement = { sql: string; params: unknown[] };

/** Where the raw baseline runs: plain SQL, and a Drizzle database that records what it sends. */
export type RawSql = {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  capturing(): { db: Db; take(): Statement[] };
};

/** Session plumbing the product adds around its statements; the baseline leaves it out. */
const plumbing = /^\s*(begin|commit|rollback|savepoint|release)\b|set_config\('app\.org_id'/i;

/**
 * Records every statement the product's own service functions send through
 * `make`'s Drizzle database, so the raw baseline runs exactly the product's
 * SQL (minus the transaction and session plumbing around it).
 */
export function recorder(make: (log: (sql: string, params: unknown[]) => void) => Db) {
  let seen: Statement[] = [];
  const db = make((sql, params) => void seen.push({ sql, params }));
  return {
    db,
    take(): Statement[] {
      const out = seen.filter((s) => !plumbing.test(s.sql));
      seen = [];
      return out;
    },
  };
}

export const pgRaw = (pool: pg.Pool): RawSql => ({
  query: async <T>(text: string, params?: unknown[]) =>
    pool.query(text, params) as unknown as Promise<{ rows: T[] }>,
  capturing: () =>
    recorder(
      (log) =>
        drizzle({
          client: pool,
          schema,
          logger: { logQuery: log },
        }) as unknown as Db,
    ),
});

/** Runs the statements one after another, as the raw baseline. */
export async function runRaw(raw: RawSql, statements: Statement[]): Promise<void> {
  for (const s of statements) await raw.query(s.sql, s.params);
}

/** The CSV columns as the baseline tables name them. */
export const copyColumns = csvColumns.map(([, c]) => c).join(', ');

/**
 * The COPY targets: `bench_copy_indexed` has the contacts table's columns,
 * generated search column, checks and every one of its indexes (tags arrive
 * as the file's text and feed a generated array column, since COPY cannot
 * split a cell); `bench_copy_bare` is the file's columns as text, no index.
 */
export async function createCopyTables(
  pool: Pick<Conn, 'query'>,
  defaults: { orgId: string; userId: string },
): Promise<void> {
  const { orgId, userId } = defaults;
  await pool.query(`drop table if exists bench_copy_indexed, bench_copy_bare`);
  // The generated search column reads the tags, so it is re-created over the split text
  // (a generated column cannot read another one).
  const tagsArray = `coalesce(string_to_array(tags, ', '), '{}'::text[])`;
  const {
    rows: [search],
  } = await pool.query<{ expr: string }>(
    `select pg_get_expr(d.adbin, d.adrelid) as expr from pg_attrdef d
       join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
      where d.adrelid = 'contacts'::regclass and a.attname = 'search_text'`,
  );
  if (!search) throw new Error('contacts.search_text is not a generated column');
  await pool.query(
    `create table bench_copy_indexed (like contacts including defaults including constraints)`,
  );
  await pool.query(`
    alter table bench_copy_indexed
      drop column search_text,
      alter column org_id set default '${orgId}',
      alter column id set default gen_random_uuid(),
      alter column owner_id set default '${userId}',
      alter column created_by set default '${userId}',
      alter column tags drop default,
      alter column tags drop not null,
      alter column tags type text using array_to_string(tags, ', '),
      add column tags_arr text[] generated always as (${tagsArray}) stored,
      add primary key (org_id, id)`);
  await pool.query(
    `alter table bench_copy_indexed add column search_text text generated always as (${search.expr.replace(/\btags\b/g, tagsArray)}) stored`,
  );
  await pool.query(
    `create table bench_copy_bare (${csvColumns.map(([, c]) => `${c} text`).join(', ')})`,
  );
  const { rows } = await pool.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = 'contacts'
        and indexname not in (select conname from pg_constraint)`,
  );
  for (const ix of rows) {
    const def = ix.def
      .replace(
        ` INDEX ${ix.name} ON public.contacts `,
        ` INDEX bench_${ix.name} ON public.bench_copy_indexed `,
      )
      .replace(/\(tags\)/, '(tags_arr)');
    if (!def.includes('bench_copy_indexed')) throw new Error(`cannot adapt index: ${ix.def}`);
    await pool.query(def);
  }
}

/** COPY of the CSV file into one of the baseline tables (emptied first); returns the row count. */
export async function copyFileInto(pool: pg.Pool, table: string, file: string): Promise<number> {
  await pool.query(`truncate ${table}`);
  const client = await pool.connect();
  try {
    const sink = client.query(
      copyFrom(`COPY ${table} (${copyColumns}) FROM STDIN WITH (FORMAT csv, HEADER true)`),
    );
    await pipeline(createReadStream(file), sink);
    return sink.rowCount;
  } finally {
    client.release();
  }
}

/** The export's SQL as a COPY: the same columns and rows, tags joined as the export joins them. */
export function exportCopySql(orgId: string): string {
  const cols = csvColumns
    .map(([, c]) => (c === 'tags' ? `array_to_string(tags, ', ')` : c))
    .join(', ');
  return `COPY (select ${cols} from contacts where org_id = '${orgId}' and deleted_at is null order by id)
          TO STDOUT WITH (FORMAT csv, HEADER true)`;
}

/** Streams a COPY … TO STDOUT to nowhere, counting bytes. */
export async function copyOut(pool: pg.Pool, sql: string): Promise<number> {
  const client = await pool.connect();
  try {
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    await pipeline(client.query(copyTo(sql)), sink);
    return bytes;
  } finally {
    client.release();
  }
}

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
};
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;

/** Requests per second at `connections` concurrent keep-alive connections (autocannon). */
export async function throughput(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<{ rps: number; p50: number; p99: number; failed: number }> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed: r.non2xx + r.errors,
  };
}
