import { z } from 'zod';
import { isoTime, storedText, storableString } from '../shared/schemas.js';

export const roleSchema = z.enum(['owner', 'admin', 'employee', 'partner', 'sales_rep']);
export const emailSchema = z.email().max(254);
export const passwordSchema = storableString(200).min(8, 'at least 8 characters');
export const nameSchema = storableString(200, { trim: true }).min(1);

export const userSchema = z
  .object({
    id: z.uuid(),
    name: storedText(200),
    email: storedText(254).meta({ format: 'email' }),
    role: roleSchema,
    partnerId: z.uuid().nullable(),
    active: z.boolean(),
    version: z.number().int().min(1).max(2_147_483_647),
    createdAt: isoTime,
  })
  .meta({ id: 'User' });
export type UserDto = z.infer<typeof userSchema>;

export const createUserBody = z.strictObject({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  // An org has one owner, made at sign-up.
  role: z.enum(['admin', 'employee', 'partner', 'sales_rep']),
  partnerId: z.uuid().nullable().optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

// No email or password: only the user changes those (POST /me/email, /me/password);
// an admin starts a reset instead (POST /users/:id/password-reset). Strict, so both are refused.
export const updateUserBody = z.strictObject({
  name: nameSchema.optional(),
  role: z.enum(['admin', 'employee', 'partner', 'sales_rep']).optional(),
  partnerId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;
