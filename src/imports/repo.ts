import { and, asc, desc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { queryRows, type Executor } from '../db/client.js';
import { readableContacts } from '../contacts/repo.js';
import { contacts, importErrors, imports } from '../db/schema.js';

export type ImportRow = typeof imports.$inferSelect;
/** An import row without its header (lists and progress never need it). */
export type ImportSummaryRow = Omit<ImportRow, 'header'>;
/** A refused row: its message and, when kept, the file's cells. */
export type RowError = { row: number; message: string; cells: string[] | null };

const { header: _header, ...summaryColumns } = getTableColumns(imports);

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
): Promise<ImportSummaryRow | undefined> {
  const q = ex
    .select(summaryColumns)
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
): Promise<ImportSummaryRow[]> {
  const where = [eq(imports.orgId, orgId)];
  if (userId) where.push(eq(imports.userId, userId));
  return ex
    .select(summaryColumns)
    .from(imports)
    .where(and(...where))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** Records an import's error count, its header (when rows failed) and its kept errors, set-based. */
export async function saveErrors(
  ex: Executor,
  orgId: string,
  importId: string,
  errors: RowError[],
  errorCount: number,
  header: string[],
): Promise<void> {
  await ex
    .update(imports)
    .set({ errorCount, header: errors.length > 0 ? header : null })
    .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
  if (errors.length === 0) return;
  const json = JSON.stringify(errors);
  await ex.execute(sql`
    insert into import_errors (org_id, import_id, row_no, message, cells)
    select ${orgId}::uuid, ${importId}::uuid, e.row, e.message,
           (select array_agg(c order by n) from json_array_elements_text(e.cells) with ordinality as x(c, n))
    from json_to_recordset(${json}::json) as e("row" int, message text, cells json)
    on conflict do nothing`);
}

/** One page of an import's kept errors, by row, after `afterRow`. */
export async function importErrorPage(
  ex: Executor,
  orgId: string,
  importId: string,
  afterRow: number,
  limit: number,
): Promise<{ row: number; message: string }[]> {
  return ex
    .select({ row: importErrors.row, message: importErrors.message })
    .from(importErrors)
    .where(
      and(
        eq(importErrors.orgId, orgId),
        eq(importErrors.importId, importId),
        gt(importErrors.row, afterRow),
      ),
    )
    .orderBy(asc(importErrors.row))
    .limit(limit);
}

/** All of an import's kept errors with their cells (bounded by the import: 1,000 rows, ~1 MB). */
export async function importErrorRows(
  ex: Executor,
  orgId: string,
  importId: string,
): Promise<RowError[]> {
  return ex
    .select({ row: importErrors.row, message: importErrors.message, cells: importErrors.cells })
    .from(importErrors)
    .where(and(eq(importErrors.orgId, orgId), eq(importErrors.importId, importId)))
    .orderBy(asc(importErrors.row));
}

/** The header an import's file had (kept when rows failed). */
export async function importHeader(
  ex: Executor,
  orgId: string,
  importId: string,
): Promise<string[] | null> {
  const [row] = await ex
    .select({ header: imports.header })
    .from(imports)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
  return row?.header ?? null;
}

/** A contact an import created that still exists, with what revert must weigh. */
export type ImportedContact = {
  id: string;
  ownerId: string;
  version: number;
  readable: boolean;
  hasDeals: boolean;
  hasActivities: boolean;
};

/**
 * The contacts an import created that still exist, locked: version 1 means
 * nobody changed them; `hasDeals` / `hasActivities` whether a deal or any
 * activity other than the import's own now refers to them.
 */
export async function importedContacts(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
): Promise<ImportedContact[]> {
  const orgId = ctx.actor.orgId;
  return queryRows(
    ex,
    sql`select contacts.id, contacts.owner_id as "ownerId", contacts.version,
               (${readableContacts(ctx)}) as readable,
               exists (select 1 from deals d
                        where d.org_id = contacts.org_id and d.contact_id = contacts.id
                          and d.deleted_at is null) as "hasDeals",
               exists (select 1 from activities a
                        where a.org_id = contacts.org_id and a.contact_id = contacts.id
                          and not (a.type = 'import' and a.body like ${`Import ${importId}, row %`})) as "hasActivities"
        from ${contacts}
        where contacts.org_id = ${orgId}::uuid and contacts.import_id = ${importId}::uuid
          and contacts.deleted_at is null
        order by contacts.id
        for update of contacts`,
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
