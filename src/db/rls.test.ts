import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { sqlState } from './errors.js';
import { appRole, queryRows, withOrg } from './client.js';

let t: TestApp;
let a: Org;
let b: Org;
beforeAll(async () => {
  t = await createTestApp();
  a = await signupOrg(t.app, { plan: 'growth' });
  b = await signupOrg(t.app, { plan: 'growth' });
  await a.owner.post('/contacts', { firstName: 'A', lastName: 'One', email: 'a1@x.io' });
  await b.owner.post('/contacts', { firstName: 'B', lastName: 'One', email: 'b1@x.io' });
});
afterAll(() => t.close());

const asApp = (orgId: string | null, query: ReturnType<typeof sql>) =>
  t.database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${appRole}, true)`);
    if (orgId) await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
    return queryRows<Record<string, unknown>>(tx, query);
  });

describe('row-level security (the database backstop)', () => {
  it('when the application role queries with no org set, then every tenant table shows no rows', async () => {
    const tables = await queryRows<{ relname: string }>(
      t.database.db,
      sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind = 'r' and c.relrowsecurity`,
    );
    expect(tables.length).toBeGreaterThan(15);
    for (const { relname } of tables) {
      const rows = await asApp(
        null,
        sql`select count(*)::int as n from ${sql.identifier(relname)}`,
      );
      expect(rows[0]!.n, relname).toBe(0);
    }
  });

  it("when org A is set, then even a query without a WHERE sees only A's rows, and writing B's rows is refused", async () => {
    const seen = await asApp(a.orgId, sql`select email from contacts`);
    expect(seen.map((r) => r.email)).toEqual(['a1@x.io']);
    const changed = await asApp(
      a.orgId,
      sql`update contacts set city = 'Hacked' where org_id = ${b.orgId} returning id`,
    );
    expect(changed).toHaveLength(0);
    await expect(
      withOrg(t.database.db, a.orgId, (tx) =>
        tx.execute(
          sql`insert into partners (org_id, id, name) values (${b.orgId}, gen_random_uuid(), 'Smuggled')`,
        ),
      ),
    ).rejects.toThrow();
  });

  it('when a tenant transaction runs read only, then it sees only its org as the app role, can write nothing, and leaves no setting behind', async () => {
    const state = async () =>
      queryRows<{ org: string; ro: string }>(
        t.database.db,
        sql`select coalesce(current_setting('app.org_id', true), '') as org,
                   current_setting('transaction_read_only') as ro`,
      );
    const before = await state();
    expect(before).toEqual([{ org: '', ro: 'off' }]);
    const seen = await withOrg(
      t.database.db,
      a.orgId,
      (tx) => queryRows(tx, sql`select email, current_user as who from contacts`),
      { readOnly: true },
    );
    expect(seen).toEqual([{ email: 'a1@x.io', who: appRole }]);
    await expect(
      withOrg(
        t.database.db,
        a.orgId,
        (tx) => tx.execute(sql`update contacts set city = 'Written' where org_id = ${a.orgId}`),
        { readOnly: true },
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/read-only transaction/) } });
    await expect(
      withOrg(t.database.db, a.orgId, (tx) => tx.execute(sql`select 1/0`)),
    ).rejects.toMatchObject({ cause: { message: 'division by zero' } });
    expect(await state()).toEqual(before);
    const pool = t.database.pool;
    if (pool) expect(pool.totalCount - pool.idleCount).toBe(0);
    const other = await withOrg(t.database.db, b.orgId, (tx) =>
      queryRows(tx, sql`select email, city from contacts`),
    );
    expect(other).toEqual([{ email: 'b1@x.io', city: null }]);
  });

  it('when a value is selected alongside the org settings, then work receives it, bound as a parameter', async () => {
    const value = "$1 it's \\ a value";
    const seen = await withOrg(t.database.db, a.orgId, async (_tx, alongside) => alongside, {
      alongside: sql`${value}::text`,
    });
    expect(seen).toBe(value);
  });

  it('when a transaction is read only (every GET of the API), then a write inside it fails and changes nothing', async () => {
    await expect(
      withOrg(
        t.database.db,
        a.orgId,
        (tx) => tx.execute(sql`update contacts set city = 'Written' where org_id = ${a.orgId}`),
        { readOnly: true },
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/read-only transaction/) } });
    const seen = await asApp(a.orgId, sql`select city from contacts`);
    expect(seen).toEqual([{ city: null }]);
  });

  it('when the catalog is read, then every table with org_id (but the e-mail directory) has RLS enabled and forced with a policy', async () => {
    const rows = await queryRows<{
      relname: string;
      enabled: boolean;
      forced: boolean;
      policies: number;
    }>(
      t.database.db,
      sql`select c.relname, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                 (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind = 'r'
            and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
            and c.relname <> 'user_emails'`,
    );
    const weak = rows
      .filter((r) => !r.enabled || !r.forced || r.policies < 1)
      .map((r) => r.relname);
    expect(rows.length).toBeGreaterThan(15);
    expect(weak).toEqual([]);
  });

  it('when the application role owns nothing, then it cannot bypass RLS or rewrite history', async () => {
    const [role] = await queryRows<{ rolbypassrls: boolean; rolsuper: boolean; owns: number }>(
      t.database.db,
      sql`select rolbypassrls, rolsuper, (select count(*)::int from pg_class where relowner = r.oid) as owns
          from pg_roles r where rolname = ${appRole}`,
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, owns: 0 });
    const [who] = await withOrg(t.database.db, a.orgId, (tx) =>
      queryRows<{ user: string }>(tx, sql`select current_user as user`),
    );
    expect(who!.user).toBe(appRole);
    // On a server the application's sessions themselves log in as the app role;
    // PGlite has a single session, so there each transaction switches to it.
    if (t.database.kind === 'pg') {
      const [session] = await queryRows<{ user: string }>(
        t.database.db,
        sql`select current_user as user`,
      );
      expect(session!.user).toBe(appRole);
    }
    await expect(asApp(a.orgId, sql`update activities set body = 'x'`)).rejects.toThrow();
  });

  it('trust #15: the application role cannot read or write the e-mail directory or login failures, only call their functions, and login still works', async () => {
    const denied = (orgId: string | null, query: ReturnType<typeof sql>) =>
      asApp(orgId, query).then(
        () => 'allowed',
        (error: unknown) => sqlState(error),
      );
    for (const table of ['user_emails', 'login_failures']) {
      const name = sql.identifier(table);
      expect(await denied(a.orgId, sql`select count(*) from ${name}`), table).toBe('42501');
      expect(await denied(null, sql`delete from ${name}`), table).toBe('42501');
    }
    const email = (await a.owner.get('/me')).json().user.email as string;
    const [owner] = await asApp(null, sql`select org_id from user_email_owner(${email})`);
    expect(owner!.org_id).toBe(a.orgId);
    // Another org cannot release it, and a claim needs an org.
    await asApp(b.orgId, sql`select release_user_email(${email})`);
    expect(await asApp(null, sql`select org_id from user_email_owner(${email})`)).toHaveLength(1);
    expect(await denied(null, sql`select claim_user_email('nobody@x.io', gen_random_uuid())`)).toBe(
      '42501',
    );
    const login = await client(t.app).post('/auth/login', {
      email,
      password: 'correct horse battery',
    });
    expect(login.statusCode).toBe(200);
  });
});
