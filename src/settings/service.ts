import type { AccessContext } from '../access/context.js';
import { assertOrgAdmin } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { rekeyOrgContacts } from '../contacts/backfill.js';
import { assertVersion } from '../shared/schemas.js';
import { findSettings, updateSettingsRow } from './repo.js';
import type { UpdateSettingsInput } from './schema.js';

async function load(tx: Tx, orgId: string) {
  const { orgId: _org, updatedAt: _u, ...settings } = (await findSettings(tx, orgId))!;
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
  await updateSettingsRow(tx, ctx.actor.orgId, input, current.version + 1);
  // Phone keys read numbers in the default country: the stored ones are made again.
  const country = input.defaultPhoneCountry;
  if (country !== undefined && country !== current.defaultPhoneCountry) {
    await rekeyOrgContacts(tx, ctx.actor.orgId);
  }
  return load(tx, ctx.actor.orgId);
}
