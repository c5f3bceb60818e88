import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { isOrgAdmin } from '../access/context.js';
import { assertCan, can } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { rekeyContacts } from '../contacts/backfill.js';
import { imports } from '../db/schema.js';
import { AppError, notFound } from '../shared/errors.js';
import { release } from '../orgs/plans.js';
import * as repo from './repo.js';
import * as revertRepo from './revert-repo.js';
import { maxKeptIds, type RevertResult } from './schema.js';

/** Why revert left a contact the import created in place. */
export type KeptReason = 'forbidden' | 'has_deals' | 'has_activities' | 'changed';

/** Contacts written per statement (bound to one JSON parameter each). */
const chunk = 5000;

/** The reason to keep an imported contact, or null to remove it. */
function keepReason(ctx: AccessContext, c: revertRepo.ImportedContact): KeptReason | null {
  // Revert deletes: held per contact to the rules of deleting by hand.
  if (!c.readable || !can(ctx, 'contact.delete', c)) return 'forbidden';
  if (c.hasDeals) return 'has_deals';
  if (c.version !== 1) return 'changed';
  if (c.hasActivities) return 'has_activities';
  return null;
}

/** The import, locked, if the caller may see it (org admins: any; others: their own). */
async function revertableImport(tx: Tx, ctx: AccessContext, id: string) {
  const row = await repo.findImport(tx, ctx.actor.orgId, id, { forUpdate: true });
  if (!row || (!isOrgAdmin(ctx.actor.role) && row.userId !== ctx.actor.userId)) {
    throw notFound('Import');
  }
  // A failed import that wrote slices before it stopped is undone like a finished one.
  const wrote = row.status === 'failed' && row.created + row.updated > 0;
  if (row.status !== 'done' && !wrote) {
    throw new AppError(
      'conflict',
      `Only a finished import, or a failed one that wrote contacts, can be reverted; this one is ${row.status}`,
    );
  }
  if ((row.options as { dryRun?: boolean }).dryRun) {
    throw new AppError('conflict', 'A dry run changed nothing, so there is nothing to revert');
  }
  if (row.revertedAt) throw new AppError('conflict', 'This import was already reverted');
  return row;
}

/**
 * Soft-deletes the contacts an import created that the caller may delete
 * (contact.delete, per contact) and that nobody changed or attached a deal
 * or an activity to since, with a `deleted` activity each, and releases
 * their plan count. The others are kept, counted, and listed with the
 * reason when the caller can read them.
 */
async function removeCreated(
  tx: Tx,
  ctx: AccessContext,
  id: string,
): Promise<Pick<RevertResult, 'reverted' | 'kept' | 'keptCount'>> {
  const rows = await revertRepo.importedContacts(tx, ctx, id);
  const kept: { id: string; reason: KeptReason }[] = [];
  const removable: string[] = [];
  let keptCount = 0;
  for (const r of rows) {
    const reason = keepReason(ctx, r);
    if (!reason) removable.push(r.id);
    else {
      keptCount++;
      // A contact the caller can no longer read is counted, never named.
      if (r.readable) kept.push({ id: r.id, reason });
    }
  }
  for (let i = 0; i < removable.length; i += chunk) {
    await revertRepo.softDeleteWithActivity(
      tx,
      ctx,
      id,
      removable.slice(i, i + chunk).map((cid) => ({ id: cid, activityId: uuidv7() })),
    );
  }
  await release(tx, ctx.actor.orgId, 'contacts', removable.length);
  // Named up to maxKeptIds, like a bulk refusal's ids; keptCount counts them all.
  return { reverted: removable.length, kept: kept.slice(0, maxKeptIds), keptCount };
}

/**
 * Restores the fields of the contacts an import updated to their values
 * before it (the `from` of its activities), each with an `import_reverted`
 * activity listing the inverse changes and version + 1: history is added
 * to, never rewritten. A contact written since the import, or one the
 * caller may not edit now, is left as it is and counted as a conflict;
 * named only when the caller can read it.
 */
async function restoreUpdated(
  tx: Tx,
  ctx: AccessContext,
  job: { id: string; updated: number },
): Promise<Pick<RevertResult, 'restored' | 'conflicts' | 'conflictCount'>> {
  if (job.updated === 0) return { restored: 0, conflicts: [], conflictCount: 0 };
  // Imports before migration 0029 left no import_id on their activities.
  const legacy = !(await revertRepo.hasTaggedActivities(tx, ctx.actor.orgId, job.id));
  const counts = await revertRepo.planRestores(tx, ctx, job.id, legacy);
  let restored = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await revertRepo.restorePage(tx, after, chunk);
    if (ids.length === 0) break;
    restored += await revertRepo.restoreWithActivity(
      tx,
      ctx,
      job.id,
      ids.map((cid) => ({ id: cid, activityId: uuidv7() })),
    );
    // The restore wrote phones in SQL: their match keys follow.
    await rekeyContacts(tx, ctx.actor.orgId, ids, ctx.settings.defaultPhoneCountry);
    after = ids.at(-1)!;
  }
  return {
    restored,
    conflicts: await revertRepo.namedConflicts(tx, maxKeptIds),
    conflictCount: counts.changed + counts.forbidden + counts.hidden,
  };
}

/**
 * Undoes an import in the caller's transaction: removes the contacts it
 * created and restores the ones it updated, each held to the caller's
 * permissions per contact and left in place when changed since. Once only.
 */
export async function revertImport(tx: Tx, ctx: AccessContext, id: string): Promise<RevertResult> {
  assertCan(ctx, 'contact.import');
  const job = await revertableImport(tx, ctx, id);
  const updated = await restoreUpdated(tx, ctx, job);
  const created = await removeCreated(tx, ctx, id);
  await tx
    .update(imports)
    .set({ revertedAt: sql`now()` })
    .where(and(eq(imports.orgId, ctx.actor.orgId), eq(imports.id, id)));
  return {
    reverted: created.reverted,
    restored: updated.restored,
    kept: created.kept,
    keptCount: created.keptCount,
    conflicts: updated.conflicts,
    conflictCount: updated.conflictCount,
  };
}
