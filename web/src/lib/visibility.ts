import type { z } from 'zod';
import type { visibilitySchema } from '@server/contacts/schema';
import type { settingsSchema } from '@server/settings/schema';
import type { Tone } from '../components/Badge';
import type { Me } from './session';

/** Contacts and deals share the three levels (DESIGN §3). */
export type Visibility = z.infer<typeof visibilitySchema>;
type CrmSettings = z.infer<typeof settingsSchema>;

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

export const visibilityRank: Record<Visibility, number> = {
  individual: 0,
  partner: 1,
  organization: 2,
};

export const visibilityLabel = (v: Visibility) => visibilityOptions.find((o) => o.value === v)!;

/**
 * The visibility levels a new record may start at: partner-side users have
 * three, staff two; the org's settings raise the minimum (when the user can read them).
 */
export function creatableVisibilities(me: Me, settings: CrmSettings | undefined): Visibility[] {
  const partnerSide = me.user.partnerId !== null;
  const levels: Visibility[] = partnerSide
    ? ['individual', 'partner', 'organization']
    : ['individual', 'organization'];
  if (!settings) return levels;
  let minimum: Visibility = 'individual';
  if (!settings.allowPrivateContacts) minimum = partnerSide ? 'partner' : 'organization';
  if (settings.requireCommitToPartner) minimum = partnerSide ? 'partner' : 'organization';
  if (settings.requireCommitToOrg) minimum = 'organization';
  return levels.filter((v) => visibilityRank[v] >= visibilityRank[minimum]);
}

/** Where a record can be committed up to: above its level, skipping `partner` for staff records. */
export function commitTargets(record: {
  partnerId: string | null;
  visibility: Visibility;
}): Visibility[] {
  const levels: Visibility[] =
    record.partnerId === null
      ? ['individual', 'organization']
      : ['individual', 'partner', 'organization'];
  return levels.filter((v) => visibilityRank[v] > visibilityRank[record.visibility]);
}
