import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, sessionCookieOf, type TestApp } from '../../test/harness.js';
import { isLoopback, loadConfig } from '../config.js';
import { queryRows } from '../db/client.js';
import { demoPassword, demoUsers, seedConfiguredDemo } from './seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const orgCount = async () =>
  (
    await queryRows<{ n: number }>(t.database.unsafeOwner, sql`select count(*)::int as n from orgs`)
  )[0]!.n;

const login = (password: string) =>
  client(t.app).post('/auth/login', { email: demoUsers[0]!.email, password });

describe('demo seeding', () => {
  it('trust #8: when DATABASE_URL is set, then the demo is seeded only with DEMO=1, and DEMO=0 turns it off everywhere', () => {
    const server = 'postgres://kantivo@db/kantivo';
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: server }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: server, DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: server, DEMO: '0' }).demo).toBe(false);
  });

  it('trust #8: when only loopback can reach the server, then it may use the published password', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'crm.example.com']) {
      expect(isLoopback(host)).toBe(false);
    }
  });

  it('trust #8: when the demo is off, then an empty database stays empty', async () => {
    const off = loadConfig({ DATABASE_URL: 'postgres://kantivo@db/kantivo', HOST: '127.0.0.1' });
    expect(await seedConfiguredDemo(t.database, off)).toBeNull();
    expect(await orgCount()).toBe(0);
  });

  it('trust #8: when the server listens beyond loopback, then the demo users get a random password shown once, never the published one', async () => {
    const seeded = await seedConfiguredDemo(t.database, loadConfig({ HOST: '0.0.0.0' }));
    expect(seeded).not.toBeNull();
    expect(seeded!.published).toBe(false);
    expect(seeded!.password).not.toBe(demoPassword);
    expect(seeded!.password.length).toBeGreaterThanOrEqual(20);
    expect((await login(demoPassword)).statusCode).toBe(401);
    const res = await login(seeded!.password);
    expect(res.statusCode).toBe(200);
    expect(sessionCookieOf(res)).toBeTruthy();
    // A restart seeds nothing more and prints no password again.
    expect(await seedConfiguredDemo(t.database, loadConfig({ HOST: '0.0.0.0' }))).toBeNull();
    expect(await orgCount()).toBe(1);
  });
});
