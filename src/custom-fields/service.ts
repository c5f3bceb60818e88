import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertOrgAdmin } from '../access/permissions.js';
import type { Executor, Tx } from '../db/client.js';
import { customFieldDefs } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, notFound, type FieldError } from '../http/errors.js';
import { assertFeature } from '../orgs/plans.js';
import type { CustomFieldDto } from './schema.js';
import { assertRoomFor } from '../orgs/caps.js';

type Row = typeof customFieldDefs.$inferSelect;

const toDto = (r: Row): CustomFieldDto => ({
  id: r.id,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options ?? null,
  version: r.version,
});

export async function listDefs(ex: Executor, orgId: string): Promise<Row[]> {
  return ex
    .select()
    .from(customFieldDefs)
    .where(eq(customFieldDefs.orgId, orgId))
    .orderBy(asc(customFieldDefs.createdAt));
}

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
    const [row] = await tx
      .insert(customFieldDefs)
      .values({ orgId: ctx.actor.orgId, id: uuidv7(), ...input, options: input.options ?? null })
      .returning();
    return toDto(row!);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', `A custom field with key "${input.key}" exists`);
    throw error;
  }
}

async function findDef(tx: Tx, orgId: string, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.orgId, orgId), eq(customFieldDefs.id, id)));
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
  const current = await findDef(tx, ctx.actor.orgId, id);
  if (input.options && current.type !== 'select') {
    throw new AppError('validation', 'Only select fields have options', {
      errors: [{ path: 'options', message: 'not a select field' }],
    });
  }
  const [row] = await tx
    .update(customFieldDefs)
    .set({ ...input, version: current.version + 1, updatedAt: new Date() })
    .where(and(eq(customFieldDefs.orgId, ctx.actor.orgId), eq(customFieldDefs.id, id)))
    .returning();
  return toDto(row!);
}

/** Removes the definition; values already stored on contacts stay in their JSON until edited. */
export async function deleteCustomField(tx: Tx, ctx: AccessContext, id: string): Promise<void> {
  assertOrgAdmin(ctx);
  await findDef(tx, ctx.actor.orgId, id);
  await tx
    .delete(customFieldDefs)
    .where(and(eq(customFieldDefs.orgId, ctx.actor.orgId), eq(customFieldDefs.id, id)));
}

function checkValue(def: Row, value: unknown): string | null {
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
      ? checkValue(def, values[key])
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
