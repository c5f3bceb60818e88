import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { ownerNameSql } from '../access/owners.js';
import { recordCanSql } from '../access/permissions.js';
import { readableWhere } from '../access/visibility.js';
import { queryRows, type Executor } from '../db/client.js';
import { rowJson } from '../db/rows.js';
import { contacts } from '../db/schema.js';
import { contactFieldNames, type ContactFieldName } from './fields.js';
import { contactPhoneKeys, looksLikePhone, phoneKey } from './normalize.js';
import {
  contactSchema,
  type ContactCursor,
  type ContactDto,
  type ContactFilters,
  type ListContactsQuery,
} from './schema.js';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

/** `%` and `_` in a search are literal characters, not wildcards. */
export const likePattern = (q: string) =>
  `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The rows of the org the viewer may read, not deleted: the base of every contact read. */
export function readableContacts(ctx: AccessContext): SQL {
  return readableWhere(ctx, contacts);
}

/** The list/export filters as SQL, on top of readableContacts. */
export function contactFilterWhere(ctx: AccessContext, f: ContactFilters): SQL {
  return and(
    readableContacts(ctx),
    f.q ? searchWhere(ctx, f.q) : undefined,
    f.phone ? phoneWhere(ctx, f.phone) : undefined,
    f.status ? eq(contacts.status, f.status) : undefined,
    f.type ? eq(contacts.type, f.type) : undefined,
    f.visibility ? eq(contacts.visibility, f.visibility) : undefined,
    f.tag ? sql`${contacts.tags} @> array[${f.tag}]::text[]` : undefined,
    f.ownerId ? eq(contacts.ownerId, f.ownerId) : undefined,
  )!;
}

/** Contacts whose phone or mobile is this E.164 key (one index probe each). */
const phoneKeyWhere = (key: string): SQL =>
  sql`(${contacts.phoneE164} = ${key} or ${contacts.mobileE164} = ${key})`;

/**
 * The search box: a substring of the search text, or, when the query reads
 * as a phone number, that number in whatever format the contact has it
 * (read in the organization's default phone country when it has no +code).
 */
function searchWhere(ctx: AccessContext, q: string): SQL {
  const text = sql`${sql.raw('"contacts"."search_text"')} like ${likePattern(q)} escape '\\'`;
  const key = looksLikePhone(q) ? phoneKey(q, ctx.settings.defaultPhoneCountry) : null;
  return key ? sql`(${text} or ${phoneKeyWhere(key)})` : text;
}

/**
 * The `phone` filter: the number in any format. A number with no country to
 * read it in (national, and no defaultPhoneCountry) matches nothing; the
 * schema already refused text that is no phone number at all.
 */
function phoneWhere(ctx: AccessContext, phone: string): SQL {
  const key = phoneKey(phone, ctx.settings.defaultPhoneCountry);
  return key ? phoneKeyWhere(key) : sql`false`;
}

/** A contact the viewer can read; with `forUpdate`, row-locked for the rest of the transaction. */
export async function findReadableContact(
  ex: Executor,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactRow | undefined> {
  const query = ex
    .select()
    .from(contacts)
    .where(and(readableContacts(ctx), eq(contacts.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * Inserts contacts with their phone keys, made here from each row's phone,
 * mobile and country (the organization's `defaultPhoneCountry` when the
 * country names none), so no writer can store a contact without them.
 */
export async function insertContacts(
  ex: Executor,
  rows: NewContact[],
  defaultPhoneCountry: string | null,
): Promise<ContactRow[]> {
  if (rows.length === 0) return [];
  const keyed = rows.map((row) => ({ ...row, ...contactPhoneKeys(row, defaultPhoneCountry) }));
  return ex.insert(contacts).values(keyed).returning();
}

export async function updateContactRow(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<NewContact>,
): Promise<ContactRow> {
  const [row] = await ex
    .update(contacts)
    .set({ ...patch, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)))
    .returning();
  return row!;
}

export type SortKey = 'createdAt' | 'name' | 'updatedAt';

const sortColumns = {
  createdAt: [contacts.createdAt, contacts.id],
  updatedAt: [contacts.updatedAt, contacts.id],
  name: [contacts.lastName, contacts.firstName, contacts.id],
} as const;

/** A contact's cursor (from its API form): the sort, then its keyset values. */
export function cursorOf(
  contact: Pick<ContactDto, 'lastName' | 'firstName' | 'id' | 'createdAt' | 'updatedAt'>,
  sort: ListContactsQuery['sort'],
): ContactCursor {
  switch (sort) {
    case 'name':
    case '-name':
      return [sort, contact.lastName, contact.firstName, contact.id];
    case 'createdAt':
    case '-createdAt':
      return [sort, contact.createdAt, contact.id];
    case 'updatedAt':
    case '-updatedAt':
      return [sort, contact.updatedAt, contact.id];
    default: {
      const unreachable: never = sort;
      throw new Error(`unknown sort ${String(unreachable)}`);
    }
  }
}

/** The DTO's keys that are not columns: the owner's name and what the caller may do. */
const derivedKeys = new Set(['ownerName', 'can']);
const columnKeys = Object.keys(contactSchema.shape).filter((k) => !derivedKeys.has(k));

/** A contact as the API's JSON, for this caller: its columns, then ownerName and can. */
export function contactJson(ctx: AccessContext): SQL {
  return rowJson(contacts, columnKeys, {
    ownerName: ownerNameSql(ctx, contacts),
    can: recordCanSql(ctx, 'contact', sql`${contacts.ownerId}`),
  });
}

/**
 * One page in keyset order, and one more row to tell whether another page
 * follows; `after` is the previous page's cursor without its sort. Each
 * contact comes as the API's JSON text (see rowJson).
 */
export async function listContactPage(
  ex: Executor,
  ctx: AccessContext,
  filters: ContactFilters,
  sort: { key: SortKey; descending: boolean },
  after: readonly string[] | undefined,
  limit: number,
): Promise<string[]> {
  const columns = sortColumns[sort.key];
  const conditions = [contactFilterWhere(ctx, filters)];
  if (after) {
    const casts = sort.key === 'name' ? ['text', 'text', 'uuid'] : ['timestamptz', 'uuid'];
    const keys = sql.join(
      after.map((v, i) => sql`${v}::${sql.raw(casts[i]!)}`),
      sql`, `,
    );
    const cols = sql.join([...columns], sql`, `);
    conditions.push(sort.descending ? sql`(${cols}) < (${keys})` : sql`(${cols}) > (${keys})`);
  }
  const direction = sql.raw(sort.descending ? 'desc' : 'asc');
  const order = sql.join(
    columns.map((c) => sql`${c} ${direction}`),
    sql`, `,
  );
  const rows = await queryRows<{ json: string }>(
    ex,
    sql`select ${contactJson(ctx)}::text as json from ${contacts}
        where ${and(...conditions)} order by ${order} limit ${limit + 1}`,
  );
  return rows.map((r) => r.json);
}

export async function contactStats(ex: Executor, ctx: AccessContext) {
  const [row] = await queryRows<Record<string, number>>(
    ex,
    sql`select count(*)::int as total,
          count(*) filter (where status = 'active')::int as active,
          count(*) filter (where status = 'inactive')::int as inactive,
          count(*) filter (where status = 'do_not_contact')::int as do_not_contact,
          count(*) filter (where type = 'lead')::int as lead,
          count(*) filter (where type = 'prospect')::int as prospect,
          count(*) filter (where type = 'customer')::int as customer,
          count(*) filter (where type = 'vendor')::int as vendor,
          count(*) filter (where type = 'other')::int as other
        from ${contacts} where ${readableContacts(ctx)}`,
  );
  return row!;
}

/** The column of each of a contact's own fields, in the field table's order. */
const contactFieldColumns = contactFieldNames.map((name) => contacts[name]);

/** `s.<column>`, or its column default when NULL: what an insert writes for an absent value. */
function valueOrDefault(column: (typeof contactFieldColumns)[number]): SQL {
  const value = sql`s.${sql.identifier(column.name)}`;
  if (!column.notNull || column.default === undefined) return value;
  // The one array default is the empty array, which a parameter cannot carry on both drivers.
  if (Array.isArray(column.default)) return sql`coalesce(${value}, '{}')`;
  return sql`coalesce(${value}, ${column.default})`;
}

const fieldColumnList = sql.join(
  contactFieldColumns.map((column) => sql.identifier(column.name)),
  sql`, `,
);

/**
 * The import's bulk insert: a contact for each row of `source`, a query
 * whose columns are named as the contacts table's (`id`, the fields'
 * columns, `phone_e164`, `mobile_e164`, `custom_fields` (NULL: none),
 * `visibility`), owned by the caller and tagged with `importId`. Returns
 * how many were written.
 */
export async function insertContactsFrom(
  ex: Executor,
  ctx: AccessContext,
  source: SQL,
  importId: string,
): Promise<number> {
  const { orgId, userId, partnerId } = ctx.actor;
  const values = sql.join(contactFieldColumns.map(valueOrDefault), sql`, `);
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`with ins as (
          insert into ${contacts} (org_id, id, ${fieldColumnList}, phone_e164, mobile_e164, custom_fields, owner_id, partner_id, visibility, import_id, created_by)
          select ${orgId}::uuid, s.id, ${values}, s.phone_e164, s.mobile_e164, coalesce(s.custom_fields, '{}'), ${userId}::uuid, ${partnerId}::uuid, s.visibility,
                 ${importId}::uuid, ${userId}::uuid
          from (${source}) s
          returning 1)
        select count(*)::int as n from ins`,
  );
  return row!.n;
}

/**
 * The import's bulk update: each row of `source` (`id`, the fields'
 * columns, the phone keys and `custom_fields`, NULL = keep) overwrites its
 * contact's fields, except `except`, and merges its custom fields, with
 * version + 1; a phone's key follows the phone. The caller decides which
 * rows change.
 */
export async function updateContactsFrom(
  ex: Executor,
  orgId: string,
  source: SQL,
  except: readonly ContactFieldName[],
): Promise<void> {
  const sets = sql.join(
    contactFieldNames
      .filter((name) => !except.includes(name))
      .map((name) => {
        const column = sql.identifier(contacts[name].name);
        return sql`${column} = coalesce(s.${column}, c.${column})`;
      }),
    sql`, `,
  );
  const keys = sql.raw(
    `phone_e164 = case when s.phone is null then c.phone_e164 else s.phone_e164 end,
     mobile_e164 = case when s.mobile is null then c.mobile_e164 else s.mobile_e164 end`,
  );
  await ex.execute(sql`
    update ${contacts} c set ${sets}, ${keys},
      custom_fields = c.custom_fields || coalesce(s.custom_fields, '{}'),
      version = c.version + 1, updated_at = now()
    from (${source}) s
    where c.org_id = ${orgId}::uuid and c.id = s.id`);
}
