import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { queryRows } from '../db/client.js';
import { clearInterruptedIdempotencyKeys } from './idempotency.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

const body = { firstName: 'Ida', lastName: 'Empotent', email: 'ida@x.io' };

describe('Idempotency-Key', () => {
  it('when a create is retried with the same key and body, then the first response comes back and one contact exists', async () => {
    const first = await org.owner.post('/contacts', body, { 'idempotency-key': 'create-ida-1' });
    const again = await org.owner.post('/contacts', body, { 'idempotency-key': 'create-ida-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const found = (await org.owner.get('/contacts?q=empotent')).json().data;
    expect(found).toHaveLength(1);
  });

  it('when the same key comes with a different body, then 422 and nothing is created', async () => {
    await org.owner.post('/contacts', { ...body, email: 'k2@x.io' }, { 'idempotency-key': 'k2' });
    const res = await org.owner.post(
      '/contacts',
      { ...body, email: 'other@x.io' },
      { 'idempotency-key': 'k2' },
    );
    expect(res.statusCode).toBe(422);
    expect((await org.owner.get('/contacts?q=other@x')).json().data).toHaveLength(0);
  });

  it('when two requests with one key race, then one creates and the other is a replay or a 409, never a second contact', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        org.owner.post('/contacts', { ...body, email: 'race@x.io' }, { 'idempotency-key': 'race' }),
      ),
    );
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    expect((await org.owner.get('/contacts?q=race@x')).json().data).toHaveLength(1);
  });

  it('when another user sends the same key, then it is their own request', async () => {
    const admin = await org.addUser('admin');
    const mine = await org.owner.post(
      '/contacts',
      { ...body, email: 'mine@x.io' },
      { 'idempotency-key': 'shared' },
    );
    const theirs = await admin.client.post(
      '/contacts',
      { ...body, email: 'mine@x.io' },
      { 'idempotency-key': 'shared' },
    );
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('when a CSV import is sent again with its key over HTTP, then the same file gets the first answer and a different one 422', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const upload = (csv: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/contacts/import`, {
        method: 'POST',
        body: csv,
        headers: {
          cookie: `kantivo_session=${org.owner.cookie}`,
          'x-requested-with': 'test',
          'content-type': 'text/csv',
          'idempotency-key': 'csv-once',
        },
      });
    const file = 'First Name,Last Name,Email\nUp,Loaded,up1@csv.io\nUp,Loaded,up2@csv.io\n';
    const first = await upload(file);
    expect(first.status).toBe(200);
    const answer = await first.text();
    expect(JSON.parse(answer)).toMatchObject({ created: 2 });
    const again = await upload(file);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(answer);
    expect((await org.owner.get('/contacts?q=loaded')).json().data).toHaveLength(2);
    // Another file, of the same size and of a larger one, under the same key.
    expect((await upload(file.replace('up1@', 'up9@'))).status).toBe(422);
    expect((await upload(`${file}Up,Loaded,up3@csv.io\n`)).status).toBe(422);
    expect((await org.owner.get('/contacts?q=loaded')).json().data).toHaveLength(2);
  });

  it('trust #10: when a new API token is retried with its key, then 409 says the secret was shown once, and no copy of it is kept', async () => {
    const first = await org.owner.post('/tokens', { name: 'ci' }, { 'idempotency-key': 'tok-1' });
    expect(first.statusCode).toBe(201);
    const secret: string = first.json().token;
    const again = await org.owner.post('/tokens', { name: 'ci' }, { 'idempotency-key': 'tok-1' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().detail).toMatch(/shown once/);
    expect(again.body).not.toContain(secret);
    const [kept] = await queryRows<{ response_body: string | null; status_code: number }>(
      t.database.unsafeOwner,
      sql`select response_body, status_code from idempotency_keys
          where org_id = ${org.orgId} and key = 'tok-1'`,
    );
    expect(kept).toEqual({ response_body: null, status_code: 201 });
    const leaked = await queryRows(
      t.database.unsafeOwner,
      sql`select 1 from idempotency_keys where response_body like ${'%' + secret + '%'}`,
    );
    expect(leaked).toHaveLength(0);
  });

  it('trust #10: when a password reset is retried with its key, then 409, and its token is kept nowhere but as a hash', async () => {
    const user = await org.owner.post('/users', {
      name: 'Reset Me',
      email: 'reset-me@x.io',
      password: 'a long enough password',
      role: 'employee',
    });
    expect(user.statusCode).toBe(201);
    const path = `/users/${user.json().id}/password-reset`;
    const first = await org.owner.post(path, undefined, { 'idempotency-key': 'reset-1' });
    expect(first.statusCode).toBe(201);
    const token: string = first.json().token;
    const again = await org.owner.post(path, undefined, { 'idempotency-key': 'reset-1' });
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain(token);
    const leaked = await queryRows(
      t.database.unsafeOwner,
      sql`select 1 from idempotency_keys where response_body like ${'%' + token + '%'}`,
    );
    expect(leaked).toHaveLength(0);
  });

  it('when a key was left in flight by a crash, then the start-up clean-up lets its retry run again and keeps finished keys', async () => {
    const crashed = { firstName: 'Cut', lastName: 'Short', email: 'cut@x.io' };
    const done = { firstName: 'Ran', lastName: 'Through', email: 'ran@x.io' };
    const first = await org.owner.post('/contacts', crashed, { 'idempotency-key': 'cut-off' });
    const finished = await org.owner.post('/contacts', done, { 'idempotency-key': 'finished' });
    expect([first.statusCode, finished.statusCode]).toEqual([201, 201]);
    // What a process killed mid-request leaves: the key recorded, no answer.
    await t.database.unsafeOwner.execute(
      sql`update idempotency_keys set status_code = null, response_type = null, response_body = null
          where org_id = ${org.orgId} and key = 'cut-off'`,
    );
    const stuck = await org.owner.post('/contacts', crashed, { 'idempotency-key': 'cut-off' });
    expect(stuck.statusCode).toBe(409);

    expect(await clearInterruptedIdempotencyKeys(t.database)).toBe(1);

    const retried = await org.owner.post('/contacts', crashed, { 'idempotency-key': 'cut-off' });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.json().id).not.toBe(first.json().id);
    const replayed = await org.owner.post('/contacts', done, { 'idempotency-key': 'finished' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json().id).toBe(finished.json().id);
  });
});
