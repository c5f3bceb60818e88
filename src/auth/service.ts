import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext, CrmSettings } from '../access/context.js';
import { assertOrgAdmin, conditionsOf, effectivePermissions } from '../access/permissions.js';
import { withOrg, type Db, type Tx } from '../db/client.js';
import { apiTokens, type Plan } from '../db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../shared/errors.js';
import { findOrg, insertOrg } from '../orgs/repo.js';
import { plans } from '../orgs/plans.js';
import {
  claimEmail,
  findUser,
  insertUser,
  releaseEmail,
  revokeAllCredentials,
  updateUserRow,
} from '../users/repo.js';
import { toUserDto } from '../users/service.js';
import {
  dummyPasswordHash,
  hashPassword,
  makeBearer,
  newSecret,
  parseBearer,
  readDevice,
  sha256,
  signDevice,
  verifyPassword,
} from './crypto.js';
import * as repo from './repo.js';
import type { SignupInput } from './schema.js';
import type { Credential } from '../access/caller.js';
import { assertRoomFor } from '../orgs/caps.js';

const sessionDays = 14;
const resetHours = 24;

/**
 * Runs one guarded try (a login, a reset, a current-password check) under
 * the throttle for `keys`: the try is reserved in the database before it
 * runs (so parallel tries count), stays a failure unless it answers
 * non-null, and is refused with 429 while a key backs off (migration 0022).
 */
export async function throttled<T>(
  db: Db,
  keys: string[],
  attempt: () => Promise<T | null>,
): Promise<T | null> {
  const attemptId = uuidv7();
  const wait = await repo.reserveAttempt(db, attemptId, keys);
  if (wait > 0) {
    throw new AppError('rate_limited', `Too many failed attempts; try again in ${wait} s`, {
      extra: { retryAfter: wait },
    });
  }
  const result = await attempt();
  if (result !== null) await repo.attemptSucceeded(db, attemptId);
  return result;
}

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
 * the same 401 after the same work. Failures back off per e-mail and per
 * address, but a known device (its signed cookie, `device`) is throttled on
 * its own key, so a stranger's failures cannot keep the user out. Answers
 * the device cookie to set (the known one, or a new one).
 */
export async function login(
  db: Db,
  input: { email: string; password: string },
  from: { address: string; device: string | undefined; secret: string },
) {
  const email = input.email.trim().toLowerCase();
  const owner = await repo.findEmailOwner(db, email);
  const seen = from.device ? readDevice(from.secret, from.device) : null;
  const device = seen && owner && seen.userId === owner.userId ? seen : null;
  const keys = device
    ? [`device:${device.userId}:${device.deviceId}`]
    : [`email:${email}`, `ip:${from.address}`];
  const user = await throttled(db, keys, async () => {
    const found = owner
      ? await withOrg(db, owner.orgId, (tx) => findUser(tx, owner.orgId, owner.userId))
      : undefined;
    const ok = await verifyPassword(
      input.password,
      found?.passwordHash ?? (await dummyPasswordHash()),
    );
    return found && ok && found.active ? found : null;
  });
  if (!user) throw new AppError('unauthenticated', 'E-mail or password is wrong');
  const session = await withOrg(db, user.orgId, (tx) => sessionResult(tx, user.orgId, user.id));
  const deviceId = device?.deviceId ?? newSecret().slice(0, 22);
  return { ...session, device: signDevice(from.secret, user.id, deviceId) };
}

export async function logout(db: Db, cookie: string | undefined): Promise<void> {
  const parsed = cookie ? parseBearer('ks', cookie) : null;
  if (!parsed) return;
  await withOrg(db, parsed.orgId, (tx) =>
    repo.deleteSession(tx, parsed.orgId, sha256(parsed.secret)),
  );
}

/** The settings /me reports: the switches, not the contact cap or the phone country. */
function meSettings({
  maxContacts: _cap,
  defaultPhoneCountry: _country,
  ...switches
}: CrmSettings) {
  return switches;
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
    conditions: conditionsOf(ctx),
    settings: meSettings(ctx.settings),
    features: plans[ctx.plan].features,
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

/**
 * An org admin starts a password reset for another user: a single-use token,
 * valid 24 hours, stored hashed, shown once. Nobody resets the owner or
 * themself (POST /me/password); only the owner resets an admin.
 */
export async function startPasswordReset(tx: Tx, ctx: AccessContext, userId: string) {
  assertOrgAdmin(ctx);
  const orgId = ctx.actor.orgId;
  const target = await findUser(tx, orgId, userId);
  if (!target) throw notFound('User');
  if (target.id === ctx.actor.userId) {
    throw forbidden('Change your own password with POST /me/password');
  }
  if (target.role === 'owner') throw forbidden("Nobody can reset the owner's password");
  if (target.role === 'admin' && ctx.actor.role !== 'owner') {
    throw forbidden("Only the owner can reset an admin's password");
  }
  await repo.deletePasswordResets(tx, orgId, userId);
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + resetHours * 3_600_000);
  await repo.insertPasswordReset(tx, {
    orgId,
    tokenHash: sha256(secret),
    userId,
    createdBy: ctx.actor.userId,
    expiresAt,
  });
  return { token: makeBearer('kr', orgId, secret), expiresAt: expiresAt.toISOString() };
}

async function setPassword(tx: Tx, orgId: string, userId: string, passwordHash: string) {
  const user = await findUser(tx, orgId, userId);
  await updateUserRow(tx, orgId, userId, {
    passwordHash,
    version: user!.version + 1,
    updatedAt: new Date(),
  });
}

/**
 * Sets a new password with a reset token (no sign-in needed): uses the
 * token up and ends every session and API token of the user. Throttled per
 * address like login.
 */
export async function completePasswordReset(
  db: Db,
  input: { token: string; password: string },
  address: string,
): Promise<void> {
  const parsed = parseBearer('kr', input.token.trim());
  const done = await throttled(db, [`ip:${address}`], async () => {
    if (!parsed) return null;
    const passwordHash = await hashPassword(input.password);
    return withOrg(db, parsed.orgId, async (tx) => {
      const userId = await repo.takePasswordReset(tx, parsed.orgId, sha256(parsed.secret));
      if (!userId) return null;
      await repo.deletePasswordResets(tx, parsed.orgId, userId);
      await setPassword(tx, parsed.orgId, userId, passwordHash);
      await revokeAllCredentials(tx, parsed.orgId, userId);
      return true;
    });
  });
  if (!done) throw invalid('body.token', 'The reset token is not valid or has expired');
}

async function checkCurrentPassword(tx: Tx, ctx: AccessContext, password: string) {
  const user = await findUser(tx, ctx.actor.orgId, ctx.actor.userId);
  return user !== undefined && (await verifyPassword(password, user.passwordHash));
}

const wrongCurrentPassword = () => invalid('body.currentPassword', 'The current password is wrong');

/**
 * The signed-in user changes their own password, proving the current one;
 * every other session and API token of theirs ends. `current` is the
 * request's own credential, which stays.
 */
export async function changePassword(
  tx: Tx,
  ctx: AccessContext,
  current: Credential,
  input: { currentPassword: string; newPassword: string },
): Promise<true | null> {
  if (!(await checkCurrentPassword(tx, ctx, input.currentPassword))) return null;
  const { orgId, userId } = ctx.actor;
  await setPassword(tx, orgId, userId, await hashPassword(input.newPassword));
  await revokeAllCredentials(tx, orgId, userId, current);
  await repo.deletePasswordResets(tx, orgId, userId);
  return true;
}

/** The signed-in user changes their own e-mail, proving their password (409 when taken). */
export async function changeEmail(
  tx: Tx,
  ctx: AccessContext,
  input: { email: string; currentPassword: string },
): Promise<true | null> {
  if (!(await checkCurrentPassword(tx, ctx, input.currentPassword))) return null;
  const { orgId, userId } = ctx.actor;
  const user = (await findUser(tx, orgId, userId))!;
  if (input.email.toLowerCase() !== user.email.toLowerCase()) {
    await releaseEmail(tx, user.email);
    await claimEmail(tx, input.email, userId);
  }
  await updateUserRow(tx, orgId, userId, {
    email: input.email,
    version: user.version + 1,
    updatedAt: new Date(),
  });
  return true;
}

/** Throws the answer for a refused current password (null; the throttle has counted it). */
export function assertCurrentPassword(ok: true | null): void {
  if (!ok) throw wrongCurrentPassword();
}
