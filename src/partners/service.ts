import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertOrgAdmin } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { notFound } from '../shared/errors.js';
import * as repo from './repo.js';
import type { PartnerDto } from './schema.js';
import { assertRoomFor } from '../orgs/caps.js';

const toDto = (row: repo.PartnerRow): PartnerDto => ({
  id: row.id,
  name: row.name,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});

export async function listPartners(tx: Tx, ctx: AccessContext): Promise<PartnerDto[]> {
  assertOrgAdmin(ctx);
  return (await repo.listPartners(tx, ctx.actor.orgId)).map(toDto);
}

export async function createPartner(tx: Tx, ctx: AccessContext, name: string): Promise<PartnerDto> {
  assertOrgAdmin(ctx);
  await assertRoomFor(tx, 'partners', ctx.actor.orgId);
  return toDto(await repo.insertPartner(tx, { orgId: ctx.actor.orgId, id: uuidv7(), name }));
}

export async function renamePartner(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  name: string,
): Promise<PartnerDto> {
  assertOrgAdmin(ctx);
  const row = await repo.renamePartner(tx, ctx.actor.orgId, id, name);
  if (!row) throw notFound('Partner');
  return toDto(row);
}
