import { z } from 'zod';
import { isoTime, storableString } from '../http/schemas.js';

export const partnerSchema = z
  .object({ id: z.uuid(), name: z.string(), version: z.number().int(), createdAt: isoTime })
  .meta({ id: 'Partner' });
export type PartnerDto = z.infer<typeof partnerSchema>;

export const partnerBody = z.strictObject({ name: storableString(200, { trim: true }).min(1) });
