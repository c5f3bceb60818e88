import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertOrgAdmin } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, notFound, type FieldError } from '../shared/errors.js';
import { assertFeature } from '../orgs/plans.js';
import {
  deleteDef,
  findDef,
  insertDef,
  listDefs,
  updateDef,
  type CustomFieldRow as Row,
} from './repo.js';
import type { CustomFieldDto } from './schema.js';
import { assertRoomFor } from '../orgs/caps.js';

const toDto = (r: Row): CustomFieldDto => ({
  id: r.id,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options ?? null,
  version: r.version,
});

export async function listCustomFields(tx: Tx, ctx: AccessContext): Promise<CustomFieldDto[]> {
  return (await listDefs(tx, ctx.actor.orgId)).map(toDto);
}

export async function createCustomField(
  tx: Tx,
  ctx: AccessContext,
  input: { key: string; label: string; type: Row['type']; options?: string[] | undefined },
): Promise<CustomFieldDto> {
  assertOrgAdmin(ctx);
  assertFeature(ctx, 'custom_fields');
  await assertRoomFor(tx, 'customFields', ctx.actor.orgId);
  try {
    return toDto(
      await insertDef(tx, {
        orgId: ctx.actor.orgId,
        id: uuidv7(),
        ...input,
        options: input.options ?? null,
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', `A custom field with key "${input.key}" exists`);
    throw error;
  }
}

async function foundDef(tx: Tx, orgId: string, id: string): Promise<Row> {
  const row = await findDef(tx, orgId, id);
  if (!row) throw notFound('Custom field');
  return row;
}

export async function updateCustomField(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: { label?: string | undefined; options?: string[] | undefined },
): Promise<CustomFieldDto> {
  assertOrgAdmin(ctx);
  assertFeature(ctx, 'custom_fields');
  const current = await foundDef(tx, ctx.actor.orgId, id);
  if (input.options && current.type !== 'select') {
    throw new AppError('validation', 'Only select fields have options', {
      errors: [{ path: 'options', message: 'not a select field' }],
    });
  }
  return toDto(
    await updateDef(tx, ctx.actor.orgId, id, { ...input, version: current.version + 1 }),
  );
}

/** Removes the definition; values already stored on contacts stay in their JSON until edited. */
export async function deleteCustomField(tx: Tx, ctx: AccessContext, id: string): Promise<void> {
  assertOrgAdmin(ctx);
  await foundDef(tx, ctx.actor.orgId, id);
  await deleteDef(tx, ctx.actor.orgId, id);
}

/** Why a value does not fit its definition, or null when it does (the API and the import alike). */
export function checkCustomFieldValue(def: Row, value: unknown): string | null {
  if (value === null) return null;
  switch (def.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 2000
        ? null
        : 'must be text (at most 2000 characters)';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(value))
        ? null
        : 'must be a date (YYYY-MM-DD)';
    case 'select':
      return typeof value === 'string' && (def.options ?? []).includes(value)
        ? null
        : `must be one of: ${(def.options ?? []).join(', ')}`;
    default: {
      const unreachable: never = def.type;
      return `unknown type ${String(unreachable)}`;
    }
  }
}

/**
 * Validates custom field values against the org's definitions: an unknown
 * key or a value of the wrong type is a 422 naming it. Null clears a value.
 */
export async function validateCustomFields(
  tx: Tx,
  ctx: AccessContext,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const keys = Object.keys(values);
  if (keys.length === 0) return {};
  assertFeature(ctx, 'custom_fields');
  const defs = new Map((await listDefs(tx, ctx.actor.orgId)).map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  for (const key of keys) {
    const def = defs.get(key);
    const problem = def
      ? checkCustomFieldValue(def, values[key])
      : 'is not a custom field of this organization';
    if (problem) errors.push({ path: `customFields.${key}`, message: problem });
  }
  if (errors.length) {
    throw new AppError(
      'validation',
      `customFields.${errors[0]!.path.split('.')[1]} ${errors[0]!.message}`,
      { errors },
    );
  }
  return Object.fromEntries(keys.filter((k) => values[k] !== null).map((k) => [k, values[k]]));
}
