import { isOrgAdmin, type AccessContext } from '../access/context.js';
import type { Tx } from '../db/client.js';
import type { Visibility } from '../db/schema.js';
import { AppError, invalid } from '../shared/errors.js';
import { findUser } from './repo.js';

/**
 * The new owner of a contact or deal when an org admin sets `ownerId`
 * (DESIGN §3): an active user of the org; a partner-level record only within
 * its partner. The record's partnerId follows the new owner.
 */
export async function resolveRecordOwner(
  tx: Tx,
  ctx: AccessContext,
  ownerId: string,
  record?: { visibility: Visibility; partnerId: string | null },
): Promise<{ ownerId: string; partnerId: string | null }> {
  if (!isOrgAdmin(ctx.actor.role)) {
    throw new AppError('validation', 'Only org admins may set ownerId', {
      errors: [{ path: 'ownerId', message: 'not allowed for your role' }],
    });
  }
  const owner = await findUser(tx, ctx.actor.orgId, ownerId);
  if (!owner || !owner.active) {
    throw invalid('ownerId', 'ownerId is not an active user of this organization');
  }
  if (record?.visibility === 'partner' && owner.partnerId !== record.partnerId) {
    throw invalid('ownerId', 'A partner-level record can only go to a user of the same partner');
  }
  return { ownerId: owner.id, partnerId: owner.partnerId };
}
