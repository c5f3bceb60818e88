import { and, eq } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import type { Tx } from '../db/client.js';
import { deals } from '../db/schema.js';
import { listStages } from '../stages/repo.js';
import * as repo from './repo.js';
import { monthlyOutcomes, stageStats } from './stats-repo.js';
import type { DealStatsDto, PipelineDto } from './schema.js';
import { pageOf } from './service.js';

/**
 * The kanban board: the active stages in order, each with the count and summed
 * value of the deals the caller can read and the first page of its column in
 * board order (the rest through GET /deals?stageId=…&cursor=…). One indexed
 * page per column, whatever the column's size.
 */
export async function pipeline(
  tx: Tx,
  ctx: AccessContext,
  query: { limitPerStage: number; currency: string },
): Promise<PipelineDto> {
  const stages = await listStages(tx, ctx.actor.orgId);
  const totals = new Map(
    (await repo.stageTotals(tx, ctx, query.currency)).map((t) => [t.stage_id, t]),
  );
  const columns: PipelineDto['stages'] = [];
  for (const stage of stages) {
    const rows = await repo.listDealPage(
      tx,
      ctx,
      and(repo.readableDeals(ctx), eq(deals.stageId, stage.id))!,
      'board',
      undefined,
      query.limitPerStage,
    );
    const page = pageOf(ctx, rows, 'board', query.limitPerStage);
    const total = totals.get(stage.id);
    columns.push({
      id: stage.id,
      name: stage.name,
      slug: stage.slug,
      color: stage.color,
      position: stage.position,
      probability: stage.probability,
      isWon: stage.isWon,
      isLost: stage.isLost,
      count: total?.count ?? 0,
      value: Number(total?.value ?? 0),
      deals: page.data,
      nextCursor: page.nextCursor,
    });
  }
  return { currency: query.currency, stages: columns };
}

/**
 * GET /deals/stats over the deals the caller can read in one currency, summed
 * in SQL numeric and turned into JSON numbers only here.
 */
export async function dealStats(
  tx: Tx,
  ctx: AccessContext,
  currency: string,
): Promise<DealStatsDto> {
  const t = await repo.dealTotals(tx, ctx, currency);
  const byStage = await stageStats(tx, ctx, currency);
  const byMonth = await monthlyOutcomes(tx, ctx, currency);
  const closed = t.won_count + t.lost_count;
  return {
    currency,
    openCount: t.open_count,
    pipelineValue: Number(t.pipeline_value),
    weightedValue: Number(t.weighted_value),
    wonCount: t.won_count,
    lostCount: t.lost_count,
    wonValue: Number(t.won_value),
    winRate: closed === 0 ? null : t.won_count / closed,
    avgDealSize: t.avg_won === null ? null : Number(t.avg_won),
    byStage: byStage.map((s) => ({
      stageId: s.stage_id,
      name: s.name,
      color: s.color,
      isWon: s.is_won,
      isLost: s.is_lost,
      count: s.count,
      value: Number(s.value),
      weightedValue: Number(s.weighted),
    })),
    byMonth: byMonth.map((m) => ({
      month: m.month,
      wonCount: m.won,
      lostCount: m.lost,
      wonValue: Number(m.won_value),
      winRate: m.won + m.lost === 0 ? null : m.won / (m.won + m.lost),
    })),
  };
}
