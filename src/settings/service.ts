import { eq } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { assertOrgAdmin } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { crmSettings } from '../db/schema.js';
import { assertVersion } from '../http/schemas.js';
import type { UpdateSettingsInput } from './schema.js';

async function load(tx: Tx, orgId: string) {
  const [row] = await tx.select().from(crmSettings).where(eq(crmSettings.orgId, orgId));
  const { orgId: _org, updatedAt: _u, ...settings } = row!;
  return settings;
}

export async function getSettings(tx: Tx, ctx: AccessContext) {
  assertOrgAdmin(ctx);
  return load(tx, ctx.actor.orgId);
}

export async function updateSettings(
  tx: Tx,
  ctx: AccessContext,
  input: UpdateSettingsInput,
  expectedVersion: number | undefined,
) {
  assertOrgAdmin(ctx);
  const current = await load(tx, ctx.actor.orgId);
  assertVersion(current, expectedVersion, 'The settings');
  await tx
    .update(crmSettings)
    .set({ ...input, version: current.version + 1, updatedAt: new Date() })
    .where(eq(crmSettings.orgId, ctx.actor.orgId));
  return load(tx, ctx.actor.orgId);
}
