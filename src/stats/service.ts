import type { AccessContext } from '../access/context.js';
import { assertOrgAdmin } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { setupCounts } from './repo.js';
import type { GettingStartedDto } from './schema.js';

/**
 * What the getting-started checklist ticks off. Org admins only: it counts
 * records org-wide, which a partner or rep may not all read.
 */
export async function gettingStarted(tx: Tx, ctx: AccessContext): Promise<GettingStartedDto> {
  assertOrgAdmin(ctx);
  const c = await setupCounts(tx, ctx.actor.orgId);
  return {
    contacts: c.contacts,
    deals: c.deals,
    activities: c.activities,
    templates: c.templates,
    users: c.users,
    stagesCustomized: c.stages_customized,
  };
}
