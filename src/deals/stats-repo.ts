import { sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { queryRows, type Executor } from '../db/client.js';
import { deals, stages } from '../db/schema.js';
import { readableDeals } from './repo.js';

/** How many calendar months (UTC, the current one included) the win-rate trend covers. */
export const trendMonths = 12;

export type StageStats = {
  stage_id: string;
  name: string;
  color: string;
  is_won: boolean;
  is_lost: boolean;
  count: number;
  value: string;
  weighted: string;
};

/**
 * Per active stage, in board order: the readable deals in `currency`, their
 * value and their probability-weighted value (what the stats charts draw).
 */
export async function stageStats(
  ex: Executor,
  ctx: AccessContext,
  currency: string,
): Promise<StageStats[]> {
  return queryRows<StageStats>(
    ex,
    sql`select ${stages.id} as stage_id, ${stages.name} as name, ${stages.color} as color,
          ${stages.isWon} as is_won, ${stages.isLost} as is_lost,
          count(${deals.id})::int as count,
          coalesce(sum(${deals.amount}), 0)::text as value,
          round(coalesce(sum(${deals.amount} * ${deals.probability}), 0) / 100, 2)::text as weighted
        from ${stages}
        left join ${deals} on ${deals.orgId} = ${stages.orgId} and ${deals.stageId} = ${stages.id}
          and ${deals.currency} = ${currency} and ${readableDeals(ctx)}
        where ${stages.orgId} = ${ctx.actor.orgId} and ${stages.isActive}
        group by ${stages.id}, ${stages.name}, ${stages.color}, ${stages.isWon}, ${stages.isLost},
          ${stages.position}, ${stages.createdAt}
        order by ${stages.position}, ${stages.createdAt}, ${stages.id}`,
  );
}

export type MonthOutcome = { month: string; won: number; lost: number; won_value: string };

/**
 * Deals won and lost per calendar month (UTC) over the last `trendMonths`
 * months, oldest first, months without outcomes included. A deal counts in
 * the month of its wonAt/lostAt while it sits in a won/lost stage, so a
 * reopened deal leaves the trend as it leaves the win rate.
 */
export async function monthlyOutcomes(
  ex: Executor,
  ctx: AccessContext,
  currency: string,
): Promise<MonthOutcome[]> {
  return queryRows<MonthOutcome>(
    ex,
    sql`with months as (
          select generate_series(
            date_trunc('month', now() at time zone 'UTC') - make_interval(months => ${trendMonths - 1}),
            date_trunc('month', now() at time zone 'UTC'),
            interval '1 month'
          ) as start
        ),
        outcomes as (
          select date_trunc('month', case when ${stages.isWon} then ${deals.wonAt} else ${deals.lostAt} end
                   at time zone 'UTC') as start,
                 ${stages.isWon} as won, ${deals.amount} as amount
          from ${deals}
          join ${stages} on ${stages.orgId} = ${deals.orgId} and ${stages.id} = ${deals.stageId}
          where ${readableDeals(ctx)} and ${deals.currency} = ${currency}
            and ((${stages.isWon} and ${deals.wonAt} is not null)
              or (${stages.isLost} and ${deals.lostAt} is not null))
            and case when ${stages.isWon} then ${deals.wonAt} else ${deals.lostAt} end
              >= (date_trunc('month', now() at time zone 'UTC') - make_interval(months => ${trendMonths - 1}))
                   at time zone 'UTC'
        )
        select to_char(m.start, 'YYYY-MM') as month,
               count(o.won) filter (where o.won)::int as won,
               count(o.won) filter (where not o.won)::int as lost,
               coalesce(sum(o.amount) filter (where o.won), 0)::text as won_value
        from months m
        left join outcomes o on o.start = m.start
        group by m.start
        order by m.start`,
  );
}
