import { z } from 'zod';
import {
  cursorParam,
  isoTime,
  limitParam,
  storedText,
  cursorTime,
  storableJson,
  storableString,
} from '../shared/schemas.js';
import { looksLikePhone } from './normalize.js';
import {
  contactFieldNames,
  contactFields,
  type ContactField,
  type ContactFieldName,
} from './fields.js';

export const contactTypes = ['lead', 'prospect', 'customer', 'vendor', 'other'] as const;
export const contactStatuses = ['active', 'inactive', 'do_not_contact'] as const;
export const visibilities = ['individual', 'partner', 'organization'] as const;

export const contactTypeSchema = z.enum(contactTypes);
export const contactStatusSchema = z.enum(contactStatuses);
export const visibilitySchema = z.enum(visibilities);

/** Optional text: trimmed; an empty string clears the field (forms send ""). */
const text = (max: number) =>
  storableString(max, { trim: true })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const requiredText = (max: number) => storableString(max, { trim: true }).min(1, 'required');

/** A contact's or deal's tags: at most maxTags, each at most maxTagLength characters. */
export const maxTags = 50;
export const maxTagLength = 50;

export const tagsSchema = z
  .array(storableString(maxTagLength, { trim: true }).min(1))
  .max(maxTags)
  .transform((tags) => [...new Set(tags)]);

export const customFieldsSchema = z.record(storableString(64), storableJson);

const email = (max: number) => z.email('a valid e-mail address').max(max);

/** A field's schema as the API takes it, by the field's kind (src/contacts/fields.ts). */
type Editable<F> = F extends { kind: 'email' }
  ? ReturnType<typeof email>
  : F extends { kind: 'text'; required: true }
    ? ReturnType<typeof requiredText>
    : F extends { kind: 'text' }
      ? ReturnType<typeof text>
      : F extends { kind: 'type' }
        ? typeof contactTypeSchema
        : F extends { kind: 'status' }
          ? typeof contactStatusSchema
          : typeof tagsSchema;

function editableSchema(field: ContactField) {
  if (field.kind === 'email') return email(field.max);
  if (field.kind === 'text') return field.required ? requiredText(field.max) : text(field.max);
  if (field.kind === 'type') return contactTypeSchema;
  if (field.kind === 'status') return contactStatusSchema;
  return tagsSchema;
}

/** The editable fields of a contact, as the API takes them. */
const editable = {
  ...(Object.fromEntries(
    contactFieldNames.map((name) => [name, editableSchema(contactFields[name])]),
  ) as { [K in ContactFieldName]: Editable<(typeof contactFields)[K]> }),
  customFields: customFieldsSchema,
};

const storedTags = z.array(storedText(maxTagLength)).max(maxTags);

/** A field's schema as the API answers it. */
type Stored<F> = F extends { kind: 'email' }
  ? ReturnType<typeof storedText>
  : F extends { kind: 'text'; required: true }
    ? ReturnType<typeof storedText>
    : F extends { kind: 'text' }
      ? z.ZodNullable<ReturnType<typeof storedText>>
      : F extends { kind: 'type' }
        ? typeof contactTypeSchema
        : F extends { kind: 'status' }
          ? typeof contactStatusSchema
          : typeof storedTags;

function storedSchema(field: ContactField) {
  if (field.kind === 'email') return storedText(field.max).meta({ format: 'email' });
  if (field.kind === 'text') {
    return field.required ? storedText(field.max) : storedText(field.max).nullable();
  }
  if (field.kind === 'type') return contactTypeSchema;
  if (field.kind === 'status') return contactStatusSchema;
  return storedTags;
}

export const createContactBody = z
  .strictObject({
    ...editable,
    type: editable.type.optional(),
    status: editable.status.optional(),
    tags: editable.tags.optional(),
    customFields: editable.customFields.optional(),
    visibility: visibilitySchema.optional(),
    ownerId: z.uuid().optional(),
  })
  .meta({ id: 'ContactCreate' });
export type CreateContactInput = z.infer<typeof createContactBody>;

export const updateContactBody = z
  .strictObject({
    ...Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, v.optional()])),
    visibility: visibilitySchema.optional(),
    ownerId: z.uuid().optional(),
  } as { [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]> } & {
    visibility: z.ZodOptional<typeof visibilitySchema>;
    ownerId: z.ZodOptional<z.ZodUUID>;
  })
  .meta({ id: 'ContactUpdate' });
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const contactSchema = z
  .object({
    id: z.uuid(),
    ...(Object.fromEntries(
      contactFieldNames.map((name) => [name, storedSchema(contactFields[name])]),
    ) as { [K in ContactFieldName]: Stored<(typeof contactFields)[K]> }),
    customFields: z
      .record(storedText(64), z.unknown())
      .describe('values of the organization’s custom fields, by key'),
    customerId: z.uuid().nullable(),
    ownerId: z.uuid(),
    partnerId: z.uuid().nullable(),
    visibility: visibilitySchema,
    version: z.number().int().min(1).max(2_147_483_647),
    createdBy: z.uuid(),
    createdAt: isoTime,
    updatedAt: isoTime,
    ownerName: storedText(200)
      .nullable()
      .describe(
        'null when the organization hides its staff names from partners (hideStaffNamesFromPartners)',
      ),
    can: z
      .object({ edit: z.boolean(), delete: z.boolean(), commit: z.boolean() })
      .describe('what you may do with this contact (your role, the CRM settings, its owner)'),
  })
  .meta({ id: 'Contact' });
export type ContactDto = z.infer<typeof contactSchema>;

export const contactSorts = [
  '-createdAt',
  'createdAt',
  'name',
  '-name',
  '-updatedAt',
  'updatedAt',
] as const;

/** The list's filters; export takes the same ones. */
export const contactFilters = {
  q: storableString(200, { trim: true }).min(2, 'search needs at least 2 characters').optional(),
  status: contactStatusSchema.optional(),
  type: contactTypeSchema.optional(),
  visibility: visibilitySchema.optional(),
  tag: storableString(50, { trim: true }).min(1).optional(),
  ownerId: z.uuid().optional(),
  phone: storableString(50, { trim: true })
    .refine(looksLikePhone, 'a phone number (digits, spaces, + ( ) - . /)')
    .optional()
    .describe(
      'a phone number in any format ("+44 20 7946 0958", "(020) 7946-0958"): contacts whose phone or mobile is that number; a national number is read in the defaultPhoneCountry setting',
    ),
};
export type ContactFilters = {
  [K in keyof typeof contactFilters]?: z.infer<(typeof contactFilters)[K]>;
};

/** A contacts cursor: the sort that made it, then the last row's sort values (see repo.cursorOf). */
export const contactCursor = z.union([
  z.tuple([z.enum(['createdAt', '-createdAt', 'updatedAt', '-updatedAt']), cursorTime, z.uuid()]),
  z.tuple([z.enum(['name', '-name']), storableString(1000), storableString(1000), z.uuid()]),
]);
export type ContactCursor = z.infer<typeof contactCursor>;

export const listContactsQuery = z
  .strictObject({
    ...contactFilters,
    sort: z.enum(contactSorts).default('-createdAt'),
    limit: limitParam,
    cursor: cursorParam(contactCursor),
  })
  .refine((q) => q.cursor === undefined || q.cursor[0] === q.sort, {
    path: ['cursor'],
    message: 'cursor belongs to another sort order',
  });
export type ListContactsQuery = z.infer<typeof listContactsQuery>;

export const commitBody = z.strictObject({ visibility: visibilitySchema });
export const linkCustomerBody = z.strictObject({ customerId: z.uuid() });

export const contactStatsSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.object(
      Object.fromEntries(contactStatuses.map((s) => [s, z.number().int()])) as Record<
        (typeof contactStatuses)[number],
        z.ZodNumber
      >,
    ),
    byType: z.object(
      Object.fromEntries(contactTypes.map((s) => [s, z.number().int()])) as Record<
        (typeof contactTypes)[number],
        z.ZodNumber
      >,
    ),
  })
  .meta({ id: 'ContactStats' });
