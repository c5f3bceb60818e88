import { and, eq, gt, sql } from 'drizzle-orm';
import pg from 'pg';
import type { AccessContext } from '../access/context.js';
import { queryRows, type Db, type Executor } from '../db/client.js';
import { loginFailures, sessions, userEmails, type Plan, type Role } from '../db/schema.js';

/** A user row joined with the org's plan and CRM settings, as the SQL names them. */
export type AccessRow = {
  user_id: string;
  org_id: string;
  role: Role;
  partner_id: string | null;
  name: string;
  email: string;
  plan: Plan;
  allow_private_contacts: boolean;
  require_commit_to_partner: boolean;
  require_commit_to_org: boolean;
  partners_can_see_org_contacts: boolean;
  reps_can_commit_upward: boolean;
  reps_can_edit_own_contacts: boolean;
  partners_can_delete_own_contacts: boolean;
  max_contacts: number | null;
};

/**
 * The lookup as a SQL expression, values written in as literals: it travels
 * in front of a read's statement, in the same message (readStatements), to
 * confirm an access context the server remembered (src/auth/access-hints.ts).
 */
export function credentialCheckSql(
  kind: 'session' | 'token',
  orgId: string,
  tokenHash: string,
): string {
  return (
    `access_json(${pg.escapeLiteral(orgId)}::uuid, ` +
    `${pg.escapeLiteral(kind)}, ${pg.escapeLiteral(tokenHash)})`
  );
}

/**
 * The active user behind a session or API-token hash, with the org's plan
 * and CRM settings, as one JSON text (accessFromJson reads it), or null: one
 * round trip, through the scoped lookup function of migration 0015 (under
 * row-level security a lookup needed a transaction of its own). The text is
 * what credentialCheckSql selects, so a hint compares with it as a string.
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

export function accessFromJson(json: string): AccessContext {
  return toAccessContext(JSON.parse(json) as AccessRow);
}

export function toAccessContext(row: AccessRow): AccessContext {
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
    settings: {
      allowPrivateContacts: row.allow_private_contacts,
      requireCommitToPartner: row.require_commit_to_partner,
      requireCommitToOrg: row.require_commit_to_org,
      partnersCanSeeOrgContacts: row.partners_can_see_org_contacts,
      repsCanCommitUpward: row.reps_can_commit_upward,
      repsCanEditOwnContacts: row.reps_can_edit_own_contacts,
      partnersCanDeleteOwnContacts: row.partners_can_delete_own_contacts,
      maxContacts: row.max_contacts,
    },
  };
}

export async function findEmailOwner(ex: Executor, email: string) {
  const [row] = await ex.select().from(userEmails).where(eq(userEmails.email, email.toLowerCase()));
  return row;
}

export async function insertSession(
  ex: Executor,
  session: { orgId: string; tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await ex.insert(sessions).values(session);
}

export async function deleteSession(ex: Executor, orgId: string, tokenHash: string): Promise<void> {
  await ex
    .delete(sessions)
    .where(and(eq(sessions.orgId, orgId), eq(sessions.tokenHash, tokenHash)));
}

export async function countRecentFailures(
  ex: Executor,
  keys: string[],
  since: Date,
): Promise<number> {
  const rows = await ex
    .select({ key: loginFailures.key, n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(and(sql`${loginFailures.key} in ${keys}`, gt(loginFailures.failedAt, since)))
    .groupBy(loginFailures.key);
  return Math.max(0, ...rows.map((r) => r.n));
}

export async function recordFailure(ex: Executor, keys: string[]): Promise<void> {
  await ex.insert(loginFailures).values(keys.map((key) => ({ key })));
  // Keep the table small: forget failures older than a day.
  await ex.delete(loginFailures).where(sql`${loginFailures.failedAt} < now() - interval '1 day'`);
}
