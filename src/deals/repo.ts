import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { ownerNameSql } from '../access/owners.js';
import { readableWhere, visibleWhere } from '../access/visibility.js';
import { likePattern } from '../contacts/repo.js';
import { queryRows, type Executor } from '../db/client.js';
import { contacts, deals, stages } from '../db/schema.js';
import type { DealFilters } from './schema.js';

export type DealRow = typeof deals.$inferSelect;
export type NewDeal = typeof deals.$inferInsert;

/** A deal with what its card and its status need: the stage and (if readable) the contact's name. */
export type DealRecord = DealRow & {
  stageName: string;
  stageIsWon: boolean;
  stageIsLost: boolean;
  stageProbability: number;
  contactName: string | null;
  /** The owner's name as the viewer may see it (access/owners). */
  ownerName: string | null;
};

/** Board order spacing: new keys are this far apart, and a rebalance restores it. */
export const positionStep = 1024;

/** The deals of the org the viewer may read, not deleted: the base of every deal read. */
export function readableDeals(ctx: AccessContext): SQL {
  return readableWhere(ctx, deals);
}

const recordColumns = (ctx: AccessContext) => ({
  deal: deals,
  ownerName: ownerNameSql(ctx, deals),
  stageName: stages.name,
  stageIsWon: stages.isWon,
  stageIsLost: stages.isLost,
  stageProbability: stages.probability,
  contactFirstName: contacts.firstName,
  contactLastName: contacts.lastName,
});

/** Deals joined to their stage, and to their contact only when the viewer may read it. */
function selectRecords(ex: Executor, ctx: AccessContext) {
  return ex
    .select(recordColumns(ctx))
    .from(deals)
    .innerJoin(stages, and(eq(stages.orgId, deals.orgId), eq(stages.id, deals.stageId)))
    .leftJoin(
      contacts,
      and(
        eq(contacts.orgId, deals.orgId),
        eq(contacts.id, deals.contactId),
        isNull(contacts.deletedAt),
        visibleWhere(ctx, contacts),
      ),
    );
}

type SelectedRecord = Awaited<ReturnType<ReturnType<typeof selectRecords>['execute']>>[number];

function toRecord(r: SelectedRecord): DealRecord {
  return {
    ...r.deal,
    stageName: r.stageName,
    stageIsWon: r.stageIsWon,
    stageIsLost: r.stageIsLost,
    stageProbability: r.stageProbability,
    ownerName: r.ownerName,
    contactName:
      r.contactFirstName === null
        ? null
        : `${r.contactFirstName} ${r.contactLastName ?? ''}`.trim(),
  };
}

/** A deal the viewer can read; with `forUpdate`, the deal row is locked for the transaction. */
export async function findReadableDeal(
  ex: Executor,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<DealRecord | undefined> {
  const query = selectRecords(ex, ctx).where(and(readableDeals(ctx), eq(deals.id, id)));
  const [row] = options.forUpdate ? await query.for('update', { of: deals }) : await query;
  return row ? toRecord(row) : undefined;
}

/** A readable deal of the given stage (a move's anchor), with its board key. */
export async function findReadableInStage(
  ex: Executor,
  ctx: AccessContext,
  id: string,
  stageId: string,
): Promise<{ id: string; position: number } | undefined> {
  const [row] = await ex
    .select({ id: deals.id, position: deals.position })
    .from(deals)
    .where(and(readableDeals(ctx), eq(deals.id, id), eq(deals.stageId, stageId)));
  return row;
}

export async function insertDeal(ex: Executor, row: NewDeal): Promise<DealRow> {
  const [created] = await ex.insert(deals).values(row).returning();
  return created!;
}

/** A change the user makes: bumps version and updated_at. */
export async function updateDealRow(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<NewDeal>,
): Promise<void> {
  await ex
    .update(deals)
    .set({ ...patch, version: sql`${deals.version} + 1`, updatedAt: new Date() })
    .where(and(eq(deals.orgId, orgId), eq(deals.id, id)));
}

/** Reordering inside a column: only the board key changes, so nobody's edit turns stale. */
export async function setDealPosition(ex: Executor, orgId: string, id: string, position: number) {
  await ex
    .update(deals)
    .set({ position })
    .where(and(eq(deals.orgId, orgId), eq(deals.id, id)));
}

const inColumn = (orgId: string, stageId: string, excludeId: string | undefined) =>
  and(
    eq(deals.orgId, orgId),
    eq(deals.stageId, stageId),
    isNull(deals.deletedAt),
    excludeId ? sql`${deals.id} <> ${excludeId}` : undefined,
  );

/** The last board key of a column (every deal, readable or not), or null when empty. */
export async function lastPosition(
  ex: Executor,
  orgId: string,
  stageId: string,
  excludeId?: string,
): Promise<number | null> {
  const [row] = await ex
    .select({ position: deals.position })
    .from(deals)
    .where(inColumn(orgId, stageId, excludeId))
    .orderBy(desc(deals.position), desc(deals.id))
    .limit(1);
  return row?.position ?? null;
}

/** The key of the deal right before or after `anchor` in the column, or null at the edge. */
export async function neighbourPosition(
  ex: Executor,
  orgId: string,
  stageId: string,
  anchor: { id: string; position: number },
  side: 'before' | 'after',
  excludeId: string,
): Promise<number | null> {
  const key = sql`(${deals.position}, ${deals.id})`;
  const at = sql`(${anchor.position}::float8, ${anchor.id}::uuid)`;
  const [row] = await ex
    .select({ position: deals.position })
    .from(deals)
    .where(
      and(
        inColumn(orgId, stageId, excludeId),
        side === 'after' ? sql`${key} > ${at}` : sql`${key} < ${at}`,
      ),
    )
    .orderBy(
      ...(side === 'after'
        ? [asc(deals.position), asc(deals.id)]
        : [desc(deals.position), desc(deals.id)]),
    )
    .limit(1);
  return row?.position ?? null;
}

/**
 * Spreads a column's keys evenly again (1×step, 2×step, …) in its current
 * order, in one statement. Runs only when two neighbours' keys got too close.
 */
export async function rebalanceColumn(
  ex: Executor,
  orgId: string,
  stageId: string,
  excludeId: string,
): Promise<void> {
  await ex.execute(
    sql`update ${deals} set position = v.rn * ${positionStep}::float8
        from (select id, row_number() over (order by position, id) as rn
              from ${deals} where ${inColumn(orgId, stageId, excludeId)}) as v
        where ${deals.orgId} = ${orgId} and ${deals.id} = v.id`,
  );
}

export function dealFilterWhere(ctx: AccessContext, f: DealFilters): SQL {
  const where: SQL[] = [readableDeals(ctx)];
  if (f.stageId) where.push(eq(deals.stageId, f.stageId));
  if (f.contactId) where.push(eq(deals.contactId, f.contactId));
  if (f.ownerId) where.push(eq(deals.ownerId, f.ownerId));
  if (f.status === 'won') where.push(eq(stages.isWon, true));
  if (f.status === 'lost') where.push(eq(stages.isLost, true));
  if (f.status === 'open') where.push(and(eq(stages.isWon, false), eq(stages.isLost, false))!);
  // kantivo_lower, not lower: its trigram index stays usable under RLS (migration 0024).
  if (f.q) where.push(sql`kantivo_lower(${deals.title}) like ${likePattern(f.q)} escape '\\'`);
  return and(...where)!;
}

/** Board order inside a stage, or newest first across stages. */
export type DealOrder = 'board' | 'created';

/** One page in keyset order; `after` is the previous page's last [key, id]. */
export async function listDealPage(
  ex: Executor,
  ctx: AccessContext,
  where: SQL,
  order: DealOrder,
  after: readonly [number | string, string] | undefined,
  limit: number,
): Promise<DealRecord[]> {
  const conditions = [where];
  if (after && order === 'board') {
    conditions.push(
      sql`(${deals.position}, ${deals.id}) > (${after[0]}::float8, ${after[1]}::uuid)`,
    );
  }
  if (after && order === 'created') {
    conditions.push(
      sql`(${deals.createdAt}, ${deals.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
    );
  }
  const rows = await selectRecords(ex, ctx)
    .where(and(...conditions))
    .orderBy(
      ...(order === 'board'
        ? [asc(deals.position), asc(deals.id)]
        : [desc(deals.createdAt), desc(deals.id)]),
    )
    .limit(limit + 1);
  return rows.map(toRecord);
}

export type StageTotals = {
  stage_id: string;
  name: string;
  /** Readable deals in the stage, every currency. */
  count: number;
  /** Readable deals in the stage in the asked currency, and their summed amount (numeric text). */
  count_in_currency: number;
  value: string;
};

/** Per active stage, in pipeline order: counts and summed amounts of readable deals. */
export async function stageTotals(
  ex: Executor,
  ctx: AccessContext,
  currency: string,
): Promise<StageTotals[]> {
  return queryRows<StageTotals>(
    ex,
    sql`select ${stages.id} as stage_id, ${stages.name} as name,
          count(${deals.id})::int as count,
          count(${deals.id}) filter (where ${deals.currency} = ${currency})::int as count_in_currency,
          coalesce(sum(${deals.amount}) filter (where ${deals.currency} = ${currency}), 0)::text as value
        from ${stages}
        left join ${deals} on ${deals.orgId} = ${stages.orgId} and ${deals.stageId} = ${stages.id}
          and ${readableDeals(ctx)}
        where ${stages.orgId} = ${ctx.actor.orgId} and ${stages.isActive}
        group by ${stages.id}, ${stages.name}, ${stages.position}, ${stages.createdAt}
        order by ${stages.position}, ${stages.createdAt}, ${stages.id}`,
  );
}

export type DealTotals = {
  open_count: number;
  pipeline_value: string;
  weighted_value: string;
  won_count: number;
  lost_count: number;
  won_value: string;
  avg_won: string | null;
};

/** The pipeline's money in one pass, summed in numeric so no cent is lost. */
export async function dealTotals(
  ex: Executor,
  ctx: AccessContext,
  currency: string,
): Promise<DealTotals> {
  const open = sql`not ${stages.isWon} and not ${stages.isLost}`;
  const [row] = await queryRows<DealTotals>(
    ex,
    sql`select
          count(*) filter (where ${open})::int as open_count,
          coalesce(sum(${deals.amount}) filter (where ${open}), 0)::text as pipeline_value,
          round(coalesce(sum(${deals.amount} * ${deals.probability}) filter (where ${open}), 0) / 100, 2)::text
            as weighted_value,
          count(*) filter (where ${stages.isWon})::int as won_count,
          count(*) filter (where ${stages.isLost})::int as lost_count,
          coalesce(sum(${deals.amount}) filter (where ${stages.isWon}), 0)::text as won_value,
          round(avg(${deals.amount}) filter (where ${stages.isWon}), 2)::text as avg_won
        from ${deals}
        join ${stages} on ${stages.orgId} = ${deals.orgId} and ${stages.id} = ${deals.stageId}
        where ${readableDeals(ctx)} and ${deals.currency} = ${currency}`,
  );
  return row!;
}
