import { z } from 'zod';
import { isoTime, storedText } from '../http/schemas.js';

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
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).optional(),
});
