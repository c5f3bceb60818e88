import { and, asc, eq, ne } from 'drizzle-orm';
import { savepoint, type Executor } from '../db/client.js';
import { sql } from 'drizzle-orm';
import { apiTokens, sessions, users } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError } from '../shared/errors.js';

export type UserRow = typeof users.$inferSelect;

/** Inserts a user and claims its e-mail installation-wide (409 when taken). */
export async function insertUser(ex: Executor, user: typeof users.$inferInsert): Promise<UserRow> {
  await claimEmail(ex, user.email, user.id);
  const [row] = await ex.insert(users).values(user).returning();
  return row!;
}

/** Claims an e-mail for a user of the transaction's org (claim_user_email, migration 0022). */
export async function claimEmail(ex: Executor, email: string, userId: string) {
  try {
    // A savepoint, so a taken e-mail leaves the surrounding transaction usable.
    await savepoint(ex, () => ex.execute(sql`select claim_user_email(${email}, ${userId}::uuid)`));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That e-mail is already in use');
    throw error;
  }
}

export async function releaseEmail(ex: Executor, email: string): Promise<void> {
  await ex.execute(sql`select release_user_email(${email})`);
}

export async function findUser(
  ex: Executor,
  orgId: string,
  id: string,
): Promise<UserRow | undefined> {
  const [row] = await ex
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row;
}

export async function listUsers(ex: Executor, orgId: string): Promise<UserRow[]> {
  return ex
    .select()
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.createdAt), asc(users.id));
}

export async function updateUserRow(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<typeof users.$inferInsert>,
): Promise<UserRow | undefined> {
  const [row] = await ex
    .update(users)
    .set(patch)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)))
    .returning();
  return row;
}

/**
 * Ends every session and API token of a user at once (deactivation, a
 * password reset), except `keep`: the credential of a request that changes
 * its own password.
 */
export async function revokeAllCredentials(
  ex: Executor,
  orgId: string,
  userId: string,
  keep?: { kind: 'session' | 'token'; hash: string },
): Promise<void> {
  await ex
    .delete(sessions)
    .where(
      and(
        eq(sessions.orgId, orgId),
        eq(sessions.userId, userId),
        keep?.kind === 'session' ? ne(sessions.tokenHash, keep.hash) : undefined,
      ),
    );
  await ex
    .delete(apiTokens)
    .where(
      and(
        eq(apiTokens.orgId, orgId),
        eq(apiTokens.userId, userId),
        keep?.kind === 'token' ? ne(apiTokens.tokenHash, keep.hash) : undefined,
      ),
    );
}
