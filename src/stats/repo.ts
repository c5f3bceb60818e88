import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { activities, contacts, deals, stages, templates, users } from '../db/schema.js';
import { manualActivityTypes } from '../activities/schema.js';
import { defaultStages } from '../stages/defaults.js';

export type SetupCounts = {
  contacts: number;
  deals: number;
  activities: number;
  templates: number;
  users: number;
  stages_customized: boolean;
};

/**
 * The organization's setup at a glance, for its admins' getting-started
 * checklist. Each count stops at 1 (an exists test): the checklist asks
 * "any?", and a million contacts must not be counted to answer it.
 */
export async function setupCounts(ex: Executor, orgId: string): Promise<SetupCounts> {
  const any = (table: SQL, where: SQL) =>
    sql`(select count(*) from (select 1 from ${table} where ${where} limit 1) x)::int`;
  const [row] = await queryRows<SetupCounts>(
    ex,
    sql`select
          ${any(sql`${contacts}`, sql`${contacts.orgId} = ${orgId} and ${contacts.deletedAt} is null`)} as contacts,
          ${any(sql`${deals}`, sql`${deals.orgId} = ${orgId} and ${deals.deletedAt} is null`)} as deals,
          ${any(
            sql`${activities}`,
            sql`${activities.orgId} = ${orgId} and ${activities.type} in (${sql.join(
              manualActivityTypes.map((t) => sql`${t}`),
              sql`, `,
            )})`,
          )} as activities,
          ${any(sql`${templates}`, sql`${templates.orgId} = ${orgId} and ${templates.deletedAt} is null`)} as templates,
          (select count(*) from ${users} where ${users.orgId} = ${orgId} and ${users.active})::int as users,
          (select count(*) <> ${defaultStages.length}
                  or bool_or(${stages.version} > 1 or not ${stages.isActive})
             from ${stages} where ${stages.orgId} = ${orgId}) as stages_customized`,
  );
  return row!;
}
