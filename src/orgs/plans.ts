import { sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import type { Executor } from '../db/client.js';
import { queryRows } from '../db/client.js';
import type { Plan } from '../db/schema.js';
import { AppError } from '../shared/errors.js';

export type PlanFeature = 'import' | 'export' | 'custom_fields';

/** DESIGN §6 as data. null = unlimited. */
export const plans = {
  starter: { contacts: 500, deals: 50, features: [] as PlanFeature[] },
  growth: {
    contacts: null,
    deals: null,
    features: ['import', 'export', 'custom_fields'] as PlanFeature[],
  },
  scale: {
    contacts: null,
    deals: null,
    features: ['import', 'export', 'custom_fields'] as PlanFeature[],
  },
} satisfies Record<
  Plan,
  { contacts: number | null; deals: number | null; features: PlanFeature[] }
>;

const featureNames: Record<PlanFeature, string> = {
  import: 'CSV import',
  export: 'CSV export',
  custom_fields: 'Custom fields',
};

export function hasFeature(plan: Plan, feature: PlanFeature): boolean {
  return plans[plan].features.includes(feature);
}

export function assertFeature(ctx: AccessContext, feature: PlanFeature): void {
  if (!hasFeature(ctx.plan, feature)) {
    throw new AppError(
      'plan_feature',
      `${featureNames[feature]} is not included in the ${ctx.plan} plan; the growth plan includes it`,
      {
        extra: { plan: ctx.plan, requiredPlan: 'growth' },
      },
    );
  }
}

/** The effective contact cap: the smaller of the plan's and the `maxContacts` setting. */
export function contactCap(ctx: AccessContext): number | null {
  const planCap = plans[ctx.plan].contacts;
  const settingCap = ctx.settings.maxContacts;
  if (planCap === null) return settingCap;
  if (settingCap === null) return planCap;
  return Math.min(planCap, settingCap);
}

export type Counter = 'contacts' | 'deals';

/**
 * Reserves `n` units of a capped resource in the caller's transaction. The
 * conditional UPDATE takes the org's usage row lock, so two concurrent
 * creates at the cap cannot both pass. Throws 403 plan-limit when full.
 */
export async function reserve(
  ex: Executor,
  ctx: AccessContext,
  counter: Counter,
  n: number,
): Promise<void> {
  const cap = counter === 'contacts' ? contactCap(ctx) : plans[ctx.plan].deals;
  const column = sql.raw(counter);
  const rows = await queryRows<{ used: string }>(
    ex,
    sql`update org_usage set ${column} = ${column} + ${n}
        where org_id = ${ctx.actor.orgId} and (${cap}::bigint is null or ${column} + ${n} <= ${cap}::bigint)
        returning ${column} as used`,
  );
  if (rows.length === 0) {
    const bySetting =
      counter === 'contacts' &&
      ctx.settings.maxContacts !== null &&
      ctx.settings.maxContacts === cap;
    throw new AppError(
      'plan_limit',
      bySetting
        ? `The organization's contact limit (${cap}, the maxContacts setting) is reached`
        : `The ${ctx.plan} plan allows ${cap} ${counter}; the growth plan lifts the limit`,
      { extra: { plan: ctx.plan, limit: cap, requiredPlan: bySetting ? null : 'growth' } },
    );
  }
}

export async function release(
  ex: Executor,
  orgId: string,
  counter: Counter,
  n: number,
): Promise<void> {
  const column = sql.raw(counter);
  await ex.execute(
    sql`update org_usage set ${column} = greatest(${column} - ${n}, 0) where org_id = ${orgId}`,
  );
}
