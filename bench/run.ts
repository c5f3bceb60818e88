import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadDataset, pgConn } from './dataset.js';
import { setupOrg, type OrgSetup, type Scale } from './setup.js';
import { kanbanMove } from './kanban.js';
import { log } from './measure.js';
import { pgRaw } from './baselines.js';
import { machine, publish } from './report.js';
import { runPglite } from './pglite.js';
import { importExport, listThroughput, reads, type Bench, type Options } from './scenarios.js';
import type { Viewer } from './probes.js';
import { repoRoot, startChild } from './server.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
    reps: { type: 'string' },
    seed: { type: 'string', default: '42' },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench [-- --quick] [--reps N] [--seed N] [--keep] [--pglite]
  Measures Kantivo against raw PostgreSQL on BENCH_DATABASE_URL
  (default postgres://postgres@127.0.0.1:5432/postgres; a database kantivo_bench_* is created and dropped).
  --quick   100k contacts (about 2 minutes on a quiet 2-core machine) instead of 1M
  --reps N  repetitions of each figure (default 3; 2 with --quick)
  --keep    keep the benchmark database for inspection
  --only    a comma-separated subset of: import,reads,throughput,move
  --pglite  the embedded database (smaller scale; see README)`);
  process.exit(0);
}

const quick = args.quick!;
const sections = new Set((args.only ?? 'import,reads,throughput,move').split(','));
const opts: Options = {
  quick,
  run: args.pglite ? 'pglite' : quick ? 'quick' : 'full',
  reps: Number(args.reps ?? (quick ? 2 : 3)),
  importRows: quick ? 100_000 : 1_000_000,
  samples: quick ? 100 : 200,
  seconds: quick ? 3 : 10,
  seed: Number(args.seed),
};
const scale: Scale = {
  contacts: quick ? [80_000, 10_000, 10_000] : [800_000, 100_000, 100_000],
  deals: quick ? [18_000, 1_000, 1_000] : [90_000, 5_000, 5_000],
  partners: [4, 1, 1],
  columnSize: 10_000,
};

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `kantivo_bench_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const resultsDir = `${repoRoot}bench/results`;
const dataDir = `${repoRoot}bench/data`;
mkdirSync(resultsDir, { recursive: true });

if (args.pglite) {
  // The embedded database: in-process, one connection, a tenth of the quick run's volumes.
  const pgliteOpts = { ...opts, importRows: 20_000, samples: 60 };
  const pgliteScale: Scale = {
    ...scale,
    contacts: [40_000, 5_000, 5_000],
    deals: [9_000, 500, 500],
  };
  const code = await runPglite(pgliteOpts, pgliteScale, { dataDir, resultsDir }).then(
    () => 0,
    (error: unknown) => {
      console.error(error);
      return 1;
    },
  );
  process.exit(code);
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const started = Date.now();
log(
  `database ${dbName} on ${new URL(serverUrl).host} (${quick ? 'quick' : 'full'} run, ${opts.reps} reps)`,
);
await admin(`create database ${dbName}`);
const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
// The product runs as `npm start` runs it: compiled first, then plain node.
const productDir = process.env.BENCH_PRODUCT_DIR ?? repoRoot;
execFileSync(process.execPath, ['--import', 'tsx', 'web/scripts/ensure-built.ts'], {
  cwd: productDir,
  stdio: 'inherit',
});
// …with the node flags of its start script (the heap limit).
const startScript = (
  JSON.parse(readFileSync(`${productDir}/package.json`, 'utf8')) as { scripts: { start: string } }
).scripts.start;
const nodeFlags =
  /\bnode((?: --[^\s]+)*) dist\/main\.js/.exec(startScript)?.[1]?.split(' ').filter(Boolean) ?? [];
const server = await startChild(
  'dist/main.js',
  {
    DATABASE_URL: dbUrl,
    LOG_LEVEL: 'warn',
    DATA_DIR: `${dataDir}/unused`,
    // Repetitions would trip the per-user import/export limits; they are not what is measured.
    IMPORT_RATE_PER_MINUTE: '100000',
    EXPORT_RATE_PER_MINUTE: '100000',
  },
  `${resultsDir}/server.log`,
  '/healthz',
  // Another checkout of the product (a proposed change) can be measured against the same bench.
  productDir,
  nodeFlags,
);
const bench: Bench = {
  opts,
  pool,
  raw: pgRaw(pool),
  dbUrl,
  server,
  dataDir,
  resultsDir,
  figures: [],
  notes: [],
};
let failed = false;
try {
  const pgVersion = (
    await pool.query<{ v: string }>(`select current_setting('server_version') as v`)
  ).rows[0]!.v;
  log('creating orgs and users through the API');
  const orgs: OrgSetup[] = [];
  for (let i = 0; i < scale.contacts.length; i++)
    orgs.push(await setupOrg(server.baseUrl, i, scale));
  const main = orgs[0]!;
  const [adminViewer, repViewer] = main.viewers as [Viewer, Viewer];

  if (sections.has('import'))
    await importExport(bench, { orgId: main.spec.orgId, userId: main.spec.ownerId });
  const loader = await pool.connect();
  try {
    await loadDataset(
      pgConn(loader),
      orgs.map((o) => o.spec),
      opts.seed,
    );
  } finally {
    loader.release();
  }

  const { rows } = await pool.query<{ email: string }>(
    `select email from contacts where org_id = $1 order by id offset $2 limit 1`,
    [main.spec.orgId, Math.floor(main.spec.contacts / 2)],
  );
  const term = { common: 'mart', rare: rows[0]!.email.split('@')[0]! };
  if (sections.has('reads')) await reads(bench, [adminViewer, repViewer], term);
  if (sections.has('throughput')) await listThroughput(bench, adminViewer);
  const stageId = (slug: string) => main.spec.stages.find((s) => s.slug === slug)!.id;
  if (sections.has('move'))
    await kanbanMove(bench, adminViewer, {
      from: stageId('lead'),
      to: stageId('proposal'),
      toSize: scale.columnSize,
    });

  publish(
    resultsDir,
    {
      run: opts.run,
      date: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      reps: opts.reps,
      contacts: scale.contacts.reduce((a, b) => a + b, 0),
      deals: scale.deals.reduce((a, b) => a + b, 0),
      importRows: opts.importRows,
      searchTerms: term,
      machine: machine(`PostgreSQL ${pgVersion}`),
    },
    bench.figures,
    bench.notes,
  );
} catch (error) {
  failed = true;
  console.error(error);
  // Keep what was measured before the failure (a 1M run is long).
  if (bench.figures.length > 0) {
    publish(
      resultsDir,
      {
        run: `${opts.run}-partial`,
        date: new Date().toISOString(),
        seconds: Math.round((Date.now() - started) / 1000),
        reps: opts.reps,
        importRows: opts.importRows,
        machine: machine('PostgreSQL'),
      },
      bench.figures,
      [...bench.notes, `aborted: ${String(error)}`],
    );
  }
} finally {
  await server.stop();
  await pool.end();
  if (args.keep) log(`kept database ${dbName}`);
  else await admin(`drop database if exists ${dbName} with (force)`);
}
process.exit(failed ? 1 : 0);
