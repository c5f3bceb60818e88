import type { z } from 'zod';
import type { contactStatusSchema, contactTypeSchema } from '@server/contacts/schema';
import type { Tone } from '../../components/Badge';
import { visibilityLabel } from '../../lib/visibility';

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

export const labelOf = {
  type: (v: ContactType) => typeOptions.find((o) => o.value === v)!,
  status: (v: ContactStatus) => statusOptions.find((o) => o.value === v)!,
  visibility: visibilityLabel,
};
