import { z } from 'zod';
import { storableString } from '../shared/schemas.js';
import { csvFields, maxCells } from './csv.js';

/** What a file column can fill: a contact field, a full name to split, or a custom field. */
export const standardTargets = [...csvFields, 'fullName'] as const;
export type StandardTarget = (typeof standardTargets)[number];

/** A custom field as a mapping target: `custom:<key>` (the key as custom fields define it). */
export const customTargetPattern = /^custom:[a-z][a-z0-9_]{0,62}$/;

const target = z.union([
  z.enum(standardTargets),
  // The pattern bounds it already; maxLength says so to the OpenAPI document (and its linters).
  z.string().max(70).regex(customTargetPattern, 'a contact field or custom:<key>'),
  z.null(),
]);

/**
 * A column mapping: file header → target, `null` to skip the column. A column
 * the mapping does not name is skipped too. Shared by the import (`mapping`)
 * and the saved mappings.
 */
export const columnMapping = z
  .record(storableString(200), target)
  .refine((m) => Object.keys(m).length <= maxCells, `at most ${maxCells} columns`)
  .meta({ id: 'ColumnMapping' });
export type ColumnMapping = z.infer<typeof columnMapping>;
