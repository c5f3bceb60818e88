import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { client, createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

/**
 * Every request that needs its caller runs in one transaction whose first
 * statement looks the caller up (access_json) with the org settings: the
 * same path on PGlite and on a server. These tests hold it to what a user
 * would notice: a revoked session or a changed role counts from the very
 * next request, and no connection stays checked out, whatever the outcome.
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

/** Waits until every pooled connection is back. */
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

describe('the read path: one transaction, the caller looked up in it', () => {
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
    // Four exports: as many as the per-process export cap lets run at once.
    const paths = Array.from({ length: 36 }, (_, i) =>
      i % 9 === 0 ? '/contacts/export' : i % 2 ? '/contacts' : `/contacts/${contactId}`,
    );
    const answers = await Promise.all(paths.map((p) => org.owner.get(p)));
    expect(answers.map((a) => a.statusCode)).toEqual(paths.map(() => 200));
    expect(answers[1]!.json().data.map((c: { id: string }) => c.id)).toEqual([contactId]);
    expect(answers[0]!.body).toContain('ines@early.test');
    await expectPoolSettled();
  });

  it('when the session is signed out, then the next GET is refused, one that reads nothing too', async () => {
    const user = await org.addUser('employee');
    expect((await user.client.get('/contacts')).statusCode).toBe(200);
    expect((await user.client.get('/templates/variables')).statusCode).toBe(200);
    expect((await user.client.post('/auth/logout')).statusCode).toBe(204);
    expect((await user.client.get('/contacts')).statusCode).toBe(401);
    const again = await org.addUser('employee');
    expect((await again.client.get('/contacts')).statusCode).toBe(200);
    expect((await again.client.post('/auth/logout')).statusCode).toBe(204);
    expect((await again.client.get('/templates/variables')).statusCode).toBe(401);
    await expectPoolSettled();
  });

  it('when an API token is revoked, then its next GET is refused', async () => {
    const created = await org.owner.post('/tokens', { name: 'reader' });
    expect(created.statusCode).toBe(201);
    const bearer = client(t.app, { token: created.json().token });
    expect((await bearer.get('/contacts')).statusCode).toBe(200);
    expect((await org.owner.del(`/tokens/${created.json().id}`)).statusCode).toBe(204);
    expect((await bearer.get('/contacts')).statusCode).toBe(401);
  });

  it("when an admin is made an employee, then their next GETs no longer show the owner's private contact", async () => {
    const privy = await org.owner.post('/contacts', {
      firstName: 'Pia',
      lastName: 'Private',
      email: 'pia@private.test',
      visibility: 'individual',
    });
    expect(privy.statusCode).toBe(201);
    const admin = await org.addUser('admin');
    const emails = async () =>
      (await admin.client.get('/contacts?q=pia'))
        .json()
        .data.map((c: { email: string }) => c.email);
    expect(await emails()).toEqual(['pia@private.test']);
    expect((await admin.client.get(`/contacts/${privy.json().id}`)).statusCode).toBe(200);
    expect((await org.owner.patch(`/users/${admin.id}`, { role: 'employee' })).statusCode).toBe(
      200,
    );
    expect(await emails()).toEqual([]);
    expect((await admin.client.get(`/contacts/${privy.json().id}`)).statusCode).toBe(404);
  });

  it('when an employee is made an admin and back, then a GET refused before it read anything is answered as the new role', async () => {
    const user = await org.addUser('employee');
    expect((await user.client.get('/users')).statusCode).toBe(403);
    expect((await org.owner.patch(`/users/${user.id}`, { role: 'admin' })).statusCode).toBe(200);
    const listed = await user.client.get('/users');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().data.map((u: { id: string }) => u.id)).toContain(user.id);
    expect((await org.owner.patch(`/users/${user.id}`, { role: 'employee' })).statusCode).toBe(200);
    expect((await user.client.get('/users')).statusCode).toBe(403);
  });

  it("when the org stops showing its contacts to partners, then a sales rep's next list leaves them out", async () => {
    const shared = await org.owner.post('/contacts', {
      firstName: 'Otto',
      lastName: 'Org',
      email: 'otto@shared.test',
      visibility: 'organization',
    });
    expect(shared.statusCode).toBe(201);
    const rep = await org.addUser('sales_rep');
    const emails = async () =>
      (await rep.client.get('/contacts?q=otto')).json().data.map((c: { email: string }) => c.email);
    expect(await emails()).toEqual(['otto@shared.test']);
    const changed = await org.owner.patch('/crm/settings', { partnersCanSeeOrgContacts: false });
    expect(changed.statusCode).toBe(200);
    expect(await emails()).toEqual([]);
    expect(
      (await org.owner.patch('/crm/settings', { partnersCanSeeOrgContacts: true })).statusCode,
    ).toBe(200);
    expect(await emails()).toEqual(['otto@shared.test']);
  });

  it('when a caller lists contacts, then the server gets begin, the caller check with the org settings, the read and commit, every value bound', async () => {
    if (t.database.kind !== 'pg') return; // PGlite runs in process: there are no messages to see
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const listed = await org.owner.get('/contacts?q=ines');
      expect(listed.json().data.map((c: { id: string }) => c.id)).toEqual([contactId]);
      const calls = sent.mock.calls.map(([config, values]) => ({
        text: typeof config === 'string' ? config : (config as pg.QueryConfig).text,
        values: Array.isArray(values) ? (values as unknown[]) : [],
      }));
      expect(calls.map((c) => c.text.split(/\s/)[0])).toEqual([
        'begin',
        'select',
        'select',
        'commit',
      ]);
      expect(calls[1]!.text).toMatch(
        /access_json\(\$\d+::uuid, \$\d+, \$\d+\).*set_config\('app\.org_id', \$\d+, true\)/s,
      );
      expect(calls[2]!.values).toContain('%ines%');
      for (const call of calls) {
        expect(call.text).not.toContain('ines');
        expect(call.text).not.toContain(org.orgId);
      }
    } finally {
      sent.mockRestore();
    }
  });
});
