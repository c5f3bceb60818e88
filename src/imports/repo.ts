import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { queryRows, type Executor } from '../db/client.js';
import { contacts, imports } from '../db/schema.js';
import { readableContacts } from '../contacts/repo.js';
import type { ContactValues } from './csv.js';

export type ImportRow = typeof imports.$inferSelect;
export type RowError = { row: number; message: string };

/** The writable contact columns a CSV row fills, as (field, column, SQL type). */
const columns = [
  ['firstName', 'first_name', 'text'],
  ['lastName', 'last_name', 'text'],
  ['email', 'email', 'text'],
  ['phone', 'phone', 'text'],
  ['mobile', 'mobile', 'text'],
  ['company', 'company', 'text'],
  ['jobTitle', 'job_title', 'text'],
  ['website', 'website', 'text'],
  ['linkedin', 'linkedin', 'text'],
  ['street', 'street', 'text'],
  ['city', 'city', 'text'],
  ['state', 'state', 'text'],
  ['postalCode', 'postal_code', 'text'],
  ['country', 'country', 'text'],
  ['type', 'type', 'text'],
  ['status', 'status', 'text'],
  ['source', 'source', 'text'],
  ['tags', 'tags', 'text[]'],
  ['notes', 'notes', 'text'],
] as const satisfies readonly (readonly [keyof ContactValues, string, string])[];

/** One staged row: the values plus the ids the app made for it. */
export type StagedRow = {
  id: string;
  activityId: string;
  row: number;
  values: ContactValues;
  visibility?: string;
};

/** The batch as one JSON parameter: json_to_recordset turns it into rows set-based. */
function recordset(rows: StagedRow[]): SQL {
  const json = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = { id: r.id, aid: r.activityId, rn: r.row };
      for (const [field, column] of columns) {
        const v = r.values[field];
        if (v !== undefined) o[column] = v;
      }
      if (r.visibility !== undefined) o.visibility = r.visibility;
      return o;
    }),
  );
  const defs = [
    'id uuid',
    'aid uuid',
    'rn int',
    'visibility text',
    ...columns.map(([, c, t]) => `${c} ${t}`),
  ].join(', ');
  return sql`json_to_recordset(${json}::json) as r(${sql.raw(defs)})`;
}

export async function insertImport(
  ex: Executor,
  row: typeof imports.$inferInsert,
): Promise<ImportRow> {
  const [created] = await ex.insert(imports).values(row).returning();
  return created!;
}

export async function updateImport(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<typeof imports.$inferInsert>,
): Promise<void> {
  await ex
    .update(imports)
    .set(patch)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
}

export async function findImport(
  ex: Executor,
  orgId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ImportRow | undefined> {
  const q = ex
    .select()
    .from(imports)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listImports(
  ex: Executor,
  orgId: string,
  userId: string | undefined,
  limit: number,
): Promise<ImportRow[]> {
  const where = [eq(imports.orgId, orgId)];
  if (userId) where.push(eq(imports.userId, userId));
  return ex
    .select()
    .from(imports)
    .where(and(...where))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** `touched`: already written by this transaction (updated_at is the transaction's now()). */
export type Match = { id: string; ownerId: string; importId: string | null; touched: boolean };

/** The oldest readable contact for each of these (lower-cased) e-mails. */
export async function findByEmails(
  ex: Executor,
  ctx: AccessContext,
  emails: string[],
): Promise<Map<string, Match>> {
  if (emails.length === 0) return new Map();
  const rows = await queryRows<{
    e: string;
    id: string;
    owner_id: string;
    import_id: string;
    touched: boolean;
  }>(
    ex,
    // Materialized: the list is parsed once, then each e-mail probes the (org_id, lower(email)) index.
    sql`with wanted as materialized (
          select json_array_elements_text(${JSON.stringify(emails)}::json) as e
        )
        select distinct on (lower(email)) lower(email) as e, id, owner_id, import_id,
               updated_at = now() as touched
        from ${contacts} join wanted on lower(${contacts.email}) = wanted.e
        where ${readableContacts(ctx)}
        order by lower(email), created_at, id`,
  );
  return new Map(
    rows.map((r) => [
      r.e,
      { id: r.id, ownerId: r.owner_id, importId: r.import_id, touched: r.touched },
    ]),
  );
}

/** Inserts the batch's new contacts and one `import` activity each, in one statement. */
export async function insertContactsWithActivity(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
  rows: StagedRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const { orgId, userId, partnerId, role } = ctx.actor;
  const names = columns.map(([, c]) => c);
  const cols = sql.raw(names.join(', '));
  const values = sql.raw(
    names
      .map((c) =>
        c === 'type'
          ? `coalesce(r.type, 'lead')`
          : c === 'status'
            ? `coalesce(r.status, 'active')`
            : c === 'tags'
              ? `coalesce(r.tags, '{}')`
              : `r.${c}`,
      )
      .join(', '),
  );
  await ex.execute(sql`
    with r as (select * from ${recordset(rows)}),
    ins as (
      insert into contacts (org_id, id, ${cols}, owner_id, partner_id, visibility, import_id, created_by)
      select ${orgId}::uuid, r.id, ${values}, ${userId}::uuid, ${partnerId}::uuid, r.visibility,
             ${importId}::uuid, ${userId}::uuid
      from r
      returning id
    )
    insert into activities (org_id, id, contact_id, type, subject, body, actor_id, actor_role)
    select ${orgId}::uuid, r.aid, r.id, 'import', 'Imported from CSV',
           'Import ' || ${importId}::text || ', row ' || r.rn, ${userId}::uuid, ${role}
    from ins join r on r.id = ins.id`);
}

/**
 * Updates matched contacts with the batch's non-empty cells (empty cells keep
 * the value). Only contacts that change get version + 1 and an `import`
 * activity listing the changes. Returns how many changed.
 */
export async function updateContactsWithActivity(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
  rows: StagedRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const { orgId, userId, role } = ctx.actor;
  // The e-mail is the match key (compared case-insensitively): it is not rewritten.
  const updatable = columns.filter(([f]) => f !== 'email');
  const diff = sql.raw(
    updatable
      .map(([f, c]) => `('${f}', to_jsonb(c.${c}), to_jsonb(r.${c}))`)
      .join(',\n              '),
  );
  const sets = sql.raw(updatable.map(([, c]) => `${c} = coalesce(r.${c}, c.${c})`).join(', '));
  const result = await queryRows<{ id: string }>(
    ex,
    sql`
    with r as (select * from ${recordset(rows)}),
    ch as (
      select c.id, r.aid, r.rn,
        (select jsonb_agg(jsonb_build_object('field', v.f, 'from', v.o, 'to', v.n))
           from (values ${diff}) as v(f, o, n)
          where v.n is not null and v.n is distinct from v.o) as changes
      from contacts c join r on c.id = r.id
      where c.org_id = ${orgId}::uuid and c.deleted_at is null
    ),
    upd as (
      update contacts c set ${sets}, version = c.version + 1, updated_at = now()
      from r join ch on ch.id = r.id
      where c.org_id = ${orgId}::uuid and c.id = r.id and ch.changes is not null
      returning c.id
    )
    insert into activities (org_id, id, contact_id, type, subject, body, changes, actor_id, actor_role)
    select ${orgId}::uuid, ch.aid, ch.id, 'import', 'Updated from CSV',
           'Import ' || ${importId}::text || ', row ' || ch.rn, ch.changes, ${userId}::uuid, ${role}
    from ch join upd on upd.id = ch.id
    returning contact_id as id`,
  );
  return result.length;
}

/** The contacts an import created that still exist: version 1 means nobody changed them. */
export async function importedContacts(
  ex: Executor,
  orgId: string,
  importId: string,
): Promise<{ id: string; version: number; first_name: string; last_name: string }[]> {
  return queryRows(
    ex,
    sql`select id, version, first_name, last_name from contacts
        where org_id = ${orgId}::uuid and import_id = ${importId}::uuid and deleted_at is null
        for update`,
  );
}

/** Soft-deletes the given contacts and logs a `deleted` activity for each, set-based. */
export async function softDeleteWithActivity(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
  rows: { id: string; activityId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const { orgId, userId, role } = ctx.actor;
  const json = JSON.stringify(rows.map((r) => ({ id: r.id, aid: r.activityId })));
  await ex.execute(sql`
    with r as (select * from json_to_recordset(${json}::json) as r(id uuid, aid uuid)),
    del as (
      update contacts c set deleted_at = now(), version = c.version + 1, updated_at = now()
      from r where c.org_id = ${orgId}::uuid and c.id = r.id
      returning c.id, c.first_name, c.last_name
    )
    insert into activities (org_id, id, contact_id, type, subject, body, actor_id, actor_role)
    select ${orgId}::uuid, r.aid, del.id, 'deleted', del.first_name || ' ' || del.last_name,
           'Import ' || ${importId}::text || ' reverted', ${userId}::uuid, ${role}
    from del join r on r.id = del.id`);
}
