import { and, eq, gt, sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { withOrg, type Db, type Executor } from '../db/client.js';
import {
  apiTokens,
  crmSettings,
  loginFailures,
  orgs,
  sessions,
  userEmails,
  users,
} from '../db/schema.js';

const accessColumns = {
  userId: users.id,
  orgId: users.orgId,
  role: users.role,
  partnerId: users.partnerId,
  name: users.name,
  email: users.email,
  plan: orgs.plan,
  allowPrivateContacts: crmSettings.allowPrivateContacts,
  requireCommitToPartner: crmSettings.requireCommitToPartner,
  requireCommitToOrg: crmSettings.requireCommitToOrg,
  partnersCanSeeOrgContacts: crmSettings.partnersCanSeeOrgContacts,
  repsCanCommitUpward: crmSettings.repsCanCommitUpward,
  repsCanEditOwnContacts: crmSettings.repsCanEditOwnContacts,
  partnersCanDeleteOwnContacts: crmSettings.partnersCanDeleteOwnContacts,
  maxContacts: crmSettings.maxContacts,
};

type AccessRow = {
  [K in keyof typeof accessColumns]: (typeof accessColumns)[K]['_']['data'] | null;
};

function toAccess(row: AccessRow | undefined): AccessContext | null {
  if (!row) return null;
  const { userId, orgId, role, partnerId, name, email, plan, ...settings } = row;
  return {
    actor: { userId: userId!, orgId: orgId!, role: role!, partnerId, name: name!, email: email! },
    plan: plan!,
    settings: settings as AccessContext['settings'],
  };
}

/** One query: the session's active user with the org's plan and CRM settings. */
export async function loadAccessBySession(
  db: Db,
  orgId: string,
  tokenHash: string,
): Promise<AccessContext | null> {
  return withOrg(db, orgId, async (tx) => {
    const [row] = await tx
      .select(accessColumns)
      .from(sessions)
      .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
      .innerJoin(orgs, eq(orgs.orgId, sessions.orgId))
      .innerJoin(crmSettings, eq(crmSettings.orgId, sessions.orgId))
      .where(
        and(
          eq(sessions.orgId, orgId),
          eq(sessions.tokenHash, tokenHash),
          gt(sessions.expiresAt, sql`now()`),
          eq(users.active, true),
        ),
      );
    return toAccess(row);
  });
}

export async function loadAccessByToken(
  db: Db,
  orgId: string,
  tokenHash: string,
): Promise<AccessContext | null> {
  return withOrg(db, orgId, async (tx) => {
    const [row] = await tx
      .select(accessColumns)
      .from(apiTokens)
      .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
      .innerJoin(orgs, eq(orgs.orgId, apiTokens.orgId))
      .innerJoin(crmSettings, eq(crmSettings.orgId, apiTokens.orgId))
      .where(
        and(eq(apiTokens.orgId, orgId), eq(apiTokens.tokenHash, tokenHash), eq(users.active, true)),
      );
    return toAccess(row);
  });
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
