import type { z } from 'zod';
import type { contactStatusSchema, contactTypeSchema } from '@server/contacts/schema';
import type { Tone } from '../../components/Badge';
import type { Me } from '../../lib/session';
import type { Contact, CrmSettings, Visibility } from './api';

type ContactType = z.infer<typeof contactTypeSchema>;
type ContactStatus = z.infer<typeof contactStatusSchema>;

export const typeOptions: { value: ContactType; label: string; tone: Tone }[] = [
  { value: 'lead', label: 'Lead', tone: 'blue' },
  { value: 'prospect', label: 'Prospect', tone: 'violet' },
  { value: 'customer', label: 'Customer', tone: 'green' },
  { value: 'vendor', label: 'Vendor', tone: 'amber' },
  { value: 'other', label: 'Other', tone: 'gray' },
];

export const statusOptions: { value: ContactStatus; label: string; tone: Tone }[] = [
  { value: 'active', label: 'Active', tone: 'green' },
  { value: 'inactive', label: 'Inactive', tone: 'gray' },
  { value: 'do_not_contact', label: 'Do not contact', tone: 'red' },
];

export const visibilityOptions: {
  value: Visibility;
  label: string;
  tone: Tone;
  description: string;
}[] = [
  {
    value: 'individual',
    label: 'Individual',
    tone: 'gray',
    description: 'Only you (and org admins)',
  },
  {
    value: 'partner',
    label: 'Partner',
    tone: 'teal',
    description: 'You, your partner’s team and org admins',
  },
  {
    value: 'organization',
    label: 'Organization',
    tone: 'indigo',
    description: 'Everyone in the organization',
  },
];

const rank: Record<Visibility, number> = { individual: 0, partner: 1, organization: 2 };

/**
 * The visibility levels a new contact may start at: partner-side users have
 * three, staff two; the org's settings raise the minimum (when the user can read them).
 */
export function creatableVisibilities(me: Me, settings: CrmSettings | undefined): Visibility[] {
  const partnerSide = me.user.partnerId !== null;
  let levels: Visibility[] = partnerSide
    ? ['individual', 'partner', 'organization']
    : ['individual', 'organization'];
  if (!settings) return levels;
  let minimum: Visibility = 'individual';
  if (!settings.allowPrivateContacts) minimum = partnerSide ? 'partner' : 'organization';
  if (settings.requireCommitToPartner) minimum = partnerSide ? 'partner' : 'organization';
  if (settings.requireCommitToOrg) minimum = 'organization';
  levels = levels.filter((v) => rank[v] >= rank[minimum]);
  return levels;
}

/** Where a contact can be committed up to: above its level, skipping `partner` for staff records. */
export function commitTargets(contact: Contact): Visibility[] {
  const levels: Visibility[] =
    contact.partnerId === null
      ? ['individual', 'organization']
      : ['individual', 'partner', 'organization'];
  return levels.filter((v) => rank[v] > rank[contact.visibility]);
}

export const labelOf = {
  type: (v: ContactType) => typeOptions.find((o) => o.value === v)!,
  status: (v: ContactStatus) => statusOptions.find((o) => o.value === v)!,
  visibility: (v: Visibility) => visibilityOptions.find((o) => o.value === v)!,
};
