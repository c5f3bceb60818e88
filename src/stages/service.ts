import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, conflict, notFound } from '../shared/errors.js';
import { assertVersion } from '../shared/schemas.js';
import * as repo from './repo.js';
import {
  maxActiveStages,
  type CreateStageInput,
  type StageDto,
  type UpdateStageInput,
} from './schema.js';
import { assertRoomFor } from '../orgs/caps.js';

export function toStageDto(row: repo.StageRow): StageDto {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    color: row.color,
    position: row.position,
    probability: row.probability,
    isWon: row.isWon,
    isLost: row.isLost,
    isActive: row.isActive,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** 'Demo Scheduled' → 'demo-scheduled'; accents are folded, anything else becomes a dash. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'stage' : slug;
}

const manage = (ctx: AccessContext) =>
  assertCan(ctx, 'org.manage', undefined, 'Only org admins may manage pipeline stages');

function checkFlags(isWon: boolean, isLost: boolean): void {
  if (isWon && isLost) {
    throw new AppError('validation', 'A stage cannot be both won and lost', {
      errors: [
        { path: 'isWon', message: 'cannot be true together with isLost' },
        { path: 'isLost', message: 'cannot be true together with isWon' },
      ],
    });
  }
}

/** Refuses a slug another active stage already has (409), before the unique index would. */
async function assertSlugFree(tx: Tx, ctx: AccessContext, slug: string, selfId?: string) {
  const taken = (await repo.listStages(tx, ctx.actor.orgId)).find(
    (s) => s.slug === slug && s.id !== selfId,
  );
  if (taken) {
    throw conflict(`The stage "${taken.name}" already uses the slug "${slug}"; pick another name`, {
      slug,
      stageId: taken.id,
    });
  }
}

async function slugConflicts<T>(slug: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(`Another active stage already uses the slug "${slug}"`, { slug });
    }
    throw error;
  }
}

export async function listStages(
  tx: Tx,
  ctx: AccessContext,
  includeInactive: boolean,
): Promise<StageDto[]> {
  return (await repo.listStages(tx, ctx.actor.orgId, { includeInactive })).map(toStageDto);
}

/** A stage of the caller's org, active, or 404. */
export async function getActiveStage(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.StageRow> {
  const row = await repo.findStage(tx, ctx.actor.orgId, id, options);
  if (!row) throw notFound('Stage');
  return row;
}

/**
 * Adds a stage. An open stage goes just before the closing (won/lost) stages at
 * the end of the pipeline, where a new step belongs; a won or lost stage goes last.
 */
export async function createStage(
  tx: Tx,
  ctx: AccessContext,
  input: CreateStageInput,
): Promise<StageDto> {
  manage(ctx);
  const isWon = input.isWon ?? false;
  const isLost = input.isLost ?? false;
  checkFlags(isWon, isLost);
  const slug = slugify(input.name);
  await assertSlugFree(tx, ctx, slug);

  const active = await repo.listStages(tx, ctx.actor.orgId);
  await assertRoomFor(tx, 'stages', ctx.actor.orgId);
  if (active.length >= maxActiveStages) {
    throw conflict(`A pipeline has at most ${maxActiveStages} stages; delete one first`);
  }
  let position = active.length === 0 ? 0 : active[active.length - 1]!.position + 1;
  if (!isWon && !isLost) {
    let firstClosing: repo.StageRow | undefined;
    for (let i = active.length - 1; i >= 0 && (active[i]!.isWon || active[i]!.isLost); i--) {
      firstClosing = active[i];
    }
    if (firstClosing) {
      position = firstClosing.position;
      await repo.shiftActiveFrom(tx, ctx.actor.orgId, position);
    }
  }
  const row = await slugConflicts(slug, () =>
    repo.insertStage(tx, {
      orgId: ctx.actor.orgId,
      id: uuidv7(),
      name: input.name,
      slug,
      color: input.color ?? '#64748b',
      position,
      probability: input.probability ?? (isWon ? 100 : 0),
      isWon,
      isLost,
    }),
  );
  return toStageDto(row);
}

export async function updateStage(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: UpdateStageInput,
  expectedVersion: number | undefined,
): Promise<StageDto> {
  manage(ctx);
  const current = await getActiveStage(tx, ctx, id, { forUpdate: true });
  assertVersion(current, expectedVersion, 'This stage');
  const patch: Partial<repo.NewStage> = {};
  if (input.name !== undefined && input.name !== current.name) {
    patch.name = input.name;
    const slug = slugify(input.name);
    if (slug !== current.slug) {
      await assertSlugFree(tx, ctx, slug, id);
      patch.slug = slug;
    }
  }
  if (input.color !== undefined && input.color !== current.color) patch.color = input.color;
  if (input.probability !== undefined && input.probability !== current.probability) {
    patch.probability = input.probability;
  }
  const isWon = input.isWon ?? current.isWon;
  const isLost = input.isLost ?? current.isLost;
  checkFlags(isWon, isLost);
  if (isWon !== current.isWon || isLost !== current.isLost) {
    // The outcome of the deals in the stage would change under them, without wonAt/lostAt.
    const n = await repo.countDealsInStage(tx, ctx.actor.orgId, id);
    if (n > 0) {
      throw conflict(
        `"${current.name}" holds ${n} deal(s); move them out before changing whether it means won or lost`,
        { dealCount: n },
      );
    }
    patch.isWon = isWon;
    patch.isLost = isLost;
  }
  if (Object.keys(patch).length === 0) return toStageDto(current);
  const row = await slugConflicts(patch.slug ?? current.slug, () =>
    repo.updateStageRow(tx, ctx.actor.orgId, id, patch),
  );
  return toStageDto(row);
}

/** Soft delete: the stage leaves the pipeline, the history that names it stays readable. */
export async function deleteStage(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  manage(ctx);
  // First, so that the count of active stages below sees any delete before it.
  await repo.lockStageDeletes(tx, ctx.actor.orgId);
  const current = await getActiveStage(tx, ctx, id, { forUpdate: true });
  assertVersion(current, expectedVersion, 'This stage');
  const n = await repo.countDealsInStage(tx, ctx.actor.orgId, id);
  if (n > 0) {
    throw conflict(`"${current.name}" still holds ${n} deal(s); move them to another stage first`, {
      dealCount: n,
    });
  }
  const active = await repo.listStages(tx, ctx.actor.orgId);
  if (active.length <= 1) throw conflict('The pipeline needs at least one stage');
  await repo.updateStageRow(tx, ctx.actor.orgId, id, { isActive: false });
}

/** Sets the pipeline's order: every active stage id exactly once, in one statement. */
export async function reorderStages(
  tx: Tx,
  ctx: AccessContext,
  ids: string[],
): Promise<StageDto[]> {
  manage(ctx);
  const active = await repo.listStages(tx, ctx.actor.orgId);
  const activeIds = new Set(active.map((s) => s.id));
  const seen = new Set<string>();
  const errors: { path: string; message: string }[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) errors.push({ path: `ids.${i}`, message: 'listed more than once' });
    else if (!activeIds.has(id)) errors.push({ path: `ids.${i}`, message: 'not an active stage' });
    seen.add(id);
  });
  const missing = active.filter((s) => !seen.has(s.id));
  if (missing.length > 0) {
    errors.push({
      path: 'ids',
      message: `missing active stage(s): ${missing.map((s) => s.name).join(', ')}`,
    });
  }
  if (errors.length > 0) {
    throw new AppError('validation', 'ids must list every active stage exactly once', { errors });
  }
  await repo.setPositions(tx, ctx.actor.orgId, ids);
  return (await repo.listStages(tx, ctx.actor.orgId)).map(toStageDto);
}
