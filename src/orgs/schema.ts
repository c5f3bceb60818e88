import { z } from 'zod';
import { isoTime, storableString } from '../http/schemas.js';

export const planSchema = z.enum(['starter', 'growth', 'scale']);

export const orgSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    plan: planSchema,
    version: z.number().int(),
    createdAt: isoTime,
    usage: z.object({ contacts: z.number().int(), deals: z.number().int() }),
    limits: z.object({ contacts: z.number().int().nullable(), deals: z.number().int().nullable() }),
    features: z.array(z.enum(['import', 'export', 'custom_fields'])),
  })
  .meta({ id: 'Org' });
export type OrgDto = z.infer<typeof orgSchema>;

export const orgBriefSchema = z.object({ id: z.uuid(), name: z.string(), plan: planSchema });

export const updateOrgBody = z.strictObject({
  name: storableString(200, { trim: true }).min(1).optional(),
  plan: planSchema.optional(),
});
