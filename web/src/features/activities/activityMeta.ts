import type { IconName } from '../../components/Icon';
import type { ActivityType } from './api';

type Meta = { label: string; icon: IconName; tone: string };

/** How each activity type looks in the timeline. */
export const activityMeta = {
  note: { label: 'Note', icon: 'note', tone: 'amber' },
  email: { label: 'E-mail', icon: 'mail', tone: 'blue' },
  call: { label: 'Call', icon: 'phone', tone: 'green' },
  meeting: { label: 'Meeting', icon: 'calendar', tone: 'violet' },
  created: { label: 'Created', icon: 'star', tone: 'indigo' },
  field_update: { label: 'Updated', icon: 'edit', tone: 'gray' },
  status_change: { label: 'Status changed', icon: 'refresh', tone: 'teal' },
  visibility_change: { label: 'Committed up', icon: 'arrowUp', tone: 'indigo' },
  stage_change: { label: 'Stage changed', icon: 'arrowRight', tone: 'blue' },
  won: { label: 'Won', icon: 'award', tone: 'green' },
  lost: { label: 'Lost', icon: 'xCircle', tone: 'red' },
  import: { label: 'Imported', icon: 'download', tone: 'gray' },
  customer_linked: { label: 'Customer linked', icon: 'link', tone: 'teal' },
  template_used: { label: 'Template used', icon: 'send', tone: 'violet' },
  deleted: { label: 'Deleted', icon: 'trash', tone: 'red' },
  import_reverted: { label: 'Import undone', icon: 'refresh', tone: 'gray' },
} as const satisfies Record<ActivityType, Meta>;

export const manualTypes = ['note', 'email', 'call', 'meeting'] as const satisfies ActivityType[];

/** The types worth filtering a contact's timeline by. */
export const filterTypes: ActivityType[] = [
  'note',
  'email',
  'call',
  'meeting',
  'created',
  'field_update',
  'status_change',
  'visibility_change',
  'customer_linked',
  'import',
  'template_used',
];

const fieldLabels: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'E-mail',
  jobTitle: 'Job title',
  postalCode: 'Postal code',
  customFields: 'Custom fields',
  customerId: 'Customer',
  ownerId: 'Owner',
  partnerId: 'Partner',
  linkedin: 'LinkedIn',
};

export function fieldLabel(field: string): string {
  if (fieldLabels[field]) return fieldLabels[field];
  const spaced = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

const enumFields = new Set(['type', 'status', 'visibility']);

/** A changed value as text: lists joined, objects as key: value, empty as an em dash. */
export function valueText(value: unknown, field = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${k}: ${valueText(v)}`).join('; ') : '—';
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = String(value);
  return enumFields.has(field) ? text.replace(/_/g, ' ') : text;
}
