import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  sessionCookieOf,
  signupOrg,
  uniqueEmail,
  type Org,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app);
});
afterAll(() => t.close());

describe('users and partners (org admins)', () => {
  it('when an admin adds a partner and a rep under it, then both are listed and the rep can sign in', async () => {
    const partner = await org.owner.post('/partners', { name: 'Northwind' });
    expect(partner.statusCode).toBe(201);
    const email = uniqueEmail('rep');
    const rep = await org.owner.post('/users', {
      name: 'Rita',
      email,
      password: 'long enough pw',
      role: 'sales_rep',
      partnerId: partner.json().id,
    });
    expect(rep.statusCode).toBe(201);
    expect(rep.json()).toMatchObject({
      role: 'sales_rep',
      partnerId: partner.json().id,
      active: true,
    });
    const users = (await org.owner.get('/users')).json().data;
    expect(users.map((u: { email: string }) => u.email)).toContain(email);
    const login = await client(t.app).post('/auth/login', { email, password: 'long enough pw' });
    expect(login.statusCode).toBe(200);
    const me = (await client(t.app, { cookie: sessionCookieOf(login) }).get('/me')).json();
    expect(me.user.role).toBe('sales_rep');
    expect(me.permissions['contact.delete']).toBe('none');
    expect(me.permissions['contact.update']).toBe('none');
    expect(me.permissions['deal.update']).toBe('own');
  });

  it('when a partner-side user has no partnerId, or staff has one, or the partner is unknown, then 422', async () => {
    const base = { name: 'X', password: 'long enough pw' };
    expect(
      (await org.owner.post('/users', { ...base, email: uniqueEmail(), role: 'sales_rep' }))
        .statusCode,
    ).toBe(422);
    const p = (await org.owner.post('/partners', { name: 'P' })).json();
    expect(
      (
        await org.owner.post('/users', {
          ...base,
          email: uniqueEmail(),
          role: 'employee',
          partnerId: p.id,
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await org.owner.post('/users', {
          ...base,
          email: uniqueEmail(),
          role: 'partner',
          partnerId: '01a206e1-41ed-72a4-82ca-300d92cef5b8',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await org.owner.post('/users', { ...base, email: uniqueEmail(), role: 'owner' })).statusCode,
    ).toBe(422);
  });

  it('when the e-mail is taken (even in another org), then 409', async () => {
    const other = await signupOrg(t.app);
    const taken = (await other.owner.get('/me')).json().user.email;
    const res = await org.owner.post('/users', {
      name: 'Dup',
      email: taken,
      password: 'long enough pw',
      role: 'employee',
    });
    expect(res.statusCode).toBe(409);
  });

  it('when a non-admin manages users or partners, then 403', async () => {
    const emp = await org.addUser('employee');
    expect((await emp.client.get('/users')).statusCode).toBe(403);
    expect((await emp.client.post('/partners', { name: 'Nope' })).statusCode).toBe(403);
    expect(
      (
        await emp.client.post('/users', {
          name: 'N',
          email: uniqueEmail(),
          password: 'long enough pw',
          role: 'admin',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('when a user is deactivated, then their API tokens stop too, and the owner cannot be deactivated', async () => {
    const emp = await org.addUser('employee');
    const token = (await emp.client.post('/tokens', { name: 'script' })).json().token;
    expect((await client(t.app, { token }).get('/me')).statusCode).toBe(200);
    expect((await org.owner.patch(`/users/${emp.id}`, { active: false })).statusCode).toBe(200);
    expect((await client(t.app, { token }).get('/me')).statusCode).toBe(401);
    expect((await emp.client.get('/me')).statusCode).toBe(401);
    const relogin = await client(t.app).post('/auth/login', {
      email: emp.email,
      password: 'correct horse battery',
    });
    expect(relogin.statusCode).toBe(401);
    expect((await org.owner.patch(`/users/${org.ownerId}`, { active: false })).statusCode).toBe(
      403,
    );
  });

  it('when a user is renamed or changes role, then it shows; a user of another org is 404', async () => {
    const emp = await org.addUser('employee');
    const res = await org.owner.patch(`/users/${emp.id}`, { name: 'Emma Promoted', role: 'admin' });
    expect(res.json()).toMatchObject({ name: 'Emma Promoted', role: 'admin', version: 2 });
    const other = await signupOrg(t.app);
    expect((await other.owner.patch(`/users/${emp.id}`, { name: 'Hijack' })).statusCode).toBe(404);
    expect(
      (
        await other.owner.patch(
          `/partners/${(await org.owner.get('/partners')).json().data[0].id}`,
          { name: 'H' },
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe('organization and customers', () => {
  it('when the owner changes the plan, then it applies; an admin may rename but not change the plan', async () => {
    const o = await signupOrg(t.app);
    const admin = await o.addUser('admin');
    expect((await admin.client.patch('/org', { plan: 'scale' })).statusCode).toBe(403);
    const renamed = await admin.client.patch('/org', { name: 'Renamed Inc' });
    expect(renamed.json()).toMatchObject({
      name: 'Renamed Inc',
      plan: 'starter',
      limits: { contacts: 500, deals: 50 },
    });
    const upgraded = await o.owner.patch('/org', { plan: 'growth' });
    expect(upgraded.json()).toMatchObject({
      plan: 'growth',
      limits: { contacts: null, deals: null },
    });
    expect((await o.owner.get('/me')).json().org.plan).toBe('growth');
  });

  it('when staff add platform customers, then everyone lists them; partner-side users may not add', async () => {
    const o = await signupOrg(t.app);
    const rep = await o.addUser('sales_rep');
    const res = await o.owner.post('/customers', {
      name: 'Acme Corporation',
      email: 'billing@acme.com',
    });
    expect(res.statusCode).toBe(201);
    expect(
      (await rep.client.get('/customers')).json().data.map((c: { name: string }) => c.name),
    ).toEqual(['Acme Corporation']);
    expect((await rep.client.post('/customers', { name: 'Nope' })).statusCode).toBe(403);
  });

  it('when a contact is linked to a customer, then it shows and a customer_linked activity records it; unlinking too', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const cust = (await o.owner.post('/customers', { name: 'Acme' })).json();
    const c = (
      await o.owner.post('/contacts', { firstName: 'L', lastName: 'K', email: 'lk@x.io' })
    ).json();
    const linked = await o.owner.post(`/contacts/${c.id}/link-customer`, { customerId: cust.id });
    expect(linked.json().customerId).toBe(cust.id);
    const other = await signupOrg(t.app);
    const foreign = (await other.owner.post('/customers', { name: 'Foreign' })).json();
    expect(
      (await o.owner.post(`/contacts/${c.id}/link-customer`, { customerId: foreign.id }))
        .statusCode,
    ).toBe(422);
    expect(
      (await o.owner.request('DELETE', `/contacts/${c.id}/link-customer`)).json().customerId,
    ).toBeNull();
    const types = (await o.owner.get(`/contacts/${c.id}/activities?type=customer_linked`)).json()
      .data;
    expect(types).toHaveLength(2);
    expect(types[1].changes).toEqual([{ field: 'customerId', from: null, to: cust.id }]);
  });
});
