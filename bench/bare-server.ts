import Fastify from 'fastify';
import pg from 'pg';

/**
 * The throughput baseline: a bare Fastify route that runs the list endpoint's
 * SQL (BENCH_SQL with BENCH_PARAMS) on a node-postgres pool of the product's
 * size and answers the rows as JSON. No auth, no schemas, no transaction.
 * `/api/v1/q/:key` does the same for each read probe's statements
 * (BENCH_QUERIES): the floor an HTTP API on this machine starts from.
 */
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const text = process.env.BENCH_SQL ?? 'select 1';
const params = JSON.parse(process.env.BENCH_PARAMS ?? '[]') as unknown[];

const queries = JSON.parse(process.env.BENCH_QUERIES ?? '{}') as Record<
  string,
  { sql: string; params: unknown[] }[]
>;

const app = Fastify({ logger: false });
app.get<{ Params: { key: string } }>('/api/v1/q/:key', async (request) => {
  let rows: unknown[] = [];
  for (const s of queries[request.params.key] ?? [])
    rows = (await pool.query(s.sql, s.params)).rows;
  return { data: rows };
});
app.get('/healthz', async () => ({ status: 'ok' }));
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/list', async () => {
  const { rows } = await pool.query(text, params);
  return { data: rows, nextCursor: null };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
