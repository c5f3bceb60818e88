import { z } from 'zod';
import { actions } from '../access/permissions.js';
import { isoTime, storedText, storableString } from '../shared/schemas.js';
import type { SettingSwitch } from '../access/context.js';
import { orgBriefSchema, orgSchema, planSchema } from '../orgs/schema.js';
import { settingsSchema } from '../settings/schema.js';
import { emailSchema, nameSchema, passwordSchema, userSchema } from '../users/schema.js';

export const signupBody = z.strictObject({
  orgName: storableString(200, { trim: true }).min(1),
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  plan: planSchema.optional(),
});
export type SignupInput = z.infer<typeof signupBody>;

// Not the sign-up rules (an old address or password may predate them), but storable and bounded.
export const loginBody = z.strictObject({
  email: storableString(254),
  password: storableString(200),
});

export const sessionSchema = z
  .object({ user: userSchema, org: orgBriefSchema })
  .meta({ id: 'Session' });

const scopeSchema = z.enum(['all', 'own', 'none']);
const meSettingSchema = z.enum(
  Object.keys(
    settingsSchema.omit({ maxContacts: true, defaultPhoneCountry: true, version: true }).shape,
  ) as [SettingSwitch, ...SettingSwitch[]],
);
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
    conditions: z
      .partialRecord(z.enum(actions), meSettingSchema)
      .describe(
        'the CRM setting that grants your role an action on its own records (scope own when on, none when off)',
      ),
    settings: settingsSchema
      .omit({ maxContacts: true, defaultPhoneCountry: true, version: true })
      .describe('the CRM settings that shape what you may do and see'),
    features: orgSchema.shape.features.describe('what the plan includes'),
  })
  .meta({ id: 'Me' });

export const tokenBody = z.strictObject({ name: storableString(100, { trim: true }).min(1) });
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
  currentPassword: storableString(200),
  newPassword: passwordSchema,
});
export const changeEmailBody = z.strictObject({
  email: emailSchema,
  currentPassword: storableString(200),
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
  token: storableString(300),
  password: passwordSchema,
});
