/**
 * A contact's own fields, written once. The API's request and response
 * schemas, the DTO, the CSV columns and headers, the export and the
 * import's staging table are derived from this table (with the Drizzle
 * table for the column names): a new field is a column, a line here, and a
 * header alias if imports should recognize other names for it.
 *
 * `max` is the most characters a value may have (API and CSV alike);
 * `required` fields may not be empty; `header` is the export's column name.
 */
export const contactFields = {
  firstName: { kind: 'text', max: 100, required: true, header: 'First Name' },
  lastName: { kind: 'text', max: 100, required: true, header: 'Last Name' },
  email: { kind: 'email', max: 254, required: true, header: 'Email' },
  phone: { kind: 'text', max: 50, header: 'Phone' },
  mobile: { kind: 'text', max: 50, header: 'Mobile' },
  company: { kind: 'text', max: 200, header: 'Company' },
  jobTitle: { kind: 'text', max: 200, header: 'Job Title' },
  website: { kind: 'text', max: 500, header: 'Website' },
  linkedin: { kind: 'text', max: 500, header: 'LinkedIn' },
  street: { kind: 'text', max: 300, header: 'Street' },
  city: { kind: 'text', max: 100, header: 'City' },
  state: { kind: 'text', max: 100, header: 'State' },
  postalCode: { kind: 'text', max: 20, header: 'Postal Code' },
  country: { kind: 'text', max: 100, header: 'Country' },
  type: { kind: 'type', header: 'Type' },
  status: { kind: 'status', header: 'Status' },
  source: { kind: 'text', max: 100, header: 'Source' },
  tags: { kind: 'tags', header: 'Tags' },
  notes: { kind: 'text', max: 20_000, header: 'Notes' },
} as const satisfies Record<string, ContactField>;

export type ContactField =
  | { kind: 'text' | 'email'; max: number; required?: true; header: string }
  | { kind: 'type' | 'status' | 'tags'; header: string };

type Fields = typeof contactFields;
export type ContactFieldName = keyof Fields;

/** The field names in the table's order (the API's and the export's order). */
export const contactFieldNames = Object.keys(contactFields) as ContactFieldName[];

/** Fields of free text (with a `max`). */
type LimitedFieldName = {
  [K in ContactFieldName]: Fields[K] extends { max: number } ? K : never;
}[ContactFieldName];

/** Optional free-text fields: what a form shows as a plain text input. */
export type OptionalTextFieldName = {
  [K in ContactFieldName]: Fields[K] extends { kind: 'text'; required?: undefined } ? K : never;
}[ContactFieldName];

/** The limits of a contact's text fields, for the API, the CSV import and the answers alike. */
export const contactTextLimits = Object.fromEntries(
  Object.entries(contactFields).flatMap(([name, field]) =>
    'max' in field ? [[name, field.max]] : [],
  ),
) as { [K in LimitedFieldName]: Fields[K] extends { max: infer M } ? M : never };

export const textFieldNames = contactFieldNames.filter((name) => {
  const field: ContactField = contactFields[name];
  return field.kind === 'text' && !('required' in field);
}) as OptionalTextFieldName[];
