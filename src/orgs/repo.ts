import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { orgs, orgUsage, type Plan } from '../db/schema.js';
import { insertDefaultStages } from '../stages/defaults.js';

export type OrgRow = typeof orgs.$inferSelect;

/** A new tenant: the org row, its usage counters, default settings and stages. */
export async function insertOrg(
  ex: Executor,
  org: { orgId: string; name: string; plan: Plan },
): Promise<OrgRow> {
  const [row] = await ex.insert(orgs).values(org).returning();
  await ex.insert(orgUsage).values({ orgId: org.orgId });
  // Every setting takes its column's default: the migrations are the one
  // place a setting's default is written.
  await ex.execute(sql`insert into crm_settings (org_id) values (${org.orgId})`);
  await insertDefaultStages(ex, org.orgId);
  return row!;
}

export async function findOrg(ex: Executor, orgId: string) {
  const [row] = await ex
    .select({ org: orgs, usage: orgUsage })
    .from(orgs)
    .innerJoin(orgUsage, eq(orgUsage.orgId, orgs.orgId))
    .where(eq(orgs.orgId, orgId));
  return row;
}

export async function updateOrgRow(
  ex: Executor,
  orgId: string,
  patch: Partial<typeof orgs.$inferInsert>,
) {
  const [row] = await ex.update(orgs).set(patch).where(eq(orgs.orgId, orgId)).returning();
  return row;
}
