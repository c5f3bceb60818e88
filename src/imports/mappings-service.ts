import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { canChangeImportMapping } from '../access/import-mappings.js';
import type { Tx } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, conflict, forbidden, notFound } from '../shared/errors.js';
import { assertVersion } from '../shared/schemas.js';
import { assertCanImport } from './import.js';
import * as repo from './mappings-repo.js';
import {
  maxImportMappings,
  type CreateImportMappingInput,
  type ImportMappingDto,
  type UpdateImportMappingInput,
} from './mappings-schema.js';

const toDto = (row: repo.ImportMappingRow): ImportMappingDto => ({
  id: row.id,
  name: row.name,
  mapping: row.mapping,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const nameTaken = (name: string) => conflict(`A saved mapping named "${name}" exists`);

/** The database's unique name index as the 409 a user reads; anything else passes on. */
async function namedUniquely<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

/** A mapping the caller may see, or 404: another side's or another org's is not revealed. */
async function readable(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.ImportMappingRow> {
  const row = await repo.findReadableMapping(tx, ctx, id, options);
  if (!row) throw notFound('Import mapping');
  return row;
}

/** A mapping the caller may change: readable (404 otherwise) and of their side (403). */
async function changeable(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  expectedVersion: number | undefined,
): Promise<repo.ImportMappingRow> {
  const row = await readable(tx, ctx, id, { forUpdate: true });
  if (!canChangeImportMapping(ctx, row)) {
    throw forbidden("Only an organization admin may change the organization's shared mappings");
  }
  assertVersion(row, expectedVersion, 'This mapping');
  return row;
}

export async function listImportMappings(tx: Tx, ctx: AccessContext): Promise<ImportMappingDto[]> {
  assertCanImport(ctx);
  return (await repo.listReadableMappings(tx, ctx)).map(toDto);
}

export async function getImportMapping(
  tx: Tx,
  ctx: AccessContext,
  id: string,
): Promise<ImportMappingDto> {
  assertCanImport(ctx);
  return toDto(await readable(tx, ctx, id));
}

export async function createImportMapping(
  tx: Tx,
  ctx: AccessContext,
  input: CreateImportMappingInput,
): Promise<ImportMappingDto> {
  assertCanImport(ctx);
  // Counted per side, like the names: a partner learns nothing of another's mappings.
  const held = await repo.countSideMappingsLocked(tx, ctx.actor.orgId, ctx.actor.partnerId);
  if (held >= maxImportMappings) {
    throw new AppError(
      'validation',
      `At most ${maxImportMappings} saved import mappings are kept (the staff's, or each partner's); delete one to save another`,
      { extra: { limit: maxImportMappings } },
    );
  }
  const row = await namedUniquely(input.name, () =>
    repo.insertMapping(tx, {
      orgId: ctx.actor.orgId,
      id: uuidv7(),
      name: input.name,
      mapping: input.mapping,
      partnerId: ctx.actor.partnerId,
      createdBy: ctx.actor.userId,
    }),
  );
  return toDto(row);
}

/** Renames and/or replaces the mapping whole; an empty change leaves it (and its version) as it is. */
export async function updateImportMapping(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: UpdateImportMappingInput,
  expectedVersion: number | undefined,
): Promise<ImportMappingDto> {
  assertCanImport(ctx);
  const row = await changeable(tx, ctx, id, expectedVersion);
  const patch: Partial<Pick<repo.ImportMappingRow, 'name' | 'mapping'>> = {};
  if (input.name !== undefined && input.name !== row.name) patch.name = input.name;
  if (input.mapping !== undefined && JSON.stringify(input.mapping) !== JSON.stringify(row.mapping))
    patch.mapping = input.mapping;
  if (Object.keys(patch).length === 0) return toDto(row);
  return toDto(
    await namedUniquely(patch.name ?? row.name, () =>
      repo.updateMapping(tx, ctx.actor.orgId, id, patch),
    ),
  );
}

export async function deleteImportMapping(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  assertCanImport(ctx);
  await changeable(tx, ctx, id, expectedVersion);
  await repo.deleteMapping(tx, ctx.actor.orgId, id);
}
