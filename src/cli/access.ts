import { sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { queryRows, type Db } from '../db/client.js';
import { toAccessContext, type AccessRow } from '../auth/repo.js';

/**
 * The access context the CLI acts with: the user with e-mail `as`, or the
 * org's owner. Without `org`, the org comes from `as`, or is the only one.
 */
export async function cliAccess(
  db: Db,
  options: { org?: string | undefined; as?: string | undefined },
): Promise<AccessContext> {
  let orgId = options.org;
  if (!orgId && options.as) {
    const [hit] = await queryRows<{ org_id: string }>(
      db,
      sql`select org_id from user_emails where email = ${options.as.toLowerCase()}`,
    );
    if (!hit) throw new Error(`No user with e-mail ${options.as}`);
    orgId = hit.org_id;
  }
  if (!orgId) {
    const orgs = await queryRows<{ org_id: string; name: string }>(
      db,
      sql`select org_id, name from orgs order by created_at limit 20`,
    );
    if (orgs.length === 0) throw new Error('The database has no organization yet');
    if (orgs.length > 1) {
      const list = orgs.map((o) => `  ${o.org_id}  ${o.name}`).join('\n');
      throw new Error(`Several organizations: pass --org with one of\n${list}`);
    }
    orgId = orgs[0]!.org_id;
  }
  if (!/^[0-9a-f-]{36}$/i.test(orgId)) throw new Error(`--org ${orgId} is not an organization id`);
  const who = options.as
    ? sql`lower(u.email) = ${options.as.toLowerCase()}`
    : sql`u.role = 'owner'`;
  const [row] = await queryRows<AccessRow>(
    db,
    sql`select u.id as user_id, u.org_id, u.role, u.partner_id, u.name, u.email, o.plan,
               s.allow_private_contacts, s.require_commit_to_partner, s.require_commit_to_org,
               s.partners_can_see_org_contacts, s.reps_can_commit_upward,
               s.reps_can_edit_own_contacts, s.partners_can_delete_own_contacts, s.max_contacts
        from users u
        join orgs o on o.org_id = u.org_id
        join crm_settings s on s.org_id = u.org_id
        where u.org_id = ${orgId}::uuid and u.active and ${who}
        limit 1`,
  );
  if (!row) {
    throw new Error(
      options.as
        ? `No active user ${options.as} in organization ${orgId}`
        : `Organization ${orgId} not found`,
    );
  }
  return toAccessContext(row);
}
