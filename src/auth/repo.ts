import { and, eq, gt, sql } from 'drizzle-orm';
import { queryRows, type Db, type Executor } from '../db/client.js';
import { passwordResets, sessions } from '../db/schema.js';

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
