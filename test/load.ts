// `npm run load`: 50 concurrent clients mixing reads and writes for 60 s
// against a real server on PostgreSQL (LOAD_DATABASE_URL, default the local
// server; a database of its own is created and dropped). Reports throughput
// and latency percentiles; exits non-zero on any error. Only loopback traffic.
import { Agent, request } from 'node:http';
import { prepareServer, signIn } from './server-process.js';

const clients = Number(process.env.LOAD_CLIENTS ?? 50);
const seconds = Number(process.env.LOAD_SECONDS ?? 60);
process.env.TEST_DATABASE_URL =
  process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Result = { op: string; ms: number; status: number | string };

function call(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  method: string,
  body?: unknown,
) {
  return new Promise<{ status: number | string; json: unknown }>((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        agent,
        method,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', (e) => resolve({ status: e.message, json: null }));
    req.end(payload);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const server = await prepareServer();
  await server.start();
  const api = `${server.url}/api/v1`;
  const owner = await signIn(server.url, 'owner@demo.kantivo.test', 'kantivo-demo');
  const rep = await signIn(server.url, 'rep@demo.kantivo.test', 'kantivo-demo');
  const deadline = Date.now() + seconds * 1000;
  const results: Result[] = [];
  const searches = ['sa', 'mitch', 'acme', 'load', 'co', '555'];

  async function worker(n: number) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const headers = n % 5 === 0 ? rep : owner;
    const mine: string[] = [];
    let i = 0;
    while (Date.now() < deadline) {
      i++;
      const roll = (n * 7919 + i * 104729) % 100;
      const t0 = performance.now();
      let op: string;
      let res: { status: number | string; json: unknown };
      if (roll < 35) {
        op = 'search';
        res = await call(
          agent,
          `${api}/contacts?q=${searches[i % searches.length]}&limit=50`,
          headers,
          'GET',
        );
      } else if (roll < 50) {
        op = 'list';
        res = await call(agent, `${api}/contacts?status=active&limit=50`, headers, 'GET');
      } else if (roll < 65 || mine.length === 0) {
        op = 'create';
        res = await call(agent, `${api}/contacts`, headers, 'POST', {
          firstName: `Load${n}`,
          lastName: `Client${i}`,
          email: `load.${n}.${i}@load.test`,
          company: 'Load Co',
          visibility: 'organization',
        });
        const id = (res.json as { id?: string } | null)?.id;
        if (id) mine.push(id);
      } else if (roll < 75) {
        op = 'update';
        res = await call(agent, `${api}/contacts/${mine[i % mine.length]}`, headers, 'PATCH', {
          city: `City ${i}`,
        });
      } else if (roll < 85) {
        op = 'activity';
        res = await call(
          agent,
          `${api}/contacts/${mine[i % mine.length]}/activities`,
          headers,
          'POST',
          { type: 'call', body: `Call ${i}` },
        );
      } else if (roll < 93) {
        op = 'board';
        res = await call(agent, `${api}/pipeline?limitPerStage=20`, headers, 'GET');
      } else {
        op = 'stats';
        res = await call(agent, `${api}/contacts/stats`, headers, 'GET');
      }
      results.push({ op, ms: performance.now() - t0, status: res.status });
    }
    agent.destroy();
  }

  console.log(`Load: ${clients} clients for ${seconds} s against ${server.url} (PostgreSQL)…`);
  await Promise.all(Array.from({ length: clients }, (_, n) => worker(n)));
  await server.cleanup();

  // The rep cannot edit (403 by design); anything else but 2xx is an error.
  const errors = results.filter(
    (r) =>
      typeof r.status !== 'number' || (r.status >= 400 && !(r.status === 403 && r.op === 'update')),
  );
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const rows = [...new Set(results.map((r) => r.op))].map((op) => {
    const times = results
      .filter((r) => r.op === op)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    return {
      op,
      requests: times.length,
      p50: percentile(times, 50).toFixed(1),
      p99: percentile(times, 99).toFixed(1),
    };
  });
  console.table(rows);
  console.log(
    `total ${results.length} requests, ${(results.length / seconds).toFixed(0)} req/s, p50 ${percentile(ms, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(ms, 99).toFixed(1)} ms, errors ${errors.length}`,
  );
  if (errors.length) {
    console.error(errors.slice(0, 10));
    process.exit(1);
  }
}

await main();
