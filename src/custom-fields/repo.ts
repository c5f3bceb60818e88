import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { customFieldDefs } from '../db/schema.js';

export type CustomFieldRow = typeof customFieldDefs.$inferSelect;
type NewCustomField = Pick<CustomFieldRow, 'orgId' | 'id' | 'key' | 'label' | 'type' | 'options'>;

const byId = (orgId: string, id: string) =>
  and(eq(customFieldDefs.orgId, orgId), eq(customFieldDefs.id, id));

/** The org's custom field definitions, oldest first (the order forms show them in). */
export async function listDefs(ex: Executor, orgId: string): Promise<CustomFieldRow[]> {
  return ex
    .select()
    .from(customFieldDefs)
    .where(eq(customFieldDefs.orgId, orgId))
    .orderBy(asc(customFieldDefs.createdAt));
}

export async function findDef(
  ex: Executor,
  orgId: string,
  id: string,
): Promise<CustomFieldRow | undefined> {
  const [row] = await ex.select().from(customFieldDefs).where(byId(orgId, id));
  return row;
}

export async function insertDef(ex: Executor, def: NewCustomField): Promise<CustomFieldRow> {
  const [row] = await ex.insert(customFieldDefs).values(def).returning();
  return row!;
}

export async function updateDef(
  ex: Executor,
  orgId: string,
  id: string,
  change: { label?: string | undefined; options?: string[] | undefined; version: number },
): Promise<CustomFieldRow> {
  const [row] = await ex
    .update(customFieldDefs)
    .set({ ...change, updatedAt: new Date() })
    .where(byId(orgId, id))
    .returning();
  return row!;
}

export async function deleteDef(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(customFieldDefs).where(byId(orgId, id));
}
