import { settingLabels } from '../../lib/permissions';
import type { CrmSettings } from './api';

export type ToggleKey = Exclude<keyof CrmSettings, 'maxContacts' | 'version'>;

/** The switches, in the order of the training manual (then ours), each with what it does; labels as reasons quote them. */
export const toggles = [
  {
    key: 'allowPrivateContacts',
    label: settingLabels.allowPrivateContacts,
    help: 'Users may keep new contacts and deals at Individual level (only the owner and org admins see them). Off: new records start at least at Partner level.',
  },
  {
    key: 'requireCommitToPartner',
    label: settingLabels.requireCommitToPartner,
    help: "New records start visible to the owner's partner team at least (org staff records start at Organization).",
  },
  {
    key: 'requireCommitToOrg',
    label: settingLabels.requireCommitToOrg,
    help: 'New records start visible to the whole organization.',
  },
  {
    key: 'partnersCanSeeOrgContacts',
    label: settingLabels.partnersCanSeeOrgContacts,
    help: 'Partners and their sales reps can read records committed to the organization.',
  },
  {
    key: 'repsCanCommitUpward',
    label: settingLabels.repsCanCommitUpward,
    help: 'Sales reps may raise the visibility of their own records themselves.',
  },
  {
    key: 'repsCanEditOwnContacts',
    label: settingLabels.repsCanEditOwnContacts,
    help: 'By default sales reps create contacts but cannot change them afterwards.',
  },
  {
    key: 'partnersCanDeleteOwnContacts',
    label: settingLabels.partnersCanDeleteOwnContacts,
    help: 'By default only org admins delete contacts.',
  },
  {
    key: 'hideStaffNamesFromPartners',
    label: settingLabels.hideStaffNamesFromPartners,
    help: 'Partners and their sales reps see “Organization staff” instead of the name of an org user who owns a record. Off: everyone in the organization sees owners by name.',
  },
] as const satisfies readonly { key: ToggleKey; label: string; help: string }[];

export const planLabels = { starter: 'Starter', growth: 'Growth', scale: 'Scale' } as const;

export const featureLabels = {
  import: 'CSV import',
  export: 'CSV export',
  custom_fields: 'Custom fields',
} as const;
