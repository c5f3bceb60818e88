import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { partners } from '../db/schema.js';

export type PartnerRow = typeof partners.$inferSelect;

export async function findPartner(
  ex: Executor,
  orgId: string,
  id: string,
): Promise<PartnerRow | undefined> {
  const [row] = await ex
    .select()
    .from(partners)
    .where(and(eq(partners.orgId, orgId), eq(partners.id, id)));
  return row;
}

export async function listPartners(ex: Executor, orgId: string): Promise<PartnerRow[]> {
  return ex
    .select()
    .from(partners)
    .where(eq(partners.orgId, orgId))
    .orderBy(asc(partners.name), asc(partners.id));
}

export async function insertPartner(
  ex: Executor,
  row: typeof partners.$inferInsert,
): Promise<PartnerRow> {
  const [created] = await ex.insert(partners).values(row).returning();
  return created!;
}

export async function renamePartner(
  ex: Executor,
  orgId: string,
  id: string,
  name: string,
): Promise<PartnerRow | undefined> {
  const current = await findPartner(ex, orgId, id);
  if (!current) return undefined;
  const [row] = await ex
    .update(partners)
    .set({ name, version: current.version + 1, updatedAt: new Date() })
    .where(and(eq(partners.orgId, orgId), eq(partners.id, id)))
    .returning();
  return row;
}
