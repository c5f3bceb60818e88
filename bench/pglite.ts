import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { AddressInfo } from 'node:net';
import { drizzle } from 'drizzle-orm/pglite';
import { loadConfig } from '../src/config.js';
import { openPglite, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import * as schema from '../src/db/schema.js';
import { buildApp } from '../src/app/app.js';
import {
  copyColumns,
  createCopyTables,
  exportCopySql,
  recorder,
  type RawSql,
} from './baselines.js';
import { loadDataset, type Conn } from './dataset.js';
import { contactsCsv } from './generate.js';
import { log, mb, summarize, timed } from './measure.js';
import { machine, publish, type Figure } from './report.js';
import { password, reads, type Options } from './scenarios.js';
import type { Viewer } from './probes.js';
import { download, signup, uploadFile } from './server.js';
import { setupOrg, type Scale } from './setup.js';

const query = <T>(pglite: PGlite, text: string, params?: unknown[], blob?: Blob) =>
  pglite.query<T>(text, params, blob ? { blob } : undefined);

/** The embedded database as a loader session: COPY … FROM '/dev/blob'. */
function pgliteConn(pglite: PGlite): Conn {
  return {
    query: (text, params) => query(pglite, text, params),
    async copyLines(table, cols, chunks) {
      const parts: string[] = [];
      for await (const c of chunks) parts.push(c);
      await query(pglite, `COPY ${table} (${cols}) FROM '/dev/blob'`, [], new Blob(parts));
    },
  };
}

const pgliteRaw = (pglite: PGlite): RawSql => ({
  query: (text, params) => query(pglite, text, params),
  capturing: () =>
    recorder(
      (logQuery) => drizzle({ client: pglite, schema, logger: { logQuery } }) as unknown as Db,
    ),
});

const secs = (ms: number[]) => summarize(ms.map((m) => m / 1000));

/**
 * The same figures on embedded PGlite, in process, at a smaller scale: import
 * and export against PGlite's COPY (through '/dev/blob'), reads against the
 * same SQL on the same instance. Throughput, the kanban move and RSS need a
 * server process and are measured on the PostgreSQL run only.
 */
export async function runPglite(
  opts: Options,
  scale: Scale,
  dirs: { dataDir: string; resultsDir: string },
): Promise<number> {
  const started = Date.now();
  log(`embedded PGlite, in process (${opts.reps} reps)`);
  const database = await openPglite(undefined);
  await migrate(database);
  const pglite = database.pglite!;
  const app = await buildApp({
    database,
    config: loadConfig({
      DATA_DIR: '/nonexistent',
      IMPORT_RATE_PER_MINUTE: '100000',
      EXPORT_RATE_PER_MINUTE: '100000',
    }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const figures: Figure[] = [];
  const notes = ['PGlite: in-process; throughput, kanban move and RSS are measured on PostgreSQL'];
  try {
    const version = (await query<{ v: string }>(pglite, `select version() as v`)).rows[0]!.v;
    log('creating orgs and users through the API');
    const orgs = [];
    for (let i = 0; i < scale.contacts.length; i++) orgs.push(await setupOrg(baseUrl, i, scale));
    const main = orgs[0]!;

    const file = await contactsCsv(dirs.dataDir, opts.importRows, opts.seed);
    const blob = new Blob([readFileSync(file.path)]);
    await createCopyTables(pgliteConn(pglite), {
      orgId: main.spec.orgId,
      userId: main.spec.ownerId,
    });
    const ours: number[] = [];
    const indexed: number[] = [];
    let last: { api: Viewer['api']; orgId: string } | undefined;
    for (let r = 0; r < opts.reps; r++) {
      await query(pglite, `truncate bench_copy_indexed`);
      const copy = `COPY bench_copy_indexed (${copyColumns}) FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`;
      indexed.push((await timed(() => query(pglite, copy, [], blob))).ms);
      const org = await signup(baseUrl, {
        orgName: `Import ${r}`,
        name: 'Importer',
        email: `importer${r}@import.bench.test`,
        password,
        plan: 'scale',
      });
      const t = await timed(() => uploadFile(org.api, '/contacts/import', file.path, file.bytes));
      if (t.value.status !== 200) throw new Error(`import: ${t.value.status} ${t.value.text}`);
      ours.push(t.ms);
      log(
        `import run ${r + 1}: ours ${(t.ms / 1000).toFixed(1)} s, COPY ${(indexed[r]! / 1000).toFixed(1)} s`,
      );
      if (last) await dropOrg(pglite, last.orgId);
      last = { api: org.api, orgId: org.orgId };
    }
    const rows = opts.importRows.toLocaleString('en-US');
    figures.push({
      name: `PGlite import ${rows} rows vs COPY (indexed)`,
      unit: 's',
      ours: secs(ours),
      baseline: secs(indexed),
      goal: { kind: 'ratioMax', value: 2 },
    });
    const exp: number[] = [];
    const copyOut: number[] = [];
    const copyTo = exportCopySql(last!.orgId).replace('TO STDOUT', `TO '/dev/blob'`);
    for (let r = 0; r < opts.reps; r++) {
      const t = await timed(() => download(last!.api, '/contacts/export'));
      if (t.value.status !== 200) throw new Error(`export: ${t.value.status}`);
      exp.push(t.ms);
      copyOut.push((await timed(() => query(pglite, copyTo))).ms);
    }
    figures.push({
      name: `PGlite export ${rows} rows vs COPY TO`,
      unit: 's',
      ours: secs(exp),
      baseline: secs(copyOut),
      goal: { kind: 'ratioMax', value: 2 },
    });
    await dropOrg(pglite, last!.orgId);
    await query(pglite, `drop table bench_copy_indexed, bench_copy_bare`);

    await loadDataset(
      pgliteConn(pglite),
      orgs.map((o) => o.spec),
      opts.seed,
    );
    const { rows: picked } = await query<{ email: string }>(
      pglite,
      `select email from contacts where org_id = $1 order by id offset $2 limit 1`,
      [main.spec.orgId, Math.floor(main.spec.contacts / 2)],
    );
    const term = { common: 'mart', rare: picked[0]!.email.split('@')[0]! };
    const readFigures: Figure[] = [];
    await reads(
      { raw: pgliteRaw(pglite), opts, figures: readFigures, resultsDir: dirs.resultsDir },
      main.viewers,
      term,
    );
    figures.push(...readFigures.map((f) => ({ ...f, name: `PGlite ${f.name}` })));
    log(`heap used by the process: ${mb(process.memoryUsage().rss).toFixed(0)} MB RSS`);
    return publish(
      dirs.resultsDir,
      {
        run: opts.run,
        date: new Date().toISOString(),
        seconds: Math.round((Date.now() - started) / 1000),
        reps: opts.reps,
        contacts: scale.contacts.reduce((a, b) => a + b, 0),
        deals: scale.deals.reduce((a, b) => a + b, 0),
        importRows: opts.importRows,
        searchTerms: term,
        machine: machine(`PGlite: ${version}`),
      },
      figures,
      notes,
    );
  } finally {
    await app.close();
    await database.close();
  }
}

async function dropOrg(pglite: PGlite, orgId: string): Promise<void> {
  await pglite.query(`set session_replication_role = replica`);
  await pglite.query(`delete from activities where org_id = $1`, [orgId]);
  await pglite.query(`delete from contacts where org_id = $1`, [orgId]);
  await pglite.query(`delete from imports where org_id = $1`, [orgId]);
  await pglite.query(`set session_replication_role = origin`);
  await pglite.query(`vacuum contacts, activities`);
}
