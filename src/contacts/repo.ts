import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { visibleWhere } from '../access/visibility.js';
import { queryRows, type Executor } from '../db/client.js';
import { rowSelect } from '../db/rows.js';
import { contacts } from '../db/schema.js';
import type { ContactFilters } from './schema.js';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

/** `%` and `_` in a search are literal characters, not wildcards. */
export const likePattern = (q: string) =>
  `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The rows of the org the viewer may read, not deleted: the base of every contact read. */
export function readableContacts(ctx: AccessContext): SQL {
  return and(
    eq(contacts.orgId, ctx.actor.orgId),
    isNull(contacts.deletedAt),
    visibleWhere(ctx, contacts),
  )!;
}

/** The list/export filters as SQL, on top of readableContacts. */
export function contactFilterWhere(ctx: AccessContext, f: ContactFilters): SQL {
  const where: SQL[] = [readableContacts(ctx)];
  if (f.q)
    where.push(sql`${sql.raw('"contacts"."search_text"')} like ${likePattern(f.q)} escape '\\'`);
  if (f.status) where.push(eq(contacts.status, f.status));
  if (f.type) where.push(eq(contacts.type, f.type));
  if (f.visibility) where.push(eq(contacts.visibility, f.visibility));
  if (f.tag) where.push(sql`${contacts.tags} @> array[${f.tag}]::text[]`);
  if (f.ownerId) where.push(eq(contacts.ownerId, f.ownerId));
  return and(...where)!;
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

export function sortValues(row: ContactRow, key: SortKey): unknown[] {
  if (key === 'name') return [row.lastName, row.firstName, row.id];
  const time = key === 'createdAt' ? row.createdAt : row.updatedAt;
  return [time.toISOString(), row.id];
}

const contactRows = rowSelect(contacts);

/** One page in keyset order: `after` is the sort values of the previous page's last row. */
export async function listContactPage(
  ex: Executor,
  where: SQL,
  sort: { key: SortKey; descending: boolean },
  after: unknown[] | undefined,
  limit: number,
): Promise<ContactRow[]> {
  const columns = sortColumns[sort.key];
  const conditions = [where];
  if (after) {
    const casts = sort.key === 'name' ? ['text', 'text', 'uuid'] : ['timestamptz', 'uuid'];
    const values = sql.join(
      after.map((v, i) => sql`${String(v)}::${sql.raw(casts[i]!)}`),
      sql`, `,
    );
    const cols = sql.join([...columns], sql`, `);
    conditions.push(sort.descending ? sql`(${cols}) < (${values})` : sql`(${cols}) > (${values})`);
  }
  const direction = sql.raw(sort.descending ? 'desc' : 'asc');
  const order = sql.join(
    columns.map((c) => sql`${c} ${direction}`),
    sql`, `,
  );
  // The hottest read of the product: the lean row path (see rowSelect).
  return contactRows.rows(
    ex,
    sql`where ${and(...conditions)} order by ${order} limit ${limit + 1}`,
  );
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
