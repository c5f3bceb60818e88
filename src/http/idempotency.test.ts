import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

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
});
