import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type TestApp } from '../../test/harness.js';
import { queryRows } from './client.js';
import * as schema from './schema.js';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// Tables that are not tenant data: the e-mail directory (a reference table
// under Citus), login throttling and the migrator's own bookkeeping.
const globalTables = ['user_emails', 'login_failures', 'schema_migrations'];

describe('schema', () => {
  it('when the catalog is read, then every tenant table has org_id first in every primary, unique and foreign key (Citus distribution)', async () => {
    const keys = await queryRows<{ table: string; name: string; type: string; columns: string[] }>(
      t.database.unsafeOwner,
      sql`select c.conrelid::regclass::text as table, c.conname as name, c.contype as type,
                 array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns
          from pg_constraint c join pg_namespace ns on ns.oid = c.connamespace
          where ns.nspname = current_schema() and c.contype in ('p', 'u', 'f')`,
    );
    const uniqueIndexes = await queryRows<{ table: string; name: string; def: string }>(
      t.database.unsafeOwner,
      sql`select tablename as table, indexname as name, indexdef as def from pg_indexes
          where schemaname = current_schema() and indexdef like 'CREATE UNIQUE%'`,
    );
    const tenantKeys = keys.filter((k) => !globalTables.includes(k.table));
    expect(tenantKeys.length).toBeGreaterThan(20);
    const bad = tenantKeys
      .filter((k) => k.columns[0] !== 'org_id')
      .map((k) => `${k.table}.${k.name}`);
    const badIndexes = uniqueIndexes
      .filter((i) => !globalTables.includes(i.table))
      .filter((i) => !/\(org_id[,)]/.test(i.def))
      .map((i) => i.name);
    expect(bad).toEqual([]);
    expect(badIndexes).toEqual([]);
  });

  it('when the Drizzle tables are compared with the database, then every column exists there', async () => {
    const columns = await queryRows<{ table: string; column: string }>(
      t.database.unsafeOwner,
      sql`select table_name as table, column_name as column from information_schema.columns where table_schema = current_schema()`,
    );
    const have = new Set(columns.map((c) => `${c.table}.${c.column}`));
    const missing: string[] = [];
    for (const value of Object.values(schema)) {
      if (typeof value !== 'object' || value === null || !('getSQL' in value)) continue;
      const config = getTableConfig(value as PgTable);
      for (const col of config.columns)
        if (!have.has(`${config.name}.${col.name}`)) missing.push(`${config.name}.${col.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('when anyone tries to UPDATE, DELETE or TRUNCATE activities with raw SQL, then the database refuses', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    await org.owner.post('/contacts', { firstName: 'A', lastName: 'B', email: 'ab@x.io' });
    for (const statement of [
      sql`update activities set body = 'rewritten'`,
      sql`delete from activities`,
      sql`truncate activities`,
    ]) {
      await expect(t.database.unsafeOwner.execute(statement)).rejects.toThrow();
    }
    const [row] = await queryRows<{ n: number }>(
      t.database.unsafeOwner,
      sql`select count(*)::int as n from activities`,
    );
    expect(row!.n).toBeGreaterThan(0);
  });
});
