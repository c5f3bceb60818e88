import { textFieldNames } from '@server/contacts/fields';
import type {
  Contact,
  CreateContactInput,
  CustomField,
  UpdateContactInput,
  Visibility,
} from './api';

type TextField = (typeof textFieldNames)[number];

/** What the form edits: text as strings, custom fields as strings, tags as a list. */
export type ContactFormValues = { [K in TextField]: string } & {
  firstName: string;
  lastName: string;
  email: string;
  type: Contact['type'];
  status: Contact['status'];
  tags: string[];
  visibility: Visibility | '';
  customFields: Record<string, string>;
};

const blankText = Object.fromEntries(textFieldNames.map((f) => [f, ''])) as {
  [K in TextField]: string;
};

export function emptyValues(visibility: Visibility | ''): ContactFormValues {
  return {
    ...blankText,
    firstName: '',
    lastName: '',
    email: '',
    type: 'lead',
    status: 'active',
    tags: [],
    visibility,
    customFields: {},
  };
}

function customToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

export function valuesFromContact(contact: Contact, defs: CustomField[]): ContactFormValues {
  const text = Object.fromEntries(textFieldNames.map((f) => [f, contact[f] ?? ''])) as {
    [K in TextField]: string;
  };
  return {
    ...text,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    type: contact.type,
    status: contact.status,
    tags: [...contact.tags],
    visibility: contact.visibility,
    customFields: Object.fromEntries(
      defs.map((d) => [d.key, customToText(contact.customFields[d.key])]),
    ),
  };
}

/** A custom field's form text as the API wants it; null clears it. */
function customValue(def: CustomField, text: string): unknown {
  const value = text.trim();
  if (value === '') return null;
  if (def.type === 'number') return Number.isFinite(Number(value)) ? Number(value) : value;
  if (def.type === 'boolean') return value === 'true';
  return value;
}

export function toCreateBody(values: ContactFormValues, defs: CustomField[]): CreateContactInput {
  const body: Record<string, unknown> = {
    firstName: values.firstName,
    lastName: values.lastName,
    email: values.email.trim(),
    type: values.type,
    status: values.status,
  };
  for (const field of textFieldNames) if (values[field].trim()) body[field] = values[field];
  if (values.tags.length) body.tags = values.tags;
  if (values.visibility) body.visibility = values.visibility;
  const custom: Record<string, unknown> = {};
  for (const def of defs) {
    const value = customValue(def, values.customFields[def.key] ?? '');
    if (value !== null) custom[def.key] = value;
  }
  if (Object.keys(custom).length) body.customFields = custom;
  return body as CreateContactInput;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what changed against `contact`, so a PATCH never rewrites fields nobody touched. */
export function toUpdateBody(
  values: ContactFormValues,
  contact: Contact,
  defs: CustomField[],
): UpdateContactInput {
  const body: Record<string, unknown> = {};
  for (const field of ['firstName', 'lastName', 'email'] as const) {
    if (values[field].trim() !== contact[field]) body[field] = values[field].trim();
  }
  for (const field of textFieldNames) {
    if (!same(values[field].trim() || null, contact[field])) body[field] = values[field];
  }
  if (values.type !== contact.type) body.type = values.type;
  if (values.status !== contact.status) body.status = values.status;
  if (!same(values.tags, contact.tags)) body.tags = values.tags;
  const custom: Record<string, unknown> = {};
  for (const def of defs) {
    const value = customValue(def, values.customFields[def.key] ?? '');
    if (!same(value, contact.customFields[def.key])) custom[def.key] = value;
  }
  if (Object.keys(custom).length) body.customFields = custom;
  return body as UpdateContactInput;
}

/** Validation messages keyed for the form: `tags.3` → `tags`. */
export function formErrorKey(path: string): string {
  const [head, second] = path.split('.');
  if (head === 'customFields' && second) return `customFields.${second}`;
  return head ?? path;
}
