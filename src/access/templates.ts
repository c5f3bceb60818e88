import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import { templates } from '../db/schema.js';
import { isOrgAdmin, type AccessContext } from './context.js';

/**
 * The templates of the org the viewer may see, not deleted: their own, the
 * shared ones (`organization`), and for org admins every template. Templates
 * have two levels, not the three of contacts and deals (DESIGN §3): a
 * template is either its author's or the whole org's.
 */
export function readableTemplates(ctx: AccessContext): SQL {
  const base = and(eq(templates.orgId, ctx.actor.orgId), isNull(templates.deletedAt))!;
  if (isOrgAdmin(ctx.actor.role)) return base;
  return and(
    base,
    or(eq(templates.ownerId, ctx.actor.userId), eq(templates.visibility, 'organization')),
  )!;
}
