import { getTableColumns, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { crmSettings, type Plan } from '../db/schema.js';
import type { AccessContext, Actor, CrmSettings } from './context.js';

/**
 * The active user behind a session or API-token hash, with the org's plan
 * and CRM settings, as JSON text (accessFromJson reads it), or null: one
 * statement, through the scoped lookup function of migrations 0015 and
 * 0020 (under row-level security a lookup would need a transaction of its
 * own).
 */
export async function checkCredential(
  db: Db,
  kind: 'session' | 'token',
  orgId: string,
  tokenHash: string,
): Promise<string | null> {
  const [row] = await queryRows<{ json: string | null }>(
    db,
    sql`select access_json(${orgId}::uuid, ${kind}, ${tokenHash}) as json`,
  );
  return row?.json ?? null;
}

/** What access_of_user (migration 0020) returns: the user, the plan, the settings row by column. */
type AccessJson = {
  user_id: string;
  org_id: string;
  role: Actor['role'];
  partner_id: string | null;
  name: string;
  email: string;
  plan: Plan;
  settings: Record<string, unknown>;
};

/** The settings' API names by column, from the table itself: a new setting is a new column. */
const settingColumns = Object.entries(getTableColumns(crmSettings)).filter(
  ([key]) => key !== 'orgId' && key !== 'version' && key !== 'updatedAt',
);

export function accessFromJson(json: string): AccessContext {
  const row = JSON.parse(json) as AccessJson;
  return {
    actor: {
      userId: row.user_id,
      orgId: row.org_id,
      role: row.role,
      partnerId: row.partner_id,
      name: row.name,
      email: row.email,
    },
    plan: row.plan,
    settings: Object.fromEntries(
      settingColumns.map(([key, column]) => [key, row.settings[column.name]]),
    ) as CrmSettings,
  };
}

/**
 * The access context of user `userId` of `orgId`, for work done later on
 * their behalf (a background job): the same lookup as a request's, inside
 * the caller's transaction for that org. A user no longer active is refused
 * (403): the work is not done as them.
 */
export async function accessForUser(tx: Tx, orgId: string, userId: string): Promise<AccessContext> {
  const [row] = await queryRows<{ json: string | null }>(
    tx,
    sql`select access_of_org_user(${userId}::uuid) as json`,
  );
  const ctx = row?.json ? accessFromJson(row.json) : undefined;
  if (!ctx || ctx.actor.orgId !== orgId) {
    throw new AppError('forbidden', 'The user who started it is no longer active');
  }
  return ctx;
}
