import Fastify from 'fastify';
import pg from 'pg';

/**
 * The throughput baseline: a bare Fastify route that runs the list endpoint's
 * SQL (BENCH_SQL with BENCH_PARAMS) on a node-postgres pool of the product's
 * size and answers the rows as JSON. No auth, no schemas, no transaction.
 */
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const text = process.env.BENCH_SQL ?? 'select 1';
const params = JSON.parse(process.env.BENCH_PARAMS ?? '[]') as unknown[];

const app = Fastify({ logger: false });
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
