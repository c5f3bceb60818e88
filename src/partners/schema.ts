import { z } from 'zod';
import { isoTime } from '../http/schemas.js';

export const partnerSchema = z
  .object({ id: z.uuid(), name: z.string(), version: z.number().int(), createdAt: isoTime })
  .meta({ id: 'Partner' });
export type PartnerDto = z.infer<typeof partnerSchema>;

export const partnerBody = z.strictObject({ name: z.string().trim().min(1).max(200) });
