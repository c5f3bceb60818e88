import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertOrgAdmin } from '../access/permissions.js';
import { hashPassword } from '../auth/crypto.js';
import type { Tx } from '../db/client.js';
import { AppError, notFound } from '../shared/errors.js';
import { findPartner } from '../partners/repo.js';
import * as repo from './repo.js';
import type { CreateUserInput, UpdateUserInput, UserDto } from './schema.js';
import { assertRoomFor } from '../orgs/caps.js';

export function toUserDto(row: repo.UserRow): UserDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    partnerId: row.partnerId,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

const needsPartner = (role: string) => role === 'partner' || role === 'sales_rep';

async function checkPartner(
  tx: Tx,
  orgId: string,
  role: string,
  partnerId: string | null | undefined,
) {
  if (needsPartner(role)) {
    if (!partnerId) {
      throw new AppError('validation', `A ${role} user needs a partnerId`, {
        errors: [{ path: 'partnerId', message: 'required for partner and sales_rep users' }],
      });
    }
    if (!(await findPartner(tx, orgId, partnerId))) {
      throw new AppError('validation', 'partnerId does not name a partner of this organization', {
        errors: [{ path: 'partnerId', message: 'unknown partner' }],
      });
    }
    return partnerId;
  }
  if (partnerId) {
    throw new AppError('validation', `A ${role} user belongs to the organization, not a partner`, {
      errors: [{ path: 'partnerId', message: 'only partner and sales_rep users have a partner' }],
    });
  }
  return null;
}

export async function listUsers(tx: Tx, ctx: AccessContext): Promise<UserDto[]> {
  assertOrgAdmin(ctx);
  return (await repo.listUsers(tx, ctx.actor.orgId)).map(toUserDto);
}

export async function createUser(
  tx: Tx,
  ctx: AccessContext,
  input: CreateUserInput,
): Promise<UserDto> {
  assertOrgAdmin(ctx);
  const orgId = ctx.actor.orgId;
  const partnerId = await checkPartner(tx, orgId, input.role, input.partnerId);
  await assertRoomFor(tx, 'users', orgId);
  const row = await repo.insertUser(tx, {
    orgId,
    id: uuidv7(),
    name: input.name,
    email: input.email,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    partnerId,
  });
  return toUserDto(row);
}

export async function updateUser(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: UpdateUserInput,
): Promise<UserDto> {
  assertOrgAdmin(ctx);
  const orgId = ctx.actor.orgId;
  const current = await repo.findUser(tx, orgId, id);
  if (!current) throw notFound('User');
  if (current.role === 'owner' && (input.role !== undefined || input.active === false)) {
    throw new AppError('forbidden', 'The owner cannot be demoted or deactivated');
  }
  if (id === ctx.actor.userId && input.role !== undefined) {
    throw new AppError('forbidden', 'You cannot change your own role');
  }
  const role = input.role ?? current.role;
  const partnerId =
    input.role !== undefined || input.partnerId !== undefined
      ? await checkPartner(
          tx,
          orgId,
          role,
          input.partnerId === undefined ? current.partnerId : input.partnerId,
        )
      : current.partnerId;
  const row = await repo.updateUserRow(tx, orgId, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    role,
    partnerId,
    version: current.version + 1,
    updatedAt: new Date(),
  });
  // Deactivation ends the user's sessions at once.
  if (input.active === false) {
    await repo.revokeAllCredentials(tx, orgId, id);
  }
  return toUserDto(row!);
}
