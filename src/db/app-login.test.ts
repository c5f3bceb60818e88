import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  signupOrg,
  textSink,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { runCli } from '../cli/main.js';
import { loadConfig } from '../config.js';
import { buildApp } from '../app/app.js';
import { appRole, openDatabase, queryRows, type Database } from './client.js';

/**
 * APP_DATABASE_URL: on a server the application logs in as a role of its own,
 * so SQL that resets the session's role still cannot get past row-level
 * security. The server-only parts run when TEST_DATABASE_URL is set; PGlite
 * has one session, where the setting does not apply.
 */

let t: TestApp;
let org: Org;
const dir = mkdtempSync(join(tmpdir(), 'kantivo-app-login-'));
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const login = `kt_login_${suffix}`;
/** Throwaway roles made by the server parts, dropped at the end. */
const roles: string[] = [];
/** On a server: this test file's database as its owner, and as the throwaway login. */
let ownerUrl = '';
let appUrl = '';

const withUser = (url: string, user: string, database?: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = 'not-checked-under-trust';
  if (database) u.pathname = `/${database}`;
  return u.toString();
};

async function createRole(name: string, attributes: string) {
  await t.database.unsafeOwner.execute(
    sql`create role ${sql.identifier(name)} login ${sql.raw(attributes)}`,
  );
  roles.push(name);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  const created = await org.owner.post('/contacts', {
    firstName: 'Rowan',
    lastName: 'Level',
    email: 'rowan@rls.test',
  });
  expect(created.statusCode).toBe(201);
  if (t.database.kind === 'pg') {
    const [{ name, owner } = { name: '', owner: '' }] = await queryRows<{
      name: string;
      owner: string;
    }>(t.database.unsafeOwner, sql`select current_database() as name, session_user as owner`);
    const server = process.env.TEST_DATABASE_URL!;
    ownerUrl = withUser(server, owner, name);
    appUrl = withUser(server, login, name);
    await createRole(login, `in role ${appRole}`);
  }
});

afterAll(async () => {
  if (t.database.kind === 'pg') {
    await t.database.unsafeOwner.execute(sql`drop table if exists kt_owned_probe`);
    for (const role of roles) {
      await t.database.unsafeOwner.execute(sql`drop role if exists ${sql.identifier(role)}`);
    }
  }
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string>) {
  const out = textSink();
  const err = textSink();
  const code = await runCli(args, { stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('a separate database login for the application (APP_DATABASE_URL)', () => {
  it('when APP_DATABASE_URL is set without DATABASE_URL, then the configuration is refused, for the server and the CLI', async () => {
    expect(() => loadConfig({ APP_DATABASE_URL: 'postgres://app@db/kantivo' })).toThrow(
      /APP_DATABASE_URL is set without DATABASE_URL/,
    );
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://owner@db/kantivo',
        APP_DATABASE_URL: 'postgres://app@db/kantivo',
      }).appDatabaseUrl,
    ).toBe('postgres://app@db/kantivo');
    const refused = await cli(['migrate'], { APP_DATABASE_URL: 'postgres://app@db/kantivo' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/without DATABASE_URL/);
  });

  it('when the app logs in as its own role, then the API works, the session user is that login, and resetting the role no longer gets past RLS', async () => {
    if (t.database.kind !== 'pg') return;
    // Today's escape, for contrast: a session of the owner login drops the startup
    // role (RESET ROLE only returns to it; SET ROLE NONE leaves it) and reads every org.
    const ownerSession = await t.database.pool!.connect();
    try {
      await ownerSession.query('set role none');
      const { rows } = await ownerSession.query<{ n: number }>(
        'select count(*)::int as n from contacts',
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      ownerSession.release(true);
    }

    const env = { DATA_DIR: '/nonexistent', DATABASE_URL: ownerUrl, APP_DATABASE_URL: appUrl };
    const config = loadConfig(env);
    const database: Database = await openDatabase(config);
    const app = await buildApp({ database, config });
    try {
      // (a) a normal request, and a streamed export over the app pool's COPY
      const owner = client(app, { cookie: org.owner.cookie });
      const listed = await owner.get('/contacts?q=rowan');
      expect(listed.statusCode).toBe(200);
      expect(listed.json().data).toHaveLength(1);
      const made = await owner.post('/contacts', {
        firstName: 'Ada',
        lastName: 'Apart',
        email: 'ada@rls.test',
      });
      expect(made.statusCode).toBe(201);
      const exported = await owner.get('/contacts/export?q=rls.test');
      expect(exported.statusCode).toBe(200);
      expect(exported.body).toMatch(/ada@rls\.test/);

      // (b) the pool's sessions log in as the throwaway login, acting as kantivo_app
      const [who] = await queryRows<{ session: string; current: string }>(
        database.db,
        sql`select session_user as session, current_user as current`,
      );
      expect(who).toEqual({ session: login, current: appRole });

      // (c) every way back from the startup role ends at the login: still under RLS,
      // so with no org set it reads no rows; the owner's role is out of its reach.
      const session = await database.pool!.connect();
      try {
        // RESET ROLE returns to the startup role; SET ROLE NONE drops it for the login.
        for (const escape of ['reset role', 'set role none', 'set session authorization default']) {
          await session.query(escape);
          const { rows } = await session.query<{ current: string; n: number }>(
            'select current_user as current, (select count(*)::int from contacts) as n',
          );
          expect([appRole, login], escape).toContain(rows[0]!.current);
          expect(rows[0]!.n, escape).toBe(0);
        }
        await session.query('set role none');
        const { rows: bare } = await session.query<{ current: string }>(
          'select current_user as current',
        );
        expect(bare[0]!.current).toBe(login);
        await expect(session.query(`set role ${new URL(ownerUrl).username}`)).rejects.toThrow(
          /permission denied/,
        );
        await expect(
          session.query(`set session authorization ${new URL(ownerUrl).username}`),
        ).rejects.toThrow(/permission denied/);
      } finally {
        session.release(true);
      }
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('when the CLI is given APP_DATABASE_URL, then it imports under that login', async () => {
    if (t.database.kind !== 'pg') return;
    const file = join(dir, 'cli.csv');
    writeFileSync(file, 'First Name,Last Name,Email\nCli,Apart,cli@rls.test\n');
    const env = { DATABASE_URL: ownerUrl, APP_DATABASE_URL: appUrl };
    const imported = await cli(['import', file, '--org', org.orgId], env);
    expect(imported.stderr).not.toMatch(/Error/);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/created 1/);
    expect((await org.owner.get('/contacts?q=cli@rls')).json().data).toHaveLength(1);
  });

  it('when APP_DATABASE_URL logs in as a superuser, a BYPASSRLS role, a table owner or a non-member, then start-up refuses with the reason', async () => {
    if (t.database.kind !== 'pg') return;
    const open = (appDatabaseUrl: string) =>
      openDatabase({ databaseUrl: ownerUrl, appDatabaseUrl, dataDir: '/nonexistent' });
    // The test server's owner login is a superuser.
    await expect(open(ownerUrl)).rejects.toThrow(/logs in as "\w+".*it is a superuser/);

    const bypass = `kt_bypass_${suffix}`;
    await createRole(bypass, `bypassrls in role ${appRole}`);
    await expect(open(withUser(ownerUrl, bypass))).rejects.toThrow(/it has BYPASSRLS/);

    const tableOwner = `kt_owner_${suffix}`;
    await createRole(tableOwner, `in role ${appRole}`);
    await t.database.unsafeOwner.execute(sql`create table kt_owned_probe (id int)`);
    await t.database.unsafeOwner.execute(
      sql`alter table kt_owned_probe owner to ${sql.identifier(tableOwner)}`,
    );
    await expect(open(withUser(ownerUrl, tableOwner))).rejects.toThrow(/owns .*kt_owned_probe/);

    const stranger = `kt_stranger_${suffix}`;
    await createRole(stranger, '');
    await expect(open(withUser(ownerUrl, stranger))).rejects.toThrow(/not a member of kantivo_app/);

    // The server and the CLI open the database the same way: the CLI says why and exits 1.
    const refused = await cli(['migrate'], { DATABASE_URL: ownerUrl, APP_DATABASE_URL: ownerUrl });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/superuser/);
  });
});
