import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { readableWhere } from '../access/visibility.js';
import { queryRows, queryStatement, type Executor } from '../db/client.js';
import { statementMemo } from '../db/literal-sql.js';
import { rowJson } from '../db/rows.js';
import { contacts } from '../db/schema.js';
import { contactSchema, type ContactDto, type ContactFilters } from './schema.js';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

/** `%` and `_` in a search are literal characters, not wildcards. */
export const likePattern = (q: string) =>
  `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The rows of the org the viewer may read, not deleted: the base of every contact read. */
export function readableContacts(ctx: AccessContext): SQL {
  return readableWhere(ctx, contacts);
}

type FilterName = keyof ContactFilters;

/** Each filter's condition over its value (`q` as its LIKE pattern, see filterValues). */
const filterConditions: Record<FilterName, (value: unknown) => SQL> = {
  q: (v) => sql`${sql.raw('"contacts"."search_text"')} like ${v} escape '\\'`,
  status: (v) => sql`${contacts.status} = ${v}`,
  type: (v) => sql`${contacts.type} = ${v}`,
  visibility: (v) => sql`${contacts.visibility} = ${v}`,
  tag: (v) => sql`${contacts.tags} @> array[${v}]::text[]`,
  ownerId: (v) => sql`${contacts.ownerId} = ${v}`,
};

/** The values of the filters that are set, by name, in the form their conditions compare. */
function filterValues(f: ContactFilters): Partial<Record<FilterName, string>> {
  const values: Partial<Record<FilterName, string>> = {};
  if (f.q) values.q = likePattern(f.q);
  if (f.status) values.status = f.status;
  if (f.type) values.type = f.type;
  if (f.visibility) values.visibility = f.visibility;
  if (f.tag) values.tag = f.tag;
  if (f.ownerId) values.ownerId = f.ownerId;
  return values;
}

/** readableContacts and the named filters, each over `value(name)`. */
function filteredWhere(
  ctx: AccessContext,
  names: readonly FilterName[],
  value: (name: FilterName) => unknown,
): SQL {
  return and(readableContacts(ctx), ...names.map((n) => filterConditions[n](value(n))))!;
}

/** The list/export filters as SQL, on top of readableContacts. */
export function contactFilterWhere(ctx: AccessContext, f: ContactFilters): SQL {
  const values = filterValues(f);
  return filteredWhere(ctx, Object.keys(values) as FilterName[], (n) => values[n]);
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

export async function insertContacts(ex: Executor, rows: NewContact[]): Promise<ContactRow[]> {
  if (rows.length === 0) return [];
  return ex.insert(contacts).values(rows).returning();
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

/** The keyset values of a contact (in its API form) for a cursor. */
export function sortValues(
  contact: Pick<ContactDto, 'lastName' | 'firstName' | 'id' | 'createdAt' | 'updatedAt'>,
  key: SortKey,
): unknown[] {
  if (key === 'name') return [contact.lastName, contact.firstName, contact.id];
  return [key === 'createdAt' ? contact.createdAt : contact.updatedAt, contact.id];
}

const contactJson = rowJson(contacts, Object.keys(contactSchema.shape));
const pageStatements = statementMemo();

/**
 * One page in keyset order, and one more row to tell whether another page
 * follows; `after` is the sort values of the previous page's last row. Each
 * contact comes as the API's JSON text (see rowJson): the hottest read of
 * the product, so its statement is rendered once per viewer and shape (the
 * filters set, the sort, a cursor or none) and run with the values of the
 * request.
 */
export async function listContactPage(
  ex: Executor,
  ctx: AccessContext,
  filters: ContactFilters,
  sort: { key: SortKey; descending: boolean },
  after: unknown[] | undefined,
  limit: number,
): Promise<string[]> {
  const values: Record<string, unknown> = { ...filterValues(filters), limit: limit + 1 };
  const names = Object.keys(values).filter((n) => n !== 'limit') as FilterName[];
  after?.forEach((v, i) => (values[`after${i}`] = String(v)));
  const shape = `${names.join(',')}|${sort.key}|${sort.descending}|${after?.length ?? 0}`;
  const statement = pageStatements(readableContacts(ctx), shape, () => {
    const columns = sortColumns[sort.key];
    const conditions = [filteredWhere(ctx, names, (n) => sql.placeholder(n))];
    if (after) {
      const casts = sort.key === 'name' ? ['text', 'text', 'uuid'] : ['timestamptz', 'uuid'];
      const keys = sql.join(
        after.map((_, i) => sql`${sql.placeholder(`after${i}`)}::${sql.raw(casts[i]!)}`),
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
    return sql`select ${contactJson}::text as json from ${contacts}
        where ${and(...conditions)} order by ${order} limit ${sql.placeholder('limit')}`;
  });
  const rows = await queryStatement<{ json: string }>(ex, statement, values);
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
