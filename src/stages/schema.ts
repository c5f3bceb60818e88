import { z } from 'zod';
import { boolParam, isoTime, storableString } from '../http/schemas.js';

export const stageNameSchema = storableString(60, { trim: true }).min(1, 'required');
export const colorSchema = z
  .string()
  .max(7)
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a hex color like #22c55e')
  .transform((c) => c.toLowerCase());
export const probabilitySchema = z.number().int('a whole percentage').min(0).max(100);

export const stageSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    color: z.string(),
    position: z.number().int(),
    probability: z.number().int(),
    isWon: z.boolean(),
    isLost: z.boolean(),
    isActive: z.boolean(),
    version: z.number().int(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Stage' });
export type StageDto = z.infer<typeof stageSchema>;

export const listStagesQuery = z.strictObject({ includeInactive: boolParam });

export const createStageBody = z
  .strictObject({
    name: stageNameSchema,
    color: colorSchema.optional(),
    probability: probabilitySchema.optional(),
    isWon: z.boolean().optional(),
    isLost: z.boolean().optional(),
  })
  .meta({ id: 'StageCreate' });
export type CreateStageInput = z.infer<typeof createStageBody>;

export const updateStageBody = z
  .strictObject({
    name: stageNameSchema.optional(),
    color: colorSchema.optional(),
    probability: probabilitySchema.optional(),
    isWon: z.boolean().optional(),
    isLost: z.boolean().optional(),
  })
  .meta({ id: 'StageUpdate' });
export type UpdateStageInput = z.infer<typeof updateStageBody>;

export const reorderStagesBody = z
  .strictObject({ ids: z.array(z.uuid()).min(1).max(100) })
  .meta({ id: 'StageReorder' });

export const stageListSchema = z.object({ data: z.array(stageSchema) });
