import { z } from 'zod';
import { isoTime, storedText, storableString } from '../shared/schemas.js';

export const partnerSchema = z
  .object({
    id: z.uuid(),
    name: storedText(200),
    version: z.number().int().min(1).max(2_147_483_647),
    createdAt: isoTime,
  })
  .meta({ id: 'Partner' });
export type PartnerDto = z.infer<typeof partnerSchema>;

export const partnerBody = z.strictObject({ name: storableString(200, { trim: true }).min(1) });
