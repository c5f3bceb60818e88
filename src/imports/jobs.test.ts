import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failInterruptedImports } from './jobs.js';
import {
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

describe('import jobs', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  async function finished(c: Client, id: string) {
    for (;;) {
      const job = (await c.get(`/imports/${id}`)).json();
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

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

  it('when another partner asks for a job, then 404', async () => {
    const partner = await org.addUser('partner');
    const { id } = (await org.owner.post('/contacts/import?async=true', 'Email\n')).json();
    await finished(org.owner, id);
    expect((await partner.client.get(`/imports/${id}`)).statusCode).toBe(404);
  });
});
