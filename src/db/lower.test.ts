import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { contactOf, dealOf } from '../../test/deals.js';
import { queryRows, withOrg } from './client.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

/** The plan of `query` as the application role inside the org, sequential scans discouraged. */
async function planOf(query: ReturnType<typeof sql>): Promise<string> {
  return withOrg(t.database.db, org.orgId, async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const rows = await queryRows<Record<string, unknown>>(tx, sql`explain ${query}`);
    return rows.map((r) => Object.values(r).join(' ')).join('\n');
  });
}

describe('kantivo_lower', () => {
  it('trust #15: when migrated, then lower() is not leakproof for the whole database, kantivo_lower is', async () => {
    const rows = await queryRows<{ name: string; leakproof: boolean }>(
      t.database.unsafeOwner,
      sql`select p.oid::regprocedure::text as name, p.proleakproof as leakproof from pg_proc p
          where p.oid in ('pg_catalog.lower(text)'::regprocedure, 'kantivo_lower(text)'::regprocedure)
          order by 1`,
    );
    expect(rows).toEqual([
      { name: 'kantivo_lower(text)', leakproof: true },
      { name: 'lower(text)', leakproof: false },
    ]);
  });

  it('trust #15: when the app searches deal titles or matches e-mails under row-level security, then the expression indexes are used and results are unchanged', async () => {
    const contactId = await contactOf(org.owner, { email: 'Mixed.Case@Lower.Test' });
    await dealOf(org.owner, { contactId, amount: 10, title: 'Enterprise ROLLOUT' });
    // Enough rows of the org that a selective index beats its org_id index.
    await t.database.unsafeOwner.execute(sql`
      insert into contacts (org_id, id, first_name, last_name, email, owner_id, visibility, created_by)
      select org_id, gen_random_uuid(), 'Filler', 'Row', 'filler' || g || '@lower.test', owner_id,
             visibility, created_by
      from contacts, generate_series(1, 3000) g where org_id = ${org.orgId} and id = ${contactId}`);
    await t.database.unsafeOwner.execute(sql`
      insert into deals (org_id, id, title, probability, contact_id, stage_id, position, owner_id,
                         visibility, created_by)
      select org_id, gen_random_uuid(), 'Filler deal ' || g, probability, contact_id, stage_id,
             position + g, owner_id, visibility, created_by
      from deals, generate_series(1, 3000) g where org_id = ${org.orgId} and contact_id = ${contactId}`);
    // VACUUM too: it empties the GIN pending list, which else makes the index look costly.
    await t.database.unsafeOwner.execute(sql`vacuum analyze contacts, deals`);
    const titlePlan = await planOf(
      sql`select id from deals where kantivo_lower(title) like ${'%rollout%'} and deleted_at is null`,
    );
    expect(titlePlan).toContain('deals_title_search');
    const emailPlan = await planOf(
      sql`select id from contacts where kantivo_lower(email) in (${'mixed.case@lower.test'}, ${uuidv7()})
          and deleted_at is null`,
    );
    expect(emailPlan).toContain('contacts_org_email');
    // The search box's one column holds the tags too (migration 0026): still its trigram index.
    const searchPlan = await planOf(
      sql`select id from contacts where search_text like ${'%trade-show%'} and deleted_at is null`,
    );
    expect(searchPlan).toContain('contacts_search');

    const found = (await org.owner.get('/deals?q=RollOut')).json().data;
    expect(found.map((d: { title: string }) => d.title)).toEqual(['Enterprise ROLLOUT']);
    const csv = 'First Name,Last Name,Email\nMixed,Case,mixed.case@LOWER.test\n';
    const dry = await org.owner.post('/contacts/import?dryRun=true&onDuplicate=skip', csv);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ created: 0, skipped: 1 });
  });
});
