import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { client, createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { beginOrg } from '../db/client.js';
import { endUntakenTransaction } from './auth.js';

/**
 * On a server, a GET begins its transaction with the credential lookup and
 * the handler takes it (inRequestOrg). These tests hold that to what a user
 * would notice: every answer still right, and no connection left checked out
 * or waited for, whatever the request's outcome. (On PGlite, with one
 * session and no pool, they check the answers alone.)
 */

let t: TestApp;
let org: Org;
let contactId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'scale' });
  const created = await org.owner.post('/contacts', {
    firstName: 'Ines',
    lastName: 'Early',
    email: 'ines@early.test',
  });
  expect(created.statusCode).toBe(201);
  contactId = created.json().id;
});

afterAll(() => t.close());

/** Waits until every pooled connection is back (an untaken transaction is ended off the reply's path). */
async function expectPoolSettled() {
  const pool = t.database.pool;
  if (!pool) return;
  await vi.waitFor(
    () => {
      expect(pool.waitingCount).toBe(0);
      expect(pool.totalCount - pool.idleCount).toBe(0);
    },
    { timeout: 5000, interval: 20 },
  );
}

describe('a GET whose transaction began with the lookup', () => {
  it('when GETs succeed, fail or are refused, then each answers as before and every connection is returned', async () => {
    const rep = await org.addUser('sales_rep');
    const answers = {
      list: (await org.owner.get('/contacts')).statusCode,
      one: (await org.owner.get(`/contacts/${contactId}`)).statusCode,
      missing: (await org.owner.get('/contacts/018f0000-0000-7000-8000-000000000000')).statusCode,
      export: (await org.owner.get('/contacts/export')).statusCode,
      me: (await org.owner.get('/me')).statusCode,
      forbidden: (await rep.client.get('/users')).statusCode,
      badQuery: (await org.owner.get('/contacts?limit=abc')).statusCode,
      badCookie: (
        await client(t.app, { cookie: `ks_${'0'.repeat(32)}_${'x'.repeat(40)}` }).get('/me')
      ).statusCode,
    };
    expect(answers).toEqual({
      list: 200,
      one: 200,
      missing: 404,
      export: 200,
      me: 200,
      forbidden: 403,
      badQuery: 422,
      badCookie: 401,
    });
    const head = await t.app.inject({
      method: 'HEAD',
      url: '/api/v1/contacts',
      headers: { cookie: `kantivo_session=${org.owner.cookie}` },
    });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    await expectPoolSettled();
  });

  it('when more GETs arrive at once than the pool has connections, then all are answered, exports included', async () => {
    const paths = Array.from({ length: 36 }, (_, i) =>
      i % 6 === 0 ? '/contacts/export' : i % 2 ? '/contacts' : `/contacts/${contactId}`,
    );
    const answers = await Promise.all(paths.map((p) => org.owner.get(p)));
    expect(answers.map((a) => a.statusCode)).toEqual(paths.map(() => 200));
    expect(answers[1]!.json().data.map((c: { id: string }) => c.id)).toEqual([contactId]);
    expect(answers[0]!.body).toContain('ines@early.test');
    await expectPoolSettled();
  });

  it('when the session is signed out, then the next GET is refused', async () => {
    const user = await org.addUser('employee');
    expect((await user.client.get('/contacts')).statusCode).toBe(200);
    expect((await user.client.post('/auth/logout')).statusCode).toBe(204);
    expect((await user.client.get('/contacts')).statusCode).toBe(401);
    await expectPoolSettled();
  });

  it('when a handler never takes the early transaction (it failed first, or the client left), then it is rolled back and its connection returned', async () => {
    const pool = t.database.pool;
    if (t.database.kind !== 'pg' || !pool) return; // PGlite: no early transactions
    const { open } = await beginOrg(pool, org.orgId, undefined, true);
    const request = { openTransaction: open } as unknown as FastifyRequest;
    expect(pool.totalCount - pool.idleCount).toBe(1);
    endUntakenTransaction(request);
    endUntakenTransaction(request); // the abort and the response hooks may both fire
    expect(request.openTransaction).toBeNull();
    await expectPoolSettled();
    const [again] = await pool.query<{ ok: number }>('select 1 as ok').then((r) => r.rows);
    expect(again).toEqual({ ok: 1 });
  });
});
