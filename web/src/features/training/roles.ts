import type { Tone } from '../../components/Badge';
import type { Role } from '../../lib/session';
import type { TrainingRole } from './api';

export const roleBadges = {
  org_admin: { label: 'Org admins', tone: 'indigo' },
  partner: { label: 'Partners', tone: 'teal' },
  sales_rep: { label: 'Sales reps', tone: 'blue' },
} as const satisfies Record<TrainingRole, { label: string; tone: Tone }>;

/** Which badge a signed-in user wears (employees learn with the org admins). */
export const trainingRoleOf = (role: Role): TrainingRole =>
  role === 'partner' ? 'partner' : role === 'sales_rep' ? 'sales_rep' : 'org_admin';
