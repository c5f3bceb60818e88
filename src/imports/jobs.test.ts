import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failInterruptedImports, startImportJob } from './jobs.js';
import { spoolUpload } from './spool.js';
import { accessForUser } from '../access/lookup.js';
import { buildApp } from '../app/app.js';
import { loadConfig } from '../config.js';
import { queryRows, withOrg } from '../db/client.js';
import {
  client,
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function finished(c: Client, id: string) {
  for (;;) {
    const job = (await c.get(`/imports/${id}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function fileRows(t: TestApp, id: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.unsafeOwner,
    sql`select count(*)::int as n from import_files where import_id = ${id}::uuid`,
  );
  return row!.n;
}

describe('import jobs', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  it('when ?async=true, then 202 with an id, and the job reports progress up to done', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `P${i},Q,p${i}@job.example`);
    const csv = `First Name,Last Name,Email\n${rows.join('\n')}\n,,\nBad,,bad\n`;
    const res = await org.owner.post('/contacts/import?async=true', csv);
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    const job = await finished(org.owner, id);
    expect(job).toMatchObject({
      id,
      status: 'done',
      bytesTotal: Buffer.byteLength(csv),
      bytesRead: Buffer.byteLength(csv),
      processed: 31,
      created: 30,
      skipped: 0,
      errorCount: 1,
      revertedAt: null,
    });
    expect((await org.owner.get(`/imports/${id}/errors`)).json().data).toEqual([
      { row: 32, message: expect.stringMatching(/last name/) },
    ]);
    expect(job.finishedAt).not.toBeNull();
    expect(await fileRows(t, id)).toBe(0);
    expect(
      (await org.owner.get('/imports')).json().data.map((j: { id: string }) => j.id),
    ).toContain(id);
  });

  it('when a job is interrupted by a restart, then failInterruptedImports marks it failed and no contact exists', async () => {
    await t.database.unsafeOwner.execute(
      (await import('drizzle-orm')).sql`insert into imports (org_id, id, user_id, status)
        values (${org.orgId}, '01a206e1-41ed-72a4-82ca-300d92cef5b8', ${org.ownerId}, 'running')`,
    );
    expect(await failInterruptedImports(t.database)).toBe(1);
    const job = (await org.owner.get('/imports/01a206e1-41ed-72a4-82ca-300d92cef5b8')).json();
    expect(job).toMatchObject({ status: 'failed', failure: expect.stringMatching(/restart/) });
    expect((await org.owner.post(`/imports/${job.id}/revert`)).statusCode).toBe(409);
  });

  it('when an async upload spans several stored chunks, then every row arrives whole, rows cut at a chunk boundary included', async () => {
    const note = (i: number) => `${i}:`.padEnd(3000, 'x');
    const rows = Array.from(
      { length: 900 },
      (_, i) => `Big${i},Chunk,big${i}@chunks.example,${note(i)}`,
    );
    const csv = `First Name,Last Name,Email,Notes\n${rows.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2.5 * 1024 * 1024);
    const { id } = (await org.owner.post('/contacts/import?async=true', csv)).json();
    expect(await finished(org.owner, id)).toMatchObject({
      status: 'done',
      created: 900,
      errorCount: 0,
    });
    const [wrong] = await queryRows<{ n: number }>(
      t.database.unsafeOwner,
      sql`select count(*)::int as n from contacts where org_id = ${org.orgId}
          and email like 'big%@chunks.example' and length(notes) <> 3000`,
    );
    expect(wrong!.n).toBe(0);
    expect(await fileRows(t, id)).toBe(0);
  }, 60_000);

  it('when another partner asks for a job, then 404', async () => {
    const partner = await org.addUser('partner');
    const { id } = (await org.owner.post('/contacts/import?async=true', 'Email\n')).json();
    await finished(org.owner, id);
    expect((await partner.client.get(`/imports/${id}`)).statusCode).toBe(404);
  });
});

describe('import jobs on the durable queue', () => {
  let t2: TestApp;
  let org: Org;
  let second: FastifyInstance | undefined;
  beforeAll(async () => {
    t2 = await createTestApp();
    org = await signupOrg(t2.app, { plan: 'growth' });
    // The process that accepted the uploads is gone: no worker runs until `second` starts.
    await t2.app.close();
  });
  afterAll(async () => {
    await second?.close();
    await t2.database.close();
  });

  /** Accepts an upload as `userId` would through the API, with no worker running. */
  async function accept(userId: string, csv: string): Promise<string> {
    const ctx = await withOrg(t2.database.db, org.orgId, (tx) =>
      accessForUser(tx, org.orgId, userId),
    );
    const upload = await spoolUpload(Readable.from([Buffer.from(csv)]), { idleTimeoutMs: 5000 });
    const { id } = await startImportJob(t2.database, ctx, upload, {
      dryRun: false,
      onDuplicate: 'skip',
    });
    return id;
  }

  it('when jobs wait through a restart, one cut off mid-way and one of a user deactivated meanwhile, then a new process completes the first two and fails the third with its reason', async () => {
    const csv = (p: string) =>
      `First Name,Last Name,Email\n${Array.from({ length: 20 }, (_, i) => `${p}${i},R,${p}${i}@restart.example`).join('\n')}\n`;
    const waiting = await accept(org.ownerId, csv('w'));
    const cut = await accept(org.ownerId, csv('c'));
    const [admin] = await queryRows<{ id: string }>(
      t2.database.unsafeOwner,
      sql`insert into users (org_id, id, email, name, role, password_hash)
          values (${org.orgId}, gen_random_uuid(), 'gone@restart.example', 'Gone', 'admin', 'x')
          returning id`,
    );
    const gone = await accept(admin!.id, csv('g'));
    expect(await fileRows(t2, waiting)).toBeGreaterThan(0);
    // As if a process had taken `cut` and died two hours ago (past its expiry on a server).
    await t2.database.unsafeOwner.execute(
      sql`update pgboss.job set state = 'active', started_on = now() - interval '2 hours'
          where name = 'import-contacts' and data->>'importId' = ${cut}`,
    );
    await t2.database.unsafeOwner.execute(
      sql`update imports set status = 'running' where id = ${cut}::uuid`,
    );
    await t2.database.unsafeOwner.execute(
      sql`update users set active = false where id = ${admin!.id}::uuid`,
    );
    expect(await failInterruptedImports(t2.database)).toBe(0);

    second = await buildApp({
      database: t2.database,
      config: loadConfig({ DATA_DIR: '/nonexistent' }),
    });
    const owner = client(second, { cookie: org.owner.cookie });
    expect(await finished(owner, waiting)).toMatchObject({ status: 'done', created: 20 });
    expect(await finished(owner, cut)).toMatchObject({ status: 'done', created: 20 });
    expect(await finished(owner, gone)).toMatchObject({
      status: 'failed',
      created: 0,
      failure: expect.stringMatching(/no longer active/),
    });
    for (const id of [waiting, cut, gone]) expect(await fileRows(t2, id)).toBe(0);
    const [count] = await queryRows<{ n: number }>(
      t2.database.unsafeOwner,
      sql`select count(*)::int as n from contacts where org_id = ${org.orgId} and email like '%@restart.example'`,
    );
    expect(count!.n).toBe(40);
  }, 60_000);
});
