import type { AccessContext } from '../access/context.js';
import { assertVersion } from '../shared/schemas.js';
import { assertCan } from '../access/permissions.js';
import { activityRow } from '../activities/service.js';
import { insertActivities } from '../activities/repo.js';
import type { Tx } from '../db/client.js';
import type { FieldChange } from '../db/schema.js';
import { invalid } from '../shared/errors.js';
import { findStage } from '../stages/repo.js';
import * as repo from './repo.js';
import type { DealDto, MoveDealInput } from './schema.js';
import { dealTarget, getDeal, getReadableDeal, outcomeActivities } from './service.js';

/**
 * Below this gap between two neighbours a column is rebalanced: about thirty
 * halvings of the initial step, far above where doubles stop splitting.
 */
const minGap = repo.positionStep / 2 ** 30;

type Anchor = { id: string; position: number; side: 'before' | 'after' };

/**
 * The board key that puts a deal right before/after the anchor (or at the end
 * of the column): the midpoint of the two neighbours, so only the moved row is
 * written. When the neighbours are too close, the column is rebalanced once.
 */
async function placeKey(
  tx: Tx,
  ctx: AccessContext,
  stageId: string,
  dealId: string,
  anchor: Anchor | undefined,
): Promise<number> {
  const orgId = ctx.actor.orgId;
  if (!anchor) {
    const last = await repo.lastPosition(tx, orgId, stageId, dealId);
    return (last ?? 0) + repo.positionStep;
  }
  let at = anchor;
  for (let attempt = 0; ; attempt++) {
    const other = await repo.neighbourPosition(tx, orgId, stageId, at, at.side, dealId);
    if (other === null) {
      return at.side === 'after'
        ? at.position + repo.positionStep
        : at.position - repo.positionStep;
    }
    const [lo, hi] = at.side === 'after' ? [at.position, other] : [other, at.position];
    const mid = lo + (hi - lo) / 2;
    if ((hi - lo >= minGap && mid > lo && mid < hi) || attempt > 0) return mid;
    await repo.rebalanceColumn(tx, orgId, stageId, dealId);
    const moved = await repo.findReadableInStage(tx, ctx, at.id, stageId);
    at = { ...at, position: moved!.position };
  }
}

/**
 * POST /deals/:id/move: places the deal in a stage, before or after another
 * deal of that stage or at the end. Entering a won stage sets wonAt, a lost one
 * lostAt and lostReason; leaving clears them. A stage change logs
 * `stage_change` naming both stages by id and by their names at the time (so
 * it still reads right after a rename or delete), and `won` / `lost`.
 */
export async function moveDeal(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: MoveDealInput,
  expectedVersion: number | undefined,
): Promise<DealDto> {
  if (input.beforeId && input.afterId) {
    throw invalid('afterId', 'give beforeId or afterId, not both');
  }
  const current = await getReadableDeal(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'deal.update', current, 'You may not move this deal');
  assertVersion(current, expectedVersion, 'This deal');

  const orgId = ctx.actor.orgId;
  // Moves into one column take turns on the stage row: keys are computed from settled neighbours.
  const stage = await findStage(tx, orgId, input.stageId, { forUpdate: true });
  if (!stage) throw invalid('stageId', 'stageId is not an active stage of this organization');
  const anchorId = input.beforeId ?? input.afterId;
  const anchorPath = input.beforeId ? 'beforeId' : 'afterId';
  let anchor: Anchor | undefined;
  if (anchorId !== undefined) {
    if (anchorId === id) throw invalid(anchorPath, 'a deal cannot be placed next to itself');
    const found = await repo.findReadableInStage(tx, ctx, anchorId, stage.id);
    if (!found) throw invalid(anchorPath, `${anchorPath} is not a deal in the target stage`);
    anchor = { ...found, side: input.beforeId ? 'before' : 'after' };
  }
  if (input.lostReason && !stage.isLost) {
    throw invalid('lostReason', 'lostReason applies only when moving to a lost stage');
  }
  const position = await placeKey(tx, ctx, stage.id, id, anchor);

  if (stage.id === current.stageId) {
    // A reorder inside the column: the card's place changes, nothing about the deal does.
    if (input.lostReason === undefined || input.lostReason === current.lostReason) {
      await repo.setDealPosition(tx, orgId, id, position);
      return getDeal(tx, ctx, id);
    }
    await repo.updateDealRow(tx, orgId, id, { position, lostReason: input.lostReason });
    await insertActivities(tx, [
      activityRow(ctx, dealTarget(current), 'field_update', {
        changes: [{ field: 'lostReason', from: current.lostReason, to: input.lostReason }],
      }),
    ]);
    return getDeal(tx, ctx, id);
  }

  const now = new Date();
  const lostReason = stage.isLost
    ? input.lostReason !== undefined
      ? input.lostReason
      : current.stageIsLost
        ? current.lostReason
        : null
    : null;
  const patch: Partial<repo.NewDeal> = {
    stageId: stage.id,
    position,
    wonAt: stage.isWon ? (current.stageIsWon ? current.wonAt : now) : null,
    lostAt: stage.isLost ? (current.stageIsLost ? current.lostAt : now) : null,
    lostReason,
  };
  const changes: FieldChange[] = [
    {
      field: 'stage',
      from: { id: current.stageId, name: current.stageName },
      to: { id: stage.id, name: stage.name },
    },
  ];
  // A probability left at the old stage's default follows the new stage's; a chosen one stays.
  if (
    current.probability === current.stageProbability &&
    stage.probability !== current.probability
  ) {
    patch.probability = stage.probability;
    changes.push({ field: 'probability', from: current.probability, to: stage.probability });
  }
  await repo.updateDealRow(tx, orgId, id, patch);

  const target = dealTarget(current);
  await insertActivities(tx, [
    activityRow(ctx, target, 'stage_change', {
      subject: `${current.stageName} → ${stage.name}`,
      changes,
    }),
    ...outcomeActivities(ctx, { ...current, lostReason }, stage, {
      isWon: current.stageIsWon,
      isLost: current.stageIsLost,
    }),
  ]);
  return getDeal(tx, ctx, id);
}
