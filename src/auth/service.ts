import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { effectivePermissions } from '../access/permissions.js';
import { withOrg, type Db, type Tx } from '../db/client.js';
import { apiTokens, type Plan } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { findOrg, insertOrg } from '../orgs/repo.js';
import { findUser, insertUser } from '../users/repo.js';
import { toUserDto } from '../users/service.js';
import {
  dummyPasswordHash,
  hashPassword,
  makeBearer,
  newSecret,
  parseBearer,
  sha256,
  verifyPassword,
} from './crypto.js';
import * as repo from './repo.js';
import type { SignupInput } from './schema.js';
import { assertRoomFor } from '../orgs/caps.js';

const sessionDays = 14;
export const loginWindowMs = 15 * 60 * 1000;
export const maxLoginFailures = 10;

async function startSession(tx: Tx, orgId: string, userId: string): Promise<string> {
  const secret = newSecret();
  await repo.insertSession(tx, {
    orgId,
    tokenHash: sha256(secret),
    userId,
    expiresAt: new Date(Date.now() + sessionDays * 86_400_000),
  });
  return makeBearer('ks', orgId, secret);
}

async function sessionResult(tx: Tx, orgId: string, userId: string) {
  const user = await findUser(tx, orgId, userId);
  const found = await findOrg(tx, orgId);
  return {
    user: toUserDto(user!),
    org: { id: orgId, name: found!.org.name, plan: found!.org.plan },
    cookie: await startSession(tx, orgId, userId),
  };
}

/** A new organization with its owner, signed in. */
export async function signup(db: Db, input: SignupInput, defaultPlan: Plan = 'starter') {
  const orgId = uuidv7();
  const userId = uuidv7();
  const passwordHash = await hashPassword(input.password);
  return withOrg(db, orgId, async (tx) => {
    await insertOrg(tx, { orgId, name: input.orgName, plan: input.plan ?? defaultPlan });
    await insertUser(tx, {
      orgId,
      id: userId,
      name: input.name,
      email: input.email,
      passwordHash,
      role: 'owner',
    });
    return sessionResult(tx, orgId, userId);
  });
}

/**
 * Signs in by e-mail and password. Unknown e-mail and wrong password answer
 * the same 401 after the same work; 10 failures per e-mail or address within
 * 15 minutes answer 429 until the window passes.
 */
export async function login(db: Db, input: { email: string; password: string }, address: string) {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, `ip:${address}`];
  const since = new Date(Date.now() - loginWindowMs);
  if ((await repo.countRecentFailures(db, keys, since)) >= maxLoginFailures) {
    throw new AppError('rate_limited', 'Too many failed sign-ins; try again in 15 minutes', {
      extra: { retryAfter: loginWindowMs / 1000 },
    });
  }
  const owner = await repo.findEmailOwner(db, email);
  const user = owner
    ? await withOrg(db, owner.orgId, (tx) => findUser(tx, owner.orgId, owner.userId))
    : undefined;
  const ok = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await dummyPasswordHash()),
  );
  if (!user || !ok || !user.active) {
    await repo.recordFailure(db, keys);
    throw new AppError('unauthenticated', 'E-mail or password is wrong');
  }
  return withOrg(db, user.orgId, (tx) => sessionResult(tx, user.orgId, user.id));
}

export async function logout(db: Db, cookie: string | undefined): Promise<void> {
  const parsed = cookie ? parseBearer('ks', cookie) : null;
  if (!parsed) return;
  await withOrg(db, parsed.orgId, (tx) =>
    repo.deleteSession(tx, parsed.orgId, sha256(parsed.secret)),
  );
}

export async function me(tx: Tx, ctx: AccessContext) {
  const found = await findOrg(tx, ctx.actor.orgId);
  const { actor } = ctx;
  return {
    user: {
      id: actor.userId,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      partnerId: actor.partnerId,
    },
    org: { id: actor.orgId, name: found!.org.name, plan: ctx.plan },
    permissions: effectivePermissions(ctx),
  };
}

export async function createToken(tx: Tx, ctx: AccessContext, name: string) {
  await assertRoomFor(tx, 'tokensPerUser', ctx.actor.orgId, ctx.actor.userId);
  const secret = newSecret();
  const id = uuidv7();
  await tx.insert(apiTokens).values({
    orgId: ctx.actor.orgId,
    id,
    userId: ctx.actor.userId,
    name,
    tokenHash: sha256(secret),
  });
  return { id, name, token: makeBearer('kt', ctx.actor.orgId, secret) };
}

/** A user's own tokens (never their secrets). */
export async function listTokens(tx: Tx, ctx: AccessContext) {
  const rows = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgId, ctx.actor.orgId), eq(apiTokens.userId, ctx.actor.userId)))
    .orderBy(asc(apiTokens.createdAt));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function deleteToken(tx: Tx, ctx: AccessContext, id: string): Promise<void> {
  const deleted = await tx
    .delete(apiTokens)
    .where(
      and(
        eq(apiTokens.orgId, ctx.actor.orgId),
        eq(apiTokens.userId, ctx.actor.userId),
        eq(apiTokens.id, id),
      ),
    )
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw notFound('API token');
}
