import type { CrmSettings } from './api';

export type ToggleKey = Exclude<keyof CrmSettings, 'maxContacts' | 'version'>;

/** The seven switches, in the order of the training manual, each with what it does. */
export const toggles = [
  {
    key: 'allowPrivateContacts',
    label: 'Allow private contacts',
    help: 'Users may keep new contacts and deals at Individual level (only the owner and org admins see them). Off: new records start at least at Partner level.',
  },
  {
    key: 'requireCommitToPartner',
    label: 'Require commit to partner',
    help: "New records start visible to the owner's partner team at least (org staff records start at Organization).",
  },
  {
    key: 'requireCommitToOrg',
    label: 'Require commit to organization',
    help: 'New records start visible to the whole organization.',
  },
  {
    key: 'partnersCanSeeOrgContacts',
    label: 'Partners can see organization contacts',
    help: 'Partners and their sales reps can read records committed to the organization.',
  },
  {
    key: 'repsCanCommitUpward',
    label: 'Sales reps can commit upward',
    help: 'Sales reps may raise the visibility of their own records themselves.',
  },
  {
    key: 'repsCanEditOwnContacts',
    label: 'Sales reps can edit their own contacts',
    help: 'By default sales reps create contacts but cannot change them afterwards.',
  },
  {
    key: 'partnersCanDeleteOwnContacts',
    label: 'Partners can delete their own contacts',
    help: 'By default only org admins delete contacts.',
  },
] as const satisfies readonly { key: ToggleKey; label: string; help: string }[];

export const planLabels = { starter: 'Starter', growth: 'Growth', scale: 'Scale' } as const;

export const featureLabels = {
  import: 'CSV import',
  export: 'CSV export',
  custom_fields: 'Custom fields',
} as const;
