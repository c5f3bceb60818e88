import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { deals, stages } from '../db/schema.js';

export type StageRow = typeof stages.$inferSelect;
export type NewStage = typeof stages.$inferInsert;

/** Active stages in board order; with `includeInactive`, the deleted ones follow. */
export async function listStages(
  ex: Executor,
  orgId: string,
  options: { includeInactive?: boolean } = {},
): Promise<StageRow[]> {
  return ex
    .select()
    .from(stages)
    .where(
      options.includeInactive
        ? eq(stages.orgId, orgId)
        : and(eq(stages.orgId, orgId), eq(stages.isActive, true)),
    )
    .orderBy(desc(stages.isActive), asc(stages.position), asc(stages.createdAt), asc(stages.id));
}

/**
 * One stage of the org (active only unless asked). With `forUpdate` the row is
 * locked for the rest of the transaction: moves and creates into a column and
 * the stage's own changes take this lock, so they never interleave.
 */
export async function findStage(
  ex: Executor,
  orgId: string,
  id: string,
  options: { forUpdate?: boolean; includeInactive?: boolean } = {},
): Promise<StageRow | undefined> {
  const where = options.includeInactive
    ? and(eq(stages.orgId, orgId), eq(stages.id, id))
    : and(eq(stages.orgId, orgId), eq(stages.id, id), eq(stages.isActive, true));
  const query = ex.select().from(stages).where(where);
  const [row] = options.forUpdate ? await query.for('no key update') : await query;
  return row;
}

export async function firstActiveStage(ex: Executor, orgId: string): Promise<StageRow | undefined> {
  const [row] = await ex
    .select()
    .from(stages)
    .where(and(eq(stages.orgId, orgId), eq(stages.isActive, true)))
    .orderBy(asc(stages.position), asc(stages.createdAt), asc(stages.id))
    .limit(1);
  return row;
}

export async function insertStage(ex: Executor, row: NewStage): Promise<StageRow> {
  const [created] = await ex.insert(stages).values(row).returning();
  return created!;
}

export async function updateStageRow(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<NewStage>,
): Promise<StageRow> {
  const [row] = await ex
    .update(stages)
    .set({ ...patch, version: sql`${stages.version} + 1`, updatedAt: new Date() })
    .where(and(eq(stages.orgId, orgId), eq(stages.id, id)))
    .returning();
  return row!;
}

/** Makes room at `position`: every active stage at or after it moves one place right. */
export async function shiftActiveFrom(ex: Executor, orgId: string, position: number) {
  await ex
    .update(stages)
    .set({ position: sql`${stages.position} + 1` })
    .where(
      and(
        eq(stages.orgId, orgId),
        eq(stages.isActive, true),
        sql`${stages.position} >= ${position}`,
      ),
    );
}

/** Sets the order of the given stages in one statement: ids[i] gets position i. */
export async function setPositions(ex: Executor, orgId: string, ids: string[]): Promise<void> {
  const rows = sql.join(
    ids.map((id, i) => sql`(${id}::uuid, ${i}::int)`),
    sql`, `,
  );
  await ex.execute(
    sql`update ${stages} set position = v.position, version = ${stages.version} + 1, updated_at = now()
        from (values ${rows}) as v(id, position)
        where ${stages.orgId} = ${orgId} and ${stages.id} = v.id and ${stages.position} <> v.position`,
  );
}

/** Deals (of anyone, not deleted) in the stage. */
export async function countDealsInStage(ex: Executor, orgId: string, stageId: string) {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from ${deals}
        where ${deals.orgId} = ${orgId} and ${deals.stageId} = ${stageId} and ${deals.deletedAt} is null`,
  );
  return row?.n ?? 0;
}

/**
 * Serializes the org's stage deletes until the transaction ends: a
 * transaction-level advisory lock on a key made from the org id, so two
 * deletes cannot each see the other's stage still active and leave none.
 */
export async function lockStageDeletes(ex: Executor, orgId: string): Promise<void> {
  await ex.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stages:${orgId}`}, 0))`);
}
