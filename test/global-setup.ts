import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPg, openPglite, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { startQueue } from '../src/jobs/queue.js';

/** The job queue's tables too (pg-boss creates them at its first start), so each test file need not. */
async function prepare(database: Database): Promise<void> {
  await migrate(database);
  await (await startQueue(database)).stop();
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
    runId: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Migrates once per run: on PGlite into a dump every test file loads; on a
 * server (TEST_DATABASE_URL) into a template database every test file copies.
 */
export async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('runId', runId);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `kt_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = openPg(withDatabase(serverUrl, template), 1);
    await prepare(database);
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteDump', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`kt_%${runId}%`],
      );
      for (const { datname } of rows) {
        await admin.query(`drop database if exists ${datname} with (force)`);
      }
      await admin.end();
    };
  }
  const database = await openPglite(undefined);
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('none');
  const path = join(tmpdir(), `kantivo-test-${runId}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', path);
  project.provide('pgTemplate', '');
  return () => rmSync(path, { force: true });
}
