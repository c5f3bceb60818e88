import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, textSink, type Org, type TestApp } from '../../test/harness.js';
import { runCli } from './main.js';

let t: TestApp;
let org: Org;
const dir = mkdtempSync(join(tmpdir(), 'kantivo-cli-test-'));
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const out = textSink();
  const err = textSink();
  const code = await runCli(args, {
    stdout: out.stream,
    stderr: err.stream,
    env: {},
    database: t.database,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

const csv = join(dir, 'people.csv');
writeFileSync(
  csv,
  '\ufeffFirst Name,Last Name,E-mail Address,Status\r\nAda,Lovelace,ada@cli.example,Active\r\n' +
    'Alan,Turing,alan@cli.example,Inactive\r\nBad,,bad@cli.example,\r\n',
);

describe('the kantivo CLI', () => {
  it('when importing with --dry-run, then it reports the counts and writes nothing', async () => {
    const r = await cli(['import', csv, '--dry-run', '--org', org.orgId]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created 2, updated 0, skipped 0, errors 1 \(dry run/);
    expect(r.stdout).toMatch(/row 3: .*last name/);
    expect((await org.owner.get('/contacts/stats')).json().total).toBe(0);
  });

  it('when importing a file, then the contacts belong to the owner with an import job recorded', async () => {
    const r = await cli(['import', csv, '--org', org.orgId]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created 2/);
    const list = (await org.owner.get('/contacts')).json().data;
    expect(list.map((c: { email: string }) => c.email).sort()).toEqual([
      'ada@cli.example',
      'alan@cli.example',
    ]);
    expect(list[0].ownerId).toBe(org.ownerId);
    const jobs = (await org.owner.get('/imports')).json().data;
    expect(jobs[0]).toMatchObject({ status: 'done', created: 2, fileName: 'people.csv' });
    const again = await cli(['import', csv, '--org', org.orgId, '--on-duplicate', 'skip']);
    expect(again.stdout).toMatch(/created 0, updated 0, skipped 2/);
  });

  it('when exporting with a filter, then standard output is the CSV of the matching contacts', async () => {
    const r = await cli(['export', '--status', 'inactive', '--org', org.orgId]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^First Name,Last Name,Email/);
    expect(r.stdout).toContain('alan@cli.example');
    expect(r.stdout).not.toContain('ada@cli.example');
    expect(r.stderr).toMatch(/exported 1 contacts/);
  });

  it('when acting --as a partner, then the export holds only what the partner can read', async () => {
    const partner = await org.addUser('partner');
    await partner.client.post('/contacts', {
      firstName: 'P',
      lastName: 'Own',
      email: 'own@partner.example',
    });
    const r = await cli(['export', '--as', partner.email]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('own@partner.example');
    expect(r.stdout).not.toContain('ada@cli.example');
  });

  it('when the arguments are wrong or the plan lacks import, then a message and a non-zero code', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['import', csv, '--org', org.orgId, '--on-duplicate', 'merge'])).code).toBe(
      1,
    );
    expect((await cli(['export', '--status', 'nope', '--org', org.orgId])).stderr).toMatch(
      /--status/,
    );
    const starter = await signupOrg(t.app, { plan: 'starter' });
    const r = await cli(['import', csv, '--org', starter.orgId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/growth plan/);
  });

  it('when bin/kantivo.mjs runs migrate on a new DATA_DIR, then the embedded database is created', async () => {
    const run = promisify(execFile);
    const bin = new URL('../../bin/kantivo.mjs', import.meta.url).pathname;
    const help = await run(process.execPath, [bin, '--help']);
    expect(help.stdout).toMatch(/kantivo <command>/);
    const env = { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
    const migrated = await run(process.execPath, [bin, 'migrate'], { env });
    expect(migrated.stderr).toMatch(/Applied: 0001_init\.sql/);
    const empty = await run(process.execPath, [bin, 'export'], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(empty).toMatchObject({ code: 1, stderr: expect.stringMatching(/no organization/) });
  }, 60_000);
});
