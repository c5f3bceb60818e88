import { z } from 'zod';
import { isoTime, storedText, storableString } from '../shared/schemas.js';

export const customerSchema = z
  .object({
    id: z.uuid(),
    name: storedText(200),
    email: storedText(254).meta({ format: 'email' }).nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'Customer' });
export type CustomerDto = z.infer<typeof customerSchema>;

export const createCustomerBody = z.strictObject({
  name: storableString(200, { trim: true }).min(1),
  email: z.email().max(254).optional(),
});
