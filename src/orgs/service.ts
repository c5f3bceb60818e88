import type { AccessContext } from '../access/context.js';
import { assertCan, assertOrgAdmin } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { notFound } from '../shared/errors.js';
import { contactCap, plans } from './plans.js';
import * as repo from './repo.js';
import type { OrgDto } from './schema.js';
import type { Plan } from '../db/schema.js';

async function load(tx: Tx, ctx: AccessContext): Promise<OrgDto> {
  const found = await repo.findOrg(tx, ctx.actor.orgId);
  if (!found) throw notFound('Organization');
  const { org, usage } = found;
  const effective: AccessContext = { ...ctx, plan: org.plan };
  return {
    id: org.orgId,
    name: org.name,
    plan: org.plan,
    version: org.version,
    createdAt: org.createdAt.toISOString(),
    usage: { contacts: usage.contacts, deals: usage.deals },
    limits: { contacts: contactCap(effective), deals: plans[org.plan].deals },
    features: plans[org.plan].features,
  };
}

export const getOrg = (tx: Tx, ctx: AccessContext) => load(tx, ctx);

export async function updateOrg(
  tx: Tx,
  ctx: AccessContext,
  input: { name?: string; plan?: Plan },
): Promise<OrgDto> {
  assertOrgAdmin(ctx);
  if (input.plan !== undefined)
    assertCan(ctx, 'org.plan', undefined, 'Only the owner may change the plan');
  const current = await load(tx, ctx);
  await repo.updateOrgRow(tx, ctx.actor.orgId, {
    ...input,
    version: current.version + 1,
    updatedAt: new Date(),
  });
  return load(tx, ctx);
}
