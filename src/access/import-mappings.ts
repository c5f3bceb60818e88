import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import { importMappings } from '../db/schema.js';
import { isOrgAdmin, type AccessContext } from './context.js';

/**
 * Saved import mappings belong to a side of the organization: the staff's
 * (no partner) or one partner's. Org admins see every mapping; a partner's
 * users see the staff's (the org-wide ones) and their own partner's, never
 * another partner's, whose column names may tell who its customers are.
 * Other staff see the staff's. Who may import at all is `assertCanImport`.
 */
export function readableImportMappings(ctx: AccessContext): SQL {
  const base = eq(importMappings.orgId, ctx.actor.orgId);
  if (isOrgAdmin(ctx.actor.role)) return base;
  const staff = isNull(importMappings.partnerId);
  if (ctx.actor.partnerId === null) return and(base, staff)!;
  return and(base, or(staff, eq(importMappings.partnerId, ctx.actor.partnerId)))!;
}

/**
 * Who may rename, replace or delete a mapping they can see: org admins any;
 * everyone else only their own side's, so a partner reuses the staff's
 * mappings but cannot change them under the staff's feet.
 */
export function canChangeImportMapping(
  ctx: AccessContext,
  mapping: { partnerId: string | null },
): boolean {
  return isOrgAdmin(ctx.actor.role) || mapping.partnerId === ctx.actor.partnerId;
}
