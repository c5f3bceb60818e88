import { and, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { AccessContext, Actor, CrmSettings } from '../access/context.js';
import { queryRows, type Db, type Executor } from '../db/client.js';
import { crmSettings, passwordResets, sessions, type Plan } from '../db/schema.js';

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

/** Who has an e-mail, installation-wide (user_email_owner, migration 0022). */
export async function findEmailOwner(
  ex: Executor,
  email: string,
): Promise<{ orgId: string; userId: string } | undefined> {
  const [row] = await queryRows<{ org_id: string; user_id: string }>(
    ex,
    sql`select org_id, user_id from user_email_owner(${email})`,
  );
  return row ? { orgId: row.org_id, userId: row.user_id } : undefined;
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

/**
 * Reserves one try under every key (login_attempt_reserve, migration 0022):
 * answers 0 when reserved, else the seconds to wait.
 */
export async function reserveAttempt(db: Db, attemptId: string, keys: string[]): Promise<number> {
  const [row] = await queryRows<{ wait: number }>(
    db,
    sql`select login_attempt_reserve(${attemptId}::uuid, array[${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]) as wait`,
  );
  return row!.wait;
}

export async function attemptSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.execute(sql`select login_attempt_succeeded(${attemptId}::uuid)`);
}

export async function insertPasswordReset(
  ex: Executor,
  reset: typeof passwordResets.$inferInsert,
): Promise<void> {
  await ex.insert(passwordResets).values(reset);
}

/** Forgets a user's open resets (a new one replaces them; a used one ends them all). */
export async function deletePasswordResets(
  ex: Executor,
  orgId: string,
  userId: string,
): Promise<void> {
  await ex
    .delete(passwordResets)
    .where(and(eq(passwordResets.orgId, orgId), eq(passwordResets.userId, userId)));
}

/** Uses up an unexpired reset: deletes it and answers its user, or undefined. */
export async function takePasswordReset(
  ex: Executor,
  orgId: string,
  tokenHash: string,
): Promise<string | undefined> {
  const [row] = await ex
    .delete(passwordResets)
    .where(
      and(
        eq(passwordResets.orgId, orgId),
        eq(passwordResets.tokenHash, tokenHash),
        gt(passwordResets.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: passwordResets.userId });
  return row?.userId;
}
