import { and, asc, desc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import { type Executor } from '../db/client.js';
import { importErrors, imports } from '../db/schema.js';

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

/** Deletes an import record (a sync dry run's, or a refused import's); its rows go with it. */
export async function deleteImport(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(imports).where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
}
