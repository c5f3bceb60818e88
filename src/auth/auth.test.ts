import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema.js';
import {
  client,
  createTestApp,
  sessionCookieOf,
  signupOrg,
  uniqueEmail,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-up, login, logout, me', () => {
  it('when someone signs up, then they own a new starter org and are signed in', async () => {
    const email = uniqueEmail('Founder');
    const res = await client(t.app).post('/auth/signup', {
      orgName: 'Globex',
      name: 'Gina',
      email,
      password: 'long enough pw',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ name: 'Gina', email, role: 'owner', partnerId: null });
    expect(body.org).toMatchObject({ name: 'Globex', plan: 'starter' });
    expect(body.user.passwordHash).toBeUndefined();
    const cookie = res.cookies.find((c) => c.name === 'kantivo_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await client(t.app, { cookie: cookie.value }).get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(email);
    expect(me.json().permissions['org.plan']).toBe('all');
  });

  it('when the e-mail is taken in any org (any case), then sign-up is 409 and creates nothing', async () => {
    const email = uniqueEmail('dup');
    await client(t.app).post('/auth/signup', {
      orgName: 'A',
      name: 'A',
      email,
      password: 'long enough pw',
    });
    const res = await client(t.app).post('/auth/signup', {
      orgName: 'B',
      name: 'B',
      email: email.toUpperCase(),
      password: 'long enough pw',
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('when the password is short or a field is unknown, then sign-up is 422 naming it', async () => {
    const short = await client(t.app).post('/auth/signup', {
      orgName: 'A',
      name: 'A',
      email: uniqueEmail(),
      password: 'short',
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0].path).toBe('body.password');
    const extra = await client(t.app).post('/auth/signup', {
      orgName: 'A',
      name: 'A',
      email: uniqueEmail(),
      password: 'long enough pw',
      role: 'admin',
    });
    expect(extra.statusCode).toBe(422);
  });

  it('when logging in with a wrong password or unknown e-mail, then both are the same 401', async () => {
    const org = await signupOrg(t.app);
    const me = (await org.owner.get('/me')).json();
    const wrong = await client(t.app).post('/auth/login', {
      email: me.user.email,
      password: 'nope nope nope',
    });
    const unknown = await client(t.app).post('/auth/login', {
      email: uniqueEmail('ghost'),
      password: 'nope nope nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const ok = await client(t.app).post('/auth/login', {
      email: me.user.email.toUpperCase(),
      password: 'correct horse battery',
    });
    expect(ok.statusCode).toBe(200);
    expect(sessionCookieOf(ok)).toBeTruthy();
  });

  it('when 10 logins for one e-mail fail within 15 minutes, then the 11th is 429 even with the right password', async () => {
    const org = await signupOrg(t.app);
    const email = (await org.owner.get('/me')).json().user.email;
    for (let i = 0; i < 10; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'wrong password' },
        remoteAddress: `10.0.0.${i + 1}`,
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await client(t.app).post('/auth/login', {
      email,
      password: 'correct horse battery',
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('when one address fails 10 times across e-mails, then that address is refused', async () => {
    for (let i = 0; i < 10; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: uniqueEmail('spray'), password: 'wrong password' },
        remoteAddress: '192.0.2.77',
      });
    }
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail('spray'), password: 'wrong password' },
      remoteAddress: '192.0.2.77',
    });
    expect(r.statusCode).toBe(429);
  });

  it('when signing out, then the session no longer works', async () => {
    const org = await signupOrg(t.app);
    expect((await org.owner.post('/auth/logout')).statusCode).toBe(204);
    expect((await org.owner.get('/me')).statusCode).toBe(401);
  });

  it("when a session has expired, then it answers 401 while another user's session still works", async () => {
    const org = await signupOrg(t.app);
    const other = await org.addUser('admin');
    await t.database.unsafeOwner
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(sessions.orgId, org.orgId), eq(sessions.userId, org.ownerId)));
    expect((await org.owner.get('/me')).statusCode).toBe(401);
    expect((await other.client.get('/me')).statusCode).toBe(200);
  });

  it('when a cookie request changes data without X-Requested-With, then it is 403 and nothing changes', async () => {
    const org = await signupOrg(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partners',
      headers: { cookie: `kantivo_session=${org.owner.cookie}` },
      payload: { name: 'Sneaky' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toContain('csrf');
    expect((await org.owner.get('/partners')).json().data).toHaveLength(0);
  });

  it('trust #16: when a cookie request changes data with an empty X-Requested-With, then it is 403 and nothing changes', async () => {
    const org = await signupOrg(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partners',
      headers: { cookie: `kantivo_session=${org.owner.cookie}`, 'x-requested-with': '' },
      payload: { name: 'Sneaky' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toContain('csrf');
    expect((await org.owner.get('/partners')).json().data).toHaveLength(0);
  });

  it('when not signed in, then API routes answer 401 problem+json', async () => {
    const res = await client(t.app).get('/me');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 401,
      title: expect.any(String),
      detail: expect.any(String),
    });
  });
});

describe('API tokens', () => {
  it('when a token is created, then it works as a Bearer, is listed without its secret, and stops working once revoked', async () => {
    const org = await signupOrg(t.app);
    const created = await org.owner.post('/tokens', { name: 'CI' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = client(t.app, { token });
    expect((await bearer.get('/me')).statusCode).toBe(200);
    // A token request needs no CSRF header.
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partners',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'From CI' },
    });
    expect(viaToken.statusCode).toBe(201);
    const list = (await org.owner.get('/tokens')).json().data;
    expect(list).toHaveLength(1);
    // The secret may itself hold '_' (base64url): it is everything after the org id.
    const secret = /^kt_[0-9a-f]{32}_(.{20,})$/.exec(token)![1]!;
    expect(JSON.stringify(list)).not.toContain(secret);
    expect((await org.owner.del(`/tokens/${id}`)).statusCode).toBe(204);
    expect((await bearer.get('/me')).statusCode).toBe(401);
  });

  it('when a token is garbage, then 401', async () => {
    expect((await client(t.app, { token: 'kt_nope' }).get('/me')).statusCode).toBe(401);
  });
});
