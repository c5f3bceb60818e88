import { z } from 'zod';
import { boolParam, isoTime, storedText, storableString } from '../shared/schemas.js';
import { caps } from '../orgs/caps.js';

export const stageNameSchema = storableString(60, { trim: true }).min(1, 'required');
export const colorSchema = z
  .string()
  .max(7)
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a hex color like #22c55e')
  .transform((c) => c.toLowerCase());
/** A pipeline has at most this many active stages (the reorder call takes them all). */
export const maxActiveStages = 100;
/** In answers: a stage's slug (made from its name) and its color, as stored. */
export const stageSlug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9_-]*$/);
export const stageColor = z
  .string()
  .max(7)
  .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/);

export const probabilitySchema = z.number().int('a whole percentage').min(0).max(100);

export const stageSchema = z
  .object({
    id: z.uuid(),
    name: storedText(60),
    slug: stageSlug,
    color: stageColor,
    position: z.number().int(),
    probability: z.number().int().min(0).max(100),
    isWon: z.boolean(),
    isLost: z.boolean(),
    isActive: z.boolean(),
    version: z.number().int().min(1).max(2_147_483_647),
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
  .strictObject({ ids: z.array(z.uuid()).min(1).max(maxActiveStages) })
  .meta({ id: 'StageReorder' });

export const stageListSchema = z.object({ data: z.array(stageSchema).max(caps.stages) });
