import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { findOwnerName } from '../access/owners.js';
import { assertCan, recordCan } from '../access/permissions.js';
import { checkRaise, checkVisibilityChange, initialVisibility } from '../access/visibility.js';
import { activityRow, record } from '../activities/service.js';
import { insertActivities } from '../activities/repo.js';
import { findReadableContact } from '../contacts/repo.js';
import type { Tx } from '../db/client.js';
import type { FieldChange, Visibility } from '../db/schema.js';
import { invalid, notFound } from '../shared/errors.js';
import { encodeCursor, assertVersion } from '../shared/schemas.js';
import { release, reserve } from '../orgs/plans.js';
import { findStage, firstActiveStage, type StageRow } from '../stages/repo.js';
import { resolveRecordOwner } from '../users/owner.js';
import * as repo from './repo.js';
import type {
  CreateDealInput,
  DealCursor,
  DealDto,
  DealStatus,
  ListDealsQuery,
  UpdateDealInput,
} from './schema.js';

export const statusOf = (r: { stageIsWon: boolean; stageIsLost: boolean }): DealStatus =>
  r.stageIsWon ? 'won' : r.stageIsLost ? 'lost' : 'open';

export function toDealDto(ctx: AccessContext, r: repo.DealRecord): DealDto {
  return {
    id: r.id,
    title: r.title,
    amount: Number(r.amount),
    currency: r.currency,
    probability: r.probability,
    expectedCloseDate: r.expectedCloseDate,
    contactId: r.contactId,
    contactName: r.contactName,
    stageId: r.stageId,
    stageName: r.stageName,
    status: statusOf(r),
    description: r.description,
    tags: r.tags,
    source: r.source,
    wonAt: r.wonAt?.toISOString() ?? null,
    lostAt: r.lostAt?.toISOString() ?? null,
    lostReason: r.lostReason,
    ownerId: r.ownerId,
    partnerId: r.partnerId,
    visibility: r.visibility,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ownerName: r.ownerName,
    can: recordCan(ctx, 'deal', r),
  };
}

/**
 * A deal the caller can read, or 404 (an invisible deal is never admitted to
 * exist). The row comes with its stage's name and flags and, when the caller
 * may read it, the contact's name.
 */
export async function getReadableDeal(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.DealRecord> {
  const row = await repo.findReadableDeal(tx, ctx, id, options);
  if (!row) throw notFound('Deal');
  return row;
}

/** The activity target of a deal: its own timeline and its contact's. */
export const dealTarget = (d: { id: string; contactId: string; title: string }) => ({
  dealId: d.id,
  contactId: d.contactId,
  dealTitle: d.title,
});

/** Numeric(14,2) text for an amount the schema has already checked. */
export const amountText = (amount: number) => amount.toFixed(2);

async function readableContactId(tx: Tx, ctx: AccessContext, contactId: string) {
  const contact = await findReadableContact(tx, ctx, contactId);
  if (!contact) throw invalid('contactId', 'contactId is not a contact you can read');
  return contact;
}

export async function createDeal(
  tx: Tx,
  ctx: AccessContext,
  input: CreateDealInput,
): Promise<DealDto> {
  assertCan(ctx, 'deal.create');
  const owner = input.ownerId
    ? await resolveRecordOwner(tx, ctx, input.ownerId)
    : { ownerId: ctx.actor.userId, partnerId: ctx.actor.partnerId };
  const visibility = initialVisibility(ctx.settings, owner.partnerId, input.visibility);
  const contact = await readableContactId(tx, ctx, input.contactId);
  const orgId = ctx.actor.orgId;
  const chosen = input.stageId ?? (await firstActiveStage(tx, orgId))?.id;
  // Locked: creates and moves into one column take turns, so board keys never collide.
  const stage = chosen ? await findStage(tx, orgId, chosen, { forUpdate: true }) : undefined;
  if (!stage) throw invalid('stageId', 'stageId is not an active stage of this organization');
  if (input.lostReason && !stage.isLost) {
    throw invalid('lostReason', 'lostReason applies only to a deal in a lost stage');
  }
  await reserve(tx, ctx, 'deals', 1);
  const last = await repo.lastPosition(tx, orgId, stage.id);
  const now = new Date();
  const row = await repo.insertDeal(tx, {
    orgId,
    id: uuidv7(),
    title: input.title,
    amount: amountText(input.amount ?? 0),
    currency: input.currency ?? 'USD',
    probability: input.probability ?? stage.probability,
    expectedCloseDate: input.expectedCloseDate ?? null,
    contactId: contact.id,
    stageId: stage.id,
    position: (last ?? 0) + repo.positionStep,
    description: input.description ?? null,
    tags: input.tags ?? [],
    source: input.source ?? null,
    lostReason: stage.isLost ? (input.lostReason ?? null) : null,
    wonAt: stage.isWon ? now : null,
    lostAt: stage.isLost ? now : null,
    ...owner,
    visibility,
    createdBy: ctx.actor.userId,
    // Millisecond times, so the list's cursor (an ISO time) names a row exactly.
    createdAt: now,
    updatedAt: now,
  });
  const target = dealTarget(row);
  const activities = [activityRow(ctx, target, 'created', { subject: row.title })];
  activities.push(...outcomeActivities(ctx, row, stage, null));
  await insertActivities(tx, activities);
  return toDealDto(ctx, {
    ...row,
    ownerName: await findOwnerName(tx, ctx, row.ownerId),
    stageName: stage.name,
    stageIsWon: stage.isWon,
    stageIsLost: stage.isLost,
    stageProbability: stage.probability,
    contactName: `${contact.firstName} ${contact.lastName}`,
  });
}

/** `won` or `lost` when a deal enters such a stage (not when it moves between two of them). */
export function outcomeActivities(
  ctx: AccessContext,
  deal: { id: string; contactId: string; title: string; lostReason: string | null },
  to: Pick<StageRow, 'isWon' | 'isLost' | 'name'>,
  from: { isWon: boolean; isLost: boolean } | null,
) {
  const target = dealTarget(deal);
  if (to.isWon && !from?.isWon) {
    return [activityRow(ctx, target, 'won', { subject: `Won: ${deal.title}` })];
  }
  if (to.isLost && !from?.isLost) {
    return [
      activityRow(ctx, target, 'lost', { subject: `Lost: ${deal.title}`, body: deal.lostReason }),
    ];
  }
  return [];
}

export async function getDeal(tx: Tx, ctx: AccessContext, id: string): Promise<DealDto> {
  return toDealDto(ctx, await getReadableDeal(tx, ctx, id));
}

/** The value an activity shows for a field: money as a number, everything else as stored. */
const shown = (field: string, value: unknown) =>
  field === 'amount' && typeof value === 'string' ? Number(value) : (value ?? null);

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A PATCH: one `field_update` naming every change, plus `visibility_change` when raised. */
export async function updateDeal(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: UpdateDealInput,
  expectedVersion: number | undefined,
): Promise<DealDto> {
  const current = await getReadableDeal(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'deal.update', current, 'You may not edit this deal');
  assertVersion(current, expectedVersion, 'This deal');

  const { visibility, ownerId, amount, contactId, lostReason, ...fields } = input;
  const patch: Partial<repo.NewDeal> = { ...fields };
  if (amount !== undefined) patch.amount = amountText(amount);
  if (contactId !== undefined && contactId !== current.contactId) {
    patch.contactId = (await readableContactId(tx, ctx, contactId)).id;
  }
  if (lostReason !== undefined) {
    if (!current.stageIsLost && lostReason !== null) {
      throw invalid('lostReason', 'lostReason applies only to a deal in a lost stage');
    }
    patch.lostReason = lostReason;
  }
  if (ownerId !== undefined && ownerId !== current.ownerId) {
    Object.assign(patch, await resolveRecordOwner(tx, ctx, ownerId, current));
  }
  if (visibility !== undefined && visibility !== current.visibility) {
    const partnerIdAfter = patch.partnerId === undefined ? current.partnerId : patch.partnerId;
    checkVisibilityChange(ctx, 'deal.commit', current, visibility, partnerIdAfter);
    patch.visibility = visibility;
  }

  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(patch)) {
    const from = current[field as keyof repo.DealRow];
    if (!sameValue(from, to))
      changes.push({ field, from: shown(field, from), to: shown(field, to) });
  }
  if (changes.length === 0) return toDealDto(ctx, current);

  await repo.updateDealRow(tx, ctx.actor.orgId, id, patch);
  const target = dealTarget({
    id,
    contactId: patch.contactId ?? current.contactId,
    title: patch.title ?? current.title,
  });
  const activities = [activityRow(ctx, target, 'field_update', { changes })];
  const raised = changes.find((c) => c.field === 'visibility');
  if (raised) activities.push(activityRow(ctx, target, 'visibility_change', { changes: [raised] }));
  await insertActivities(tx, activities);
  return getDeal(tx, ctx, id);
}

/** Commit-up, with the same rules as contacts (DESIGN §3). */
export async function commitDeal(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  visibility: Visibility,
  expectedVersion: number | undefined,
): Promise<DealDto> {
  const current = await getReadableDeal(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'deal.commit', current, 'You may not commit this deal up');
  assertVersion(current, expectedVersion, 'This deal');
  checkRaise(current, visibility);
  await repo.updateDealRow(tx, ctx.actor.orgId, id, { visibility });
  await record(tx, ctx, dealTarget(current), 'visibility_change', {
    changes: [{ field: 'visibility', from: current.visibility, to: visibility }],
  });
  return getDeal(tx, ctx, id);
}

export async function deleteDeal(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  const current = await getReadableDeal(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'deal.delete', current, 'Only org admins may delete deals');
  assertVersion(current, expectedVersion, 'This deal');
  await repo.updateDealRow(tx, ctx.actor.orgId, id, { deletedAt: new Date() });
  await release(tx, ctx.actor.orgId, 'deals', 1);
  await record(tx, ctx, dealTarget(current), 'deleted', { subject: current.title });
}

/** A page of deals: in board order when one stage is asked, newest first otherwise. */
export async function listDeals(
  tx: Tx,
  ctx: AccessContext,
  query: ListDealsQuery,
): Promise<{ data: DealDto[]; nextCursor: string | null }> {
  const order: repo.DealOrder = query.stageId ? 'board' : 'created';
  const after = query.cursor ? ([query.cursor[1], query.cursor[2]] as const) : undefined;
  const rows = await repo.listDealPage(
    tx,
    ctx,
    repo.dealFilterWhere(ctx, query),
    order,
    after,
    query.limit,
  );
  return pageOf(ctx, rows, order, query.limit);
}

export function pageOf(
  ctx: AccessContext,
  rows: repo.DealRecord[],
  order: repo.DealOrder,
  limit: number,
) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const cursor = (r: repo.DealRecord): DealCursor =>
    order === 'board' ? ['board', r.position, r.id] : ['created', r.createdAt.toISOString(), r.id];
  return {
    data: page.map((r) => toDealDto(ctx, r)),
    nextCursor: rows.length > limit && last ? encodeCursor(cursor(last)) : null,
  };
}
