// The typed mirror of migrations/*.sql, the source of truth (schema.test.ts checks they agree).
import {
  bigint,
  customType,
  boolean,
  char,
  date,
  doublePrecision,
  integer,
  json,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type Visibility = 'individual' | 'partner' | 'organization';
export type Role = 'owner' | 'admin' | 'employee' | 'partner' | 'sales_rep';
export type Plan = 'starter' | 'growth' | 'scale';
export type FieldChange = { field: string; from: unknown; to: unknown };

export const orgs = pgTable('orgs', {
  orgId: uuid('org_id').primaryKey(),
  name: text('name').notNull(),
  plan: text('plan').$type<Plan>().notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const orgUsage = pgTable('org_usage', {
  orgId: uuid('org_id').primaryKey(),
  contacts: bigint('contacts', { mode: 'number' }).notNull().default(0),
  deals: bigint('deals', { mode: 'number' }).notNull().default(0),
});

export const crmSettings = pgTable('crm_settings', {
  orgId: uuid('org_id').primaryKey(),
  allowPrivateContacts: boolean('allow_private_contacts').notNull(),
  requireCommitToPartner: boolean('require_commit_to_partner').notNull(),
  requireCommitToOrg: boolean('require_commit_to_org').notNull(),
  partnersCanSeeOrgContacts: boolean('partners_can_see_org_contacts').notNull(),
  repsCanCommitUpward: boolean('reps_can_commit_upward').notNull(),
  repsCanEditOwnContacts: boolean('reps_can_edit_own_contacts').notNull(),
  partnersCanDeleteOwnContacts: boolean('partners_can_delete_own_contacts').notNull(),
  hideStaffNamesFromPartners: boolean('hide_staff_names_from_partners').notNull(),
  maxContacts: integer('max_contacts'),
  defaultPhoneCountry: text('default_phone_country'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const partners = pgTable(
  'partners',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const users = pgTable(
  'users',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    partnerId: uuid('partner_id'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const userEmails = pgTable('user_emails', {
  email: text('email').primaryKey(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
});

export const loginFailures = pgTable('login_failures', {
  key: text('key').notNull(),
  failedAt: ts('failed_at').notNull().defaultNow(),
  attemptId: uuid('attempt_id'),
});

export const sessions = pgTable(
  'sessions',
  {
    orgId: uuid('org_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenHash] })],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    orgId: uuid('org_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdBy: uuid('created_by').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenHash] })],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const customers = pgTable(
  'customers',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select';

export const customFieldDefs = pgTable(
  'custom_field_defs',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').$type<CustomFieldType>().notNull(),
    options: jsonb('options').$type<string[] | null>(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const imports = pgTable(
  'imports',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    fileName: text('file_name'),
    bytesTotal: bigint('bytes_total', { mode: 'number' }).notNull().default(0),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    /** All refused rows; the first of them are in import_errors. */
    errorCount: integer('error_count').notNull().default(0),
    /** The file's header, for the failed rows' CSV. */
    header: text('header').array(),
    failure: text('failure'),
    phase: text('phase').$type<'planned'>(),
    nextRow: integer('next_row').notNull().default(0), // steps.ts: last file row written
    revertedAt: ts('reverted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** An import's first refused rows, up to a count and a byte bound (import.ts), with their cells when kept. */
export const importErrors = pgTable(
  'import_errors',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    row: integer('row_no').notNull(),
    message: text('message').notNull(),
    cells: text('cells').array(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.importId, t.row] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** An async import's upload, in chunks of about 1 MB, until its job ends (migration 0030). */
export const importFiles = pgTable(
  'import_files',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.importId, t.seq] })],
);

/** A saved column mapping of the import (migration 0027); partner_id null: the staff's. */
export const importMappings = pgTable(
  'import_mappings',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    mapping: json('mapping').$type<Record<string, string | null>>().notNull(),
    partnerId: uuid('partner_id'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export type ContactType = 'lead' | 'prospect' | 'customer' | 'vendor' | 'other';
export type ContactStatus = 'active' | 'inactive' | 'do_not_contact';

export const contacts = pgTable(
  'contacts',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    mobile: text('mobile'),
    /** The phones' match keys (E.164, src/contacts/normalize.ts); null when not a valid number. */
    phoneE164: text('phone_e164'),
    mobileE164: text('mobile_e164'),
    company: text('company'),
    jobTitle: text('job_title'),
    website: text('website'),
    linkedin: text('linkedin'),
    street: text('street'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    country: text('country'),
    type: text('type').$type<ContactType>().notNull().default('lead'),
    status: text('status').$type<ContactStatus>().notNull().default('active'),
    source: text('source'),
    tags: text('tags').array().notNull().default([]),
    notes: text('notes'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    customerId: uuid('customer_id'),
    ownerId: uuid('owner_id').notNull(),
    partnerId: uuid('partner_id'),
    visibility: text('visibility').$type<Visibility>().notNull(),
    importId: uuid('import_id'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const stages = pgTable(
  'stages',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    color: text('color').notNull(),
    position: integer('position').notNull(),
    probability: integer('probability').notNull(),
    isWon: boolean('is_won').notNull().default(false),
    isLost: boolean('is_lost').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const deals = pgTable(
  'deals',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    probability: integer('probability').notNull(),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    contactId: uuid('contact_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    position: doublePrecision('position').notNull(),
    description: text('description'),
    tags: text('tags').array().notNull().default([]),
    source: text('source'),
    lostReason: text('lost_reason'),
    wonAt: ts('won_at'),
    lostAt: ts('lost_at'),
    ownerId: uuid('owner_id').notNull(),
    partnerId: uuid('partner_id'),
    visibility: text('visibility').$type<Visibility>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export type ActivityType =
  | 'note'
  | 'email'
  | 'call'
  | 'meeting'
  | 'created'
  | 'field_update'
  | 'status_change'
  | 'visibility_change'
  | 'stage_change'
  | 'won'
  | 'lost'
  | 'import'
  | 'customer_linked'
  | 'template_used'
  | 'deleted'
  | 'import_reverted';

export const activities = pgTable(
  'activities',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id'),
    dealId: uuid('deal_id'),
    type: text('type').$type<ActivityType>().notNull(),
    subject: text('subject'),
    body: text('body'),
    changes: jsonb('changes').$type<FieldChange[] | null>(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').$type<Role | null>(),
    /** The import that wrote it (an import's own activities and its revert's). */
    importId: uuid('import_id'),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const templates = pgTable(
  'templates',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    category: text('category').$type<'email' | 'sms' | 'note'>().notNull(),
    name: text('name').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    visibility: text('visibility').$type<'individual' | 'organization'>().notNull(),
    ownerId: uuid('owner_id').notNull(),
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: ts('last_used_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);
