import { and, desc, eq, sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { queryRows, type Executor } from '../db/client.js';
import { imports } from '../db/schema.js';

export type ImportRow = typeof imports.$inferSelect;
export type RowError = { row: number; message: string };

export async function insertImport(
  ex: Executor,
  row: typeof imports.$inferInsert,
): Promise<ImportRow> {
  const [created] = await ex.insert(imports).values(row).returning();
  return created!;
}

export async function updateImport(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<typeof imports.$inferInsert>,
): Promise<void> {
  await ex
    .update(imports)
    .set(patch)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
}

export async function findImport(
  ex: Executor,
  orgId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ImportRow | undefined> {
  const q = ex
    .select()
    .from(imports)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listImports(
  ex: Executor,
  orgId: string,
  userId: string | undefined,
  limit: number,
): Promise<ImportRow[]> {
  const where = [eq(imports.orgId, orgId)];
  if (userId) where.push(eq(imports.userId, userId));
  return ex
    .select()
    .from(imports)
    .where(and(...where))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** The contacts an import created that still exist: version 1 means nobody changed them. */
export async function importedContacts(
  ex: Executor,
  orgId: string,
  importId: string,
): Promise<{ id: string; version: number; first_name: string; last_name: string }[]> {
  return queryRows(
    ex,
    sql`select id, version, first_name, last_name from contacts
        where org_id = ${orgId}::uuid and import_id = ${importId}::uuid and deleted_at is null
        for update`,
  );
}

/** Soft-deletes the given contacts and logs a `deleted` activity for each, set-based. */
export async function softDeleteWithActivity(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
  rows: { id: string; activityId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const { orgId, userId, role } = ctx.actor;
  const json = JSON.stringify(rows.map((r) => ({ id: r.id, aid: r.activityId })));
  await ex.execute(sql`
    with r as (select * from json_to_recordset(${json}::json) as r(id uuid, aid uuid)),
    del as (
      update contacts c set deleted_at = now(), version = c.version + 1, updated_at = now()
      from r where c.org_id = ${orgId}::uuid and c.id = r.id
      returning c.id, c.first_name, c.last_name
    )
    insert into activities (org_id, id, contact_id, type, subject, body, actor_id, actor_role)
    select ${orgId}::uuid, r.aid, del.id, 'deleted', del.first_name || ' ' || del.last_name,
           'Import ' || ${importId}::text || ' reverted', ${userId}::uuid, ${role}
    from del join r on r.id = del.id`);
}
