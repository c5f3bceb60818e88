import { z } from 'zod';
import { isoTime, storableString, storedText } from '../shared/schemas.js';
import { columnMapping } from './mapping-schema.js';

/** How many saved mappings an organization keeps; the list is answered whole. */
export const maxImportMappings = 100;

const mappingName = storableString(100, { trim: true }).min(1, 'a name is required');

export const importMappingSchema = z
  .object({
    id: z.uuid(),
    name: storedText(100),
    mapping: columnMapping,
    createdBy: z.uuid(),
    createdAt: isoTime,
    updatedAt: isoTime,
    version: z.number().int().min(1).max(2_147_483_647),
  })
  .meta({ id: 'ImportMapping' });
export type ImportMappingDto = z.infer<typeof importMappingSchema>;

export const importMappingList = z.object({
  data: z.array(importMappingSchema).max(maxImportMappings),
});

export const createImportMappingBody = z.strictObject({
  name: mappingName,
  mapping: columnMapping,
});
export type CreateImportMappingInput = z.infer<typeof createImportMappingBody>;

/** A rename, a new mapping (it replaces the old one whole, never merges), or both. */
export const updateImportMappingBody = z.strictObject({
  name: mappingName.optional(),
  mapping: columnMapping.optional(),
});
export type UpdateImportMappingInput = z.infer<typeof updateImportMappingBody>;
