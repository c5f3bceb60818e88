import type { crmSettings, Plan, Role } from '../db/schema.js';

export type CrmSettings = Omit<typeof crmSettings.$inferSelect, 'orgId' | 'version' | 'updatedAt'>;

/** Who is asking: resolved once per request by src/http/auth.ts. */
export type Actor = {
  userId: string;
  orgId: string;
  role: Role;
  partnerId: string | null;
  name: string;
  email: string;
};

/** Everything an access decision needs; passed explicitly to every service function. */
export type AccessContext = {
  actor: Actor;
  plan: Plan;
  settings: CrmSettings;
};

export const isOrgAdmin = (role: Role): boolean => role === 'owner' || role === 'admin';
export const isPartnerSide = (role: Role): boolean => role === 'partner' || role === 'sales_rep';

/** A CRM setting that is a switch (every setting but the contact cap). */
export type SettingSwitch = {
  [K in keyof CrmSettings]: CrmSettings[K] extends boolean ? K : never;
}[keyof CrmSettings];
