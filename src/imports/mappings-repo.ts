import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { readableImportMappings } from '../access/import-mappings.js';
import type { Executor, Tx } from '../db/client.js';
import { importMappings } from '../db/schema.js';

export type ImportMappingRow = typeof importMappings.$inferSelect;
export type NewImportMapping = Pick<
  ImportMappingRow,
  'orgId' | 'id' | 'name' | 'mapping' | 'partnerId' | 'createdBy'
>;

/** The mappings the caller may see, by name (case-insensitively, then as written). */
export async function listReadableMappings(
  ex: Executor,
  ctx: AccessContext,
): Promise<ImportMappingRow[]> {
  return ex
    .select()
    .from(importMappings)
    .where(readableImportMappings(ctx))
    .orderBy(sql`lower(${importMappings.name})`, asc(importMappings.name), asc(importMappings.id));
}

/** One mapping the caller may see; with `forUpdate`, its row is locked for the transaction. */
export async function findReadableMapping(
  ex: Executor,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ImportMappingRow | undefined> {
  const query = ex
    .select()
    .from(importMappings)
    .where(and(readableImportMappings(ctx), eq(importMappings.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * How many mappings the organization holds, every side's. Two concurrent
 * saves take turns until commit, so both cannot see room for one.
 */
/** How many mappings one side (the staff: partnerId null, or one partner) keeps, under a lock held to the end of the transaction. */
export async function countSideMappingsLocked(
  tx: Tx,
  orgId: string,
  partnerId: string | null,
): Promise<number> {
  const key = `cap:importMappings:${orgId}:${partnerId ?? 'staff'}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
  return tx.$count(
    importMappings,
    and(
      eq(importMappings.orgId, orgId),
      partnerId === null
        ? isNull(importMappings.partnerId)
        : eq(importMappings.partnerId, partnerId),
    ),
  );
}

export async function insertMapping(
  ex: Executor,
  row: NewImportMapping,
): Promise<ImportMappingRow> {
  const [created] = await ex.insert(importMappings).values(row).returning();
  return created!;
}

export async function updateMapping(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<Pick<ImportMappingRow, 'name' | 'mapping'>>,
): Promise<ImportMappingRow> {
  const [row] = await ex
    .update(importMappings)
    .set({ ...patch, version: sql`${importMappings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(importMappings.orgId, orgId), eq(importMappings.id, id)))
    .returning();
  return row!;
}

export async function deleteMapping(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex
    .delete(importMappings)
    .where(and(eq(importMappings.orgId, orgId), eq(importMappings.id, id)));
}
