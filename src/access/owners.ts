import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import { users } from '../db/schema.js';
import { isPartnerSide, type AccessContext } from './context.js';

/**
 * Whether the caller sees the names of org staff (users of no partner). Users
 * of one organization may know each other's names, unless the organization
 * keeps its staff's names from partners and their sales reps
 * (the hideStaffNamesFromPartners setting).
 */
export function seesStaffNames(ctx: AccessContext): boolean {
  return !(isPartnerSide(ctx.actor.role) && ctx.settings.hideStaffNamesFromPartners);
}

/**
 * The name of a record's owner as the caller may see it, as a SQL scalar
 * (one primary-key lookup a row): null when the name is hidden from the
 * caller. The record's own columns name the owner; `orgId` and `ownerId`
 * are that table's columns.
 */
export function ownerNameSql(
  ctx: AccessContext,
  record: { orgId: AnyPgColumn; ownerId: AnyPgColumn },
): SQL<string | null> {
  const hidden = seesStaffNames(ctx) ? sql`` : sql` and ${users.partnerId} is not null`;
  return sql<string | null>`(select ${users.name} from ${users}
    where ${users.orgId} = ${record.orgId} and ${users.id} = ${record.ownerId}${hidden})`;
}

/** One owner's name as the caller may see it (see ownerNameSql), for a single record's answer. */
export async function findOwnerName(
  ex: Executor,
  ctx: AccessContext,
  ownerId: string,
): Promise<string | null> {
  const [row] = await ex
    .select({ name: users.name, partnerId: users.partnerId })
    .from(users)
    .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, ownerId)));
  if (!row || (row.partnerId === null && !seesStaffNames(ctx))) return null;
  return row.name;
}
