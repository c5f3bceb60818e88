import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResets } from '../db/schema.js';
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

const pw = 'correct horse battery';
const login = (email: string, password: string) =>
  client(t.app).post('/auth/login', { email, password });

describe('passwords and e-mails: only their user sets them; admins start resets', () => {
  it("trust #1: an admin cannot set the owner's password or e-mail through PATCH /users/:id", async () => {
    const org = await signupOrg(t.app);
    const admin = await org.addUser('admin');
    const ownerEmail = (await org.owner.get('/me')).json().user.email;
    const byPassword = await admin.client.patch(`/users/${org.ownerId}`, {
      password: 'taken over now',
    });
    expect(byPassword.statusCode).toBe(422);
    const byEmail = await admin.client.patch(`/users/${org.ownerId}`, {
      email: uniqueEmail('attacker'),
    });
    expect(byEmail.statusCode).toBe(422);
    const other = await org.addUser('employee');
    expect(
      (await org.owner.patch(`/users/${other.id}`, { password: 'owner sets it' })).statusCode,
    ).toBe(422);
    expect((await login(ownerEmail, 'taken over now')).statusCode).toBe(401);
    expect((await login(ownerEmail, pw)).statusCode).toBe(200);
    expect((await org.owner.get('/me')).json().user.email).toBe(ownerEmail);
  });

  it("trust #1: a reset token sets the password once, is stored hashed, and ends the user's sessions and tokens", async () => {
    const org = await signupOrg(t.app);
    const emp = await org.addUser('employee');
    const apiToken = (await emp.client.post('/tokens', { name: 'CI' })).json().token as string;
    const started = await org.owner.post(`/users/${emp.id}/password-reset`);
    expect(started.statusCode).toBe(201);
    const { token, expiresAt } = started.json();
    expect(token).toMatch(/^kr_/);
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const rows = await t.database.unsafeOwner
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, emp.id));
    expect(rows).toHaveLength(1);
    // The secret is everything after kr_<org>_ (it may hold '_' itself).
    expect(JSON.stringify(rows)).not.toContain(token.split('_').slice(2).join('_'));

    const done = await client(t.app).post('/auth/password-reset', {
      token,
      password: 'brand new secret',
    });
    expect(done.statusCode).toBe(204);
    expect((await emp.client.get('/me')).statusCode).toBe(401);
    expect((await client(t.app, { token: apiToken }).get('/me')).statusCode).toBe(401);
    expect((await login(emp.email, pw)).statusCode).toBe(401);
    expect((await login(emp.email, 'brand new secret')).statusCode).toBe(200);

    const again = await client(t.app).post('/auth/password-reset', {
      token,
      password: 'second try secret',
    });
    expect(again.statusCode).toBe(422);
    expect((await login(emp.email, 'brand new secret')).statusCode).toBe(200);
  });

  it('trust #1: an expired, garbled or replaced reset token is refused and changes nothing', async () => {
    const org = await signupOrg(t.app);
    const emp = await org.addUser('employee');
    const first = (await org.owner.post(`/users/${emp.id}/password-reset`)).json().token;
    const second = (await org.owner.post(`/users/${emp.id}/password-reset`)).json().token;
    const reset = (token: string) =>
      client(t.app).post('/auth/password-reset', { token, password: 'brand new secret' });
    expect((await reset(first)).statusCode).toBe(422);
    expect((await reset('kr_nonsense')).statusCode).toBe(422);
    await t.database.unsafeOwner
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, emp.id));
    expect((await reset(second)).statusCode).toBe(422);
    expect((await login(emp.email, pw)).statusCode).toBe(200);
  });

  it('trust #1: nobody resets the owner or themself, only the owner resets an admin, and non-admins reset nobody', async () => {
    const org = await signupOrg(t.app);
    const admin = await org.addUser('admin');
    const admin2 = await org.addUser('admin');
    const emp = await org.addUser('employee');
    const start = (who: typeof org.owner, id: string) => who.post(`/users/${id}/password-reset`);
    expect((await start(admin.client, org.ownerId)).statusCode).toBe(403);
    expect((await start(org.owner, org.ownerId)).statusCode).toBe(403);
    expect((await start(admin.client, admin.id)).statusCode).toBe(403);
    expect((await start(admin.client, admin2.id)).statusCode).toBe(403);
    expect((await start(emp.client, admin.id)).statusCode).toBe(403);
    expect((await start(admin.client, emp.id)).statusCode).toBe(201);
    expect((await start(org.owner, admin2.id)).statusCode).toBe(201);
    const other = await signupOrg(t.app);
    const stranger = await other.addUser('employee');
    expect((await start(org.owner, stranger.id)).statusCode).toBe(404);
  });

  it('trust #1: POST /me/password needs the current password, keeps this session and ends the others', async () => {
    const org = await signupOrg(t.app);
    const emp = await org.addUser('employee');
    const elsewhere = client(t.app, { cookie: sessionCookieOf(await login(emp.email, pw)) });
    const apiToken = (await emp.client.post('/tokens', { name: 'CI' })).json().token as string;
    const wrong = await emp.client.post('/me/password', {
      currentPassword: 'not my password',
      newPassword: 'my new password',
    });
    expect(wrong.statusCode).toBe(422);
    expect((await elsewhere.get('/me')).statusCode).toBe(200);
    const ok = await emp.client.post('/me/password', {
      currentPassword: pw,
      newPassword: 'my new password',
    });
    expect(ok.statusCode).toBe(204);
    expect((await emp.client.get('/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/me')).statusCode).toBe(401);
    expect((await client(t.app, { token: apiToken }).get('/me')).statusCode).toBe(401);
    expect((await login(emp.email, 'my new password')).statusCode).toBe(200);
  });

  it('trust #1: POST /me/email needs the password, refuses a taken e-mail, and the new e-mail signs in', async () => {
    const org = await signupOrg(t.app);
    const emp = await org.addUser('employee');
    const other = await org.addUser('employee');
    const next = uniqueEmail('renamed');
    expect(
      (await emp.client.post('/me/email', { email: next, currentPassword: 'wrong one!' }))
        .statusCode,
    ).toBe(422);
    expect(
      (await emp.client.post('/me/email', { email: other.email, currentPassword: pw })).statusCode,
    ).toBe(409);
    expect(
      (await emp.client.post('/me/email', { email: next, currentPassword: pw })).statusCode,
    ).toBe(204);
    expect((await emp.client.get('/me')).json().user.email).toBe(next);
    expect((await login(next, pw)).statusCode).toBe(200);
    expect((await login(emp.email, pw)).statusCode).toBe(401);
  });
});
