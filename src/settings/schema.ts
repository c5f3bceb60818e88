import { z } from 'zod';
import { isPhoneCountry } from '../contacts/normalize.js';

const phoneCountry = z
  .string()
  .length(2)
  .regex(/^[A-Z]{2}$/, 'an ISO-3166 alpha-2 country code such as GB')
  .refine(isPhoneCountry, 'a country with a phone numbering plan')
  .nullable()
  .describe(
    'the country (ISO-3166 alpha-2) a national phone number is read in when the contact names none; null: numbers need their +country code to be matched',
  );

export const settingsSchema = z
  .object({
    allowPrivateContacts: z.boolean(),
    requireCommitToPartner: z.boolean(),
    requireCommitToOrg: z.boolean(),
    partnersCanSeeOrgContacts: z.boolean(),
    repsCanCommitUpward: z.boolean(),
    repsCanEditOwnContacts: z.boolean(),
    partnersCanDeleteOwnContacts: z.boolean(),
    hideStaffNamesFromPartners: z.boolean(),
    maxContacts: z.number().int().min(0).max(100_000_000).nullable(),
    defaultPhoneCountry: phoneCountry,
    version: z.number().int().min(1).max(2_147_483_647),
  })
  .meta({ id: 'CrmSettings' });

export const updateSettingsBody = z.strictObject({
  allowPrivateContacts: z.boolean().optional(),
  requireCommitToPartner: z.boolean().optional(),
  requireCommitToOrg: z.boolean().optional(),
  partnersCanSeeOrgContacts: z.boolean().optional(),
  repsCanCommitUpward: z.boolean().optional(),
  repsCanEditOwnContacts: z.boolean().optional(),
  partnersCanDeleteOwnContacts: z.boolean().optional(),
  hideStaffNamesFromPartners: z.boolean().optional(),
  maxContacts: z.number().int().min(0).max(100_000_000).nullable().optional(),
  defaultPhoneCountry: phoneCountry.optional(),
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsBody>;
