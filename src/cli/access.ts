import { sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { queryRows, type Db } from '../db/client.js';
import { accessFromJson } from '../access/lookup.js';

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
  const who = options.as ? sql`lower(email) = ${options.as.toLowerCase()}` : sql`role = 'owner'`;
  // The same lookup as the API's (access_of_user, migration 0020), for the user picked here.
  const [row] = await queryRows<{ json: string | null }>(
    db,
    sql`select access_of_user(org_id, id) as json from users
        where org_id = ${orgId}::uuid and active and ${who} limit 1`,
  );
  if (!row?.json) {
    throw new Error(
      options.as
        ? `No active user ${options.as} in organization ${orgId}`
        : `Organization ${orgId} not found`,
    );
  }
  return accessFromJson(row.json);
}
