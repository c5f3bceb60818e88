import { z } from 'zod';
import { actions } from '../access/permissions.js';
import { isoTime, storedText } from '../http/schemas.js';
import { orgBriefSchema, planSchema } from '../orgs/schema.js';
import { emailSchema, nameSchema, passwordSchema, userSchema } from '../users/schema.js';

export const signupBody = z.strictObject({
  orgName: z.string().trim().min(1).max(200),
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  plan: planSchema.optional(),
});
export type SignupInput = z.infer<typeof signupBody>;

export const loginBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(200),
});

export const sessionSchema = z
  .object({ user: userSchema, org: orgBriefSchema })
  .meta({ id: 'Session' });

const scopeSchema = z.enum(['all', 'own', 'none']);
export const meSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      name: userSchema.shape.name,
      email: userSchema.shape.email,
      role: userSchema.shape.role,
      partnerId: z.uuid().nullable(),
    }),
    org: orgBriefSchema,
    permissions: z.object(
      Object.fromEntries(actions.map((a) => [a, scopeSchema])) as Record<
        (typeof actions)[number],
        typeof scopeSchema
      >,
    ),
  })
  .meta({ id: 'Me' });

export const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const tokenSchema = z
  .object({
    id: z.uuid(),
    name: storedText(100),
    createdAt: isoTime,
    lastUsedAt: isoTime.nullable(),
  })
  .meta({ id: 'ApiToken' });
export const newTokenSchema = z.object({
  id: z.uuid(),
  name: storedText(100),
  token: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_.-]+$/)
    .describe('the secret, for the Authorization: Bearer header; shown only once'),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: passwordSchema,
});
export const changeEmailBody = z.strictObject({
  email: emailSchema,
  currentPassword: z.string().max(200),
});
export const passwordResetSchema = z
  .object({
    token: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_.-]+$/)
      .describe('the reset token, to hand to the user; shown only once'),
    expiresAt: isoTime,
  })
  .meta({ id: 'PasswordReset' });
export const completeResetBody = z.strictObject({
  token: z.string().max(300),
  password: passwordSchema,
});
