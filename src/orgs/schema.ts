import { z } from 'zod';
import { isoTime, storedText, storableString } from '../shared/schemas.js';

export const planSchema = z.enum(['starter', 'growth', 'scale']);

const count = z.number().int().min(0);

export const orgSchema = z
  .object({
    id: z.uuid(),
    name: storedText(200),
    plan: planSchema,
    version: z.number().int().min(1).max(2_147_483_647),
    createdAt: isoTime,
    usage: z.object({ contacts: count, deals: count }),
    limits: z.object({ contacts: count.nullable(), deals: count.nullable() }),
    features: z.array(z.enum(['import', 'export', 'custom_fields'])).max(3),
  })
  .meta({ id: 'Org' });
export type OrgDto = z.infer<typeof orgSchema>;

export const orgBriefSchema = z.object({ id: z.uuid(), name: storedText(200), plan: planSchema });

export const updateOrgBody = z.strictObject({
  name: storableString(200, { trim: true }).min(1).optional(),
  plan: planSchema.optional(),
});
