import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessForUser } from '../access/lookup.js';
import { queryRows, withOrg } from '../db/client.js';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { jobOptions, type ImportOptions } from './import.js';
import * as repo from './repo.js';
import { abandonImport, importSteps, runSteps } from './steps.js';
import { v7 as uuidv7 } from 'uuid';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const csvOf = (prefix: string, n: number) =>
  `First Name,Last Name,Email\n${Array.from({ length: n }, (_, i) => `${prefix}${i},Step,${prefix}${i}@steps.example`).join('\n')}\n`;

const options: ImportOptions = { dryRun: false, onDuplicate: 'skip' };

/** An import record as the sync route makes it, and the steps to run it. */
async function startSteps(org: Org, csv: string) {
  const id = uuidv7();
  const ctx = await withOrg(t.database.db, org.orgId, async (tx) => {
    await repo.insertImport(tx, {
      orgId: org.orgId,
      id,
      userId: org.ownerId,
      status: 'running',
      options: jobOptions(options),
    });
    return accessForUser(tx, org.orgId, org.ownerId);
  });
  const steps = () =>
    importSteps(t.database, ctx, id, () => Readable.from([Buffer.from(csv)]), options);
  return { id, steps };
}

async function nextRow(id: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.unsafeOwner,
    sql`select next_row as n from imports where id = ${id}::uuid`,
  );
  return row!.n;
}

async function contactsLike(org: Org, prefix: string) {
  const [row] = await queryRows<{ n: number; distinct: number }>(
    t.database.unsafeOwner,
    sql`select count(*)::int as n, count(distinct lower(email))::int as distinct from contacts
        where org_id = ${org.orgId}::uuid and deleted_at is null and email like ${`${prefix}%@steps.example`}`,
  );
  return row!;
}

/** Runs steps until the first slice is written, then stops, as a cut-off attempt would. */
async function runUntilWritten(steps: AsyncGenerator<void, void, undefined>, id: string) {
  for (;;) {
    const step = await steps.next();
    expect(step.done).toBe(false);
    if ((await nextRow(id)) > 0) break;
  }
  await steps.return();
}

describe('an import in steps', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  it('when a 20,000-row async import runs, then its progress grows before it is done and another user is answered meanwhile', async () => {
    const other = await org.addUser('admin');
    const res = await org.owner.post('/contacts/import?async=true', csvOf('a', 20_000));
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    const seen: { status: string; processed: number; created: number }[] = [];
    let answeredWhileRunning = false;
    for (;;) {
      const job = (await org.owner.get(`/imports/${id}`)).json();
      seen.push({ status: job.status, processed: job.processed, created: job.created });
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 20));
      if (job.status === 'running' && !answeredWhileRunning) {
        expect((await other.client.get('/contacts?limit=5')).statusCode).toBe(200);
        answeredWhileRunning = (await org.owner.get(`/imports/${id}`)).json().status === 'running';
      }
    }
    expect(seen.at(-1)).toMatchObject({ status: 'done', processed: 20_000, created: 20_000 });
    const running = seen.filter((s) => s.status === 'running');
    expect(running.some((s) => s.processed > 0 && s.processed < 20_000)).toBe(true);
    expect(running.some((s) => s.created > 0 && s.created < 20_000)).toBe(true);
    expect(answeredWhileRunning).toBe(true);
  }, 120_000);

  it('when an attempt is cut off while staging and another after a slice, then the next finishes without duplicates', async () => {
    const { id, steps } = await startSteps(org, csvOf('b', 15_000));
    const first = steps();
    await first.next();
    await first.return();
    await new Promise((r) => setTimeout(r, 300)); // its staged batch in flight lands
    await runUntilWritten(steps(), id);
    expect((await contactsLike(org, 'b')).n).toBe(10_000);
    await runSteps(steps());
    expect(await contactsLike(org, 'b')).toEqual({ n: 15_000, distinct: 15_000 });
    const job = (await org.owner.get(`/imports/${id}`)).json();
    expect(job).toMatchObject({ status: 'done', processed: 15_000, created: 15_000 });
    const [staged] = await queryRows<{ n: number }>(
      t.database.unsafeOwner,
      sql`select count(*)::int as n from import_rows where import_id = ${id}::uuid`,
    );
    expect(staged!.n).toBe(0);
  }, 120_000);

  it('when a sync import fails after writing a slice, then it is failed with what it wrote and revert undoes it', async () => {
    const { id, steps } = await startSteps(org, csvOf('c', 12_000));
    await runUntilWritten(steps(), id);
    // What the sync import does when a step throws.
    await abandonImport(t.database, org.orgId, id, new Error('connection lost'), true);
    const job = (await org.owner.get(`/imports/${id}`)).json();
    expect(job).toMatchObject({ status: 'failed', created: 10_000 });
    expect(job.failure).toMatch(/10000 rows of the file.*revert/);
    const revert = await org.owner.post(`/imports/${id}/revert`);
    expect(revert.statusCode).toBe(200);
    expect(revert.json()).toMatchObject({ reverted: 10_000, keptCount: 0 });
    expect((await contactsLike(org, 'c')).n).toBe(0);
  }, 120_000);
});
