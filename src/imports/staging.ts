import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { canWhere } from '../access/permissions.js';
import { queryRows, type Tx } from '../db/client.js';
import { contacts } from '../db/schema.js';
import { insertActivitiesFrom } from '../activities/repo.js';
import { contactFieldNames } from '../contacts/fields.js';
import { insertContactsFrom, readableContacts, updateContactsFrom } from '../contacts/repo.js';
import { contactPhoneKeys } from '../contacts/normalize.js';
import { rekeyContacts } from '../contacts/backfill.js';
import type { ContactValues } from './csv.js';
import type { OnDuplicate } from './schema.js';

/**
 * An import's rows in the persistent staging table `import_rows` (migration
 * 0031), keyed by import: the parse stages the file's valid rows batch by
 * batch; then one statement decides every row at once (its action: create,
 * a repeat of an earlier row's e-mail, or a match with an existing readable
 * contact), and the rows are written in slices. Deciding once keeps the
 * duplicate check linear: checked batch by batch against a table the import
 * itself was filling, the check was planned as a scan of the whole
 * organization and grew with the square of the file. Each step is its own
 * transaction (steps.ts).
 */

/** The contact columns a CSV row fills, as (field, column, SQL type): the contact's own fields. */
const columns = contactFieldNames.map(
  (name) => [name, contacts[name].name, contacts[name].getSQLType()] as const,
);

const names = columns.map(([, c]) => c);

/** One parsed row: the values plus the ids the app made for it. */
export type StagedRow = {
  id: string;
  activityId: string;
  row: number;
  values: ContactValues;
  visibility: string;
};

/** What the plan decided for a row. */
type Action = 'create' | 'repeat' | 'match' | 'locked';
export type PlanCounts = Record<Action, number>;

/** Removes an import's staged rows (staged again after a cut, or done with). */
export async function clearStaged(tx: Tx, orgId: string, importId: string): Promise<void> {
  await tx.execute(
    sql`delete from import_rows where org_id = ${orgId}::uuid and import_id = ${importId}::uuid`,
  );
}

/** One import's staged rows, as `r`. */
function mine(orgId: string, importId: string): SQL {
  return sql`r.org_id = ${orgId}::uuid and r.import_id = ${importId}::uuid`;
}

/** Adds a batch of parsed rows, sent as one JSON parameter, with their phone keys. */
export async function stageRows(
  tx: Tx,
  orgId: string,
  importId: string,
  rows: StagedRow[],
  defaultPhoneCountry: string | null,
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => {
      const keys = contactPhoneKeys(r.values, defaultPhoneCountry);
      const o: Record<string, unknown> = {
        id: r.id,
        aid: r.activityId,
        rn: r.row,
        visibility: r.visibility,
        phone_e164: keys.phoneE164,
        mobile_e164: keys.mobileE164,
      };
      for (const [field, column] of columns) {
        const v = r.values[field];
        if (v !== undefined) o[column] = v;
      }
      if (r.values.customFields) o.custom_fields = r.values.customFields;
      return o;
    }),
  );
  const defs = ['id uuid', 'aid uuid', 'rn int', 'visibility text']
    .concat(
      columns.map(([, c, t]) => `${c} ${t}`),
      ['phone_e164 text', 'mobile_e164 text', 'custom_fields jsonb'],
    )
    .join(', ');
  await tx.execute(sql`
    insert into import_rows (org_id, import_id, rn, id, aid, visibility, ekey, ${sql.raw(names.join(', '))}, phone_e164, mobile_e164, custom_fields)
    select ${orgId}::uuid, ${importId}::uuid, r.rn, r.id, r.aid, r.visibility, lower(r.email), ${sql.raw(names.map((c) => `r.${c}`).join(', '))}, r.phone_e164, r.mobile_e164, r.custom_fields
    from json_to_recordset(${json}::json) as r(${sql.raw(defs)})`);
}

/**
 * Decides every staged row: the first row of an e-mail in the file is matched
 * with the oldest existing contact of that e-mail the importer can read
 * (`match`, or `locked` when they may not edit it), or is a `create`; later
 * rows of the same e-mail are `repeat`s. With `create` every row is created.
 */
export async function planRows(
  tx: Tx,
  ctx: AccessContext,
  importId: string,
  mode: OnDuplicate,
): Promise<PlanCounts> {
  const own = mine(ctx.actor.orgId, importId);
  if (mode === 'create') {
    await tx.execute(sql`update import_rows r set action = 'create' where ${own}`);
    return planCounts(tx, ctx.actor.orgId, importId);
  }
  // The plan reads the rows' keys from a temporary copy with fresh statistics
  // (the shared staging table's are the owner's to gather), so the join below
  // is a hash join over the organization's contacts for a large file and
  // index probes for a small one. Without them a 100,000-row import took
  // 223 s instead of 24 s, and a small one after another import never ended.
  await tx.execute(sql`
    create temp table import_keys on commit drop as
    select r.rn, r.ekey from import_rows r where ${own}`);
  await tx.execute(sql`analyze import_keys`);
  await tx.execute(sql`
    create temp table import_plan on commit drop as
    select k.rn,
           case when k.rn <> min(k.rn) over (partition by k.ekey) then 'repeat'
                when m.id is null then 'create'
                when ${canWhere(ctx, 'contact.update', sql`m.owner_id`)} then 'match'
                else 'locked' end as action,
           m.id as match_id
    from import_keys k
    left join (
      select distinct on (kantivo_lower(${contacts.email})) kantivo_lower(${contacts.email}) as ekey, ${contacts.id}, ${contacts.ownerId} as owner_id
      from ${contacts}
      where kantivo_lower(${contacts.email}) in (select ekey from import_keys) and ${readableContacts(ctx)}
      order by kantivo_lower(${contacts.email}), ${contacts.createdAt}, ${contacts.id}
    ) m on m.ekey = k.ekey`);
  await tx.execute(sql`analyze import_plan`);
  await tx.execute(sql`
    update import_rows r set action = p.action, match_id = p.match_id
    from import_plan p where ${own} and r.rn = p.rn`);
  await tx.execute(sql`drop table import_keys, import_plan`);
  return planCounts(tx, ctx.actor.orgId, importId);
}

/** How many staged rows the plan gave each action. */
export async function planCounts(tx: Tx, orgId: string, importId: string): Promise<PlanCounts> {
  const rows = await queryRows<{ action: Action; n: number }>(
    tx,
    sql`select r.action, count(*)::int as n from import_rows r where ${mine(orgId, importId)} group by r.action`,
  );
  const counts: PlanCounts = { create: 0, repeat: 0, match: 0, locked: 0 };
  for (const r of rows) counts[r.action] = r.n;
  return counts;
}

/** The last staged file row (0: none). */
export async function lastStagedRow(tx: Tx, orgId: string, importId: string): Promise<number> {
  const [row] = await queryRows<{ n: number | null }>(
    tx,
    sql`select max(r.rn) as n from import_rows r where ${mine(orgId, importId)}`,
  );
  return row?.n ?? 0;
}

/** The first `limit` rows the importer matched but may not edit, for the error report. */
export async function lockedRows(
  tx: Tx,
  orgId: string,
  importId: string,
  limit: number,
): Promise<{ rn: number; email: string }[]> {
  return queryRows(
    tx,
    sql`select r.rn, r.email from import_rows r
        where ${mine(orgId, importId)} and r.action = 'locked' order by r.rn limit ${limit}`,
  );
}

/** The staged rows of one slice (file rows `from`..`to`) with the given action, as `r`. */
function slice(orgId: string, importId: string, action: Action, from: number, to: number): SQL {
  return sql`import_rows r
             where ${mine(orgId, importId)} and r.action = ${action} and r.rn between ${from} and ${to}`;
}

/**
 * The staged fields as the contacts' columns, then the phone keys made from
 * them, then the custom fields (NULL: none in the row).
 */
const stagedFields = sql.raw(
  [...names, 'phone_e164', 'mobile_e164', 'custom_fields'].map((c) => `r.${c}`).join(', '),
);

/** Inserts a slice's new contacts and one `import` activity each; returns how many. */
export async function insertSlice(
  tx: Tx,
  ctx: AccessContext,
  importId: string,
  from: number,
  to: number,
): Promise<number> {
  const rows = slice(ctx.actor.orgId, importId, 'create', from, to);
  const created = await insertContactsFrom(
    tx,
    ctx,
    sql`select r.id, ${stagedFields}, r.visibility from ${rows}`,
    importId,
  );
  await insertActivitiesFrom(
    tx,
    ctx,
    sql`select r.aid as id, r.id as contact_id, 'import' as type, 'Imported from CSV' as subject,
               'Import ' || ${importId}::text || ', row ' || r.rn as body, null::jsonb as changes
        from ${rows}`,
    importId,
  );
  return created;
}

/**
 * Records what each matched row of file rows `from`..`to` would change, from
 * the contacts as they are: the rows' non-empty cells that differ (empty
 * cells keep the value). NULL: nothing would change.
 */
export async function planChanges(
  tx: Tx,
  ctx: AccessContext,
  importId: string,
  from: number,
  to: number,
): Promise<void> {
  const { orgId } = ctx.actor;
  const diff = sql.raw(
    updatable.map(([f, c]) => `('${f}', to_jsonb(c.${c}), to_jsonb(r.${c}))`).join(',\n  '),
  );
  await tx.execute(sql`
    update import_rows r set changes =
      (select jsonb_agg(jsonb_build_object('field', v.f, 'from', v.o, 'to', v.n))
         from (select * from (values ${diff}) as d(f, o, n)
               union all
               select 'custom:' || e.key, c.custom_fields -> e.key, e.value
               from jsonb_each(coalesce(r.custom_fields, '{}')) as e) as v(f, o, n)
        where v.n is not null and v.n is distinct from v.o)
    from ${contacts} c
    where ${mine(orgId, importId)} and r.action = 'match' and r.rn between ${from} and ${to}
      and c.org_id = ${orgId}::uuid and c.id = r.match_id and c.deleted_at is null`);
}

/** How many matched rows would change a contact (after planChanges). */
export async function changingRows(tx: Tx, orgId: string, importId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from import_rows r
        where ${mine(orgId, importId)} and r.action = 'match' and r.changes is not null`,
  );
  return row?.n ?? 0;
}

// The e-mail is the match key (compared case-insensitively): it is not rewritten.
const updatable = columns.filter(([f]) => f !== 'email');

/**
 * Updates a slice's matched contacts with the rows' non-empty cells. Only
 * contacts that change get version + 1 and an `import` activity listing the
 * changes. Returns how many changed.
 */
export async function updateSlice(
  tx: Tx,
  ctx: AccessContext,
  importId: string,
  from: number,
  to: number,
): Promise<number> {
  const { orgId } = ctx.actor;
  await planChanges(tx, ctx, importId, from, to);
  const changed = sql`${slice(orgId, importId, 'match', from, to)} and r.changes is not null`;
  await updateContactsFrom(
    tx,
    orgId,
    sql`select r.match_id as id, ${stagedFields} from ${changed}`,
    ['email'],
  );
  // A staged key was read in the file's country or the org's: the contact's
  // own country (perhaps not in the file) decides, as for every other write.
  const rekeyed = await queryRows<{ id: string }>(
    tx,
    sql`select r.match_id as id from ${changed}
        and (r.phone is not null or r.mobile is not null or r.country is not null)`,
  );
  await rekeyContacts(
    tx,
    orgId,
    rekeyed.map((r) => r.id),
    ctx.settings.defaultPhoneCountry,
  );
  return insertActivitiesFrom(
    tx,
    ctx,
    sql`select r.aid as id, r.match_id as contact_id, 'import' as type, 'Updated from CSV' as subject,
               'Import ' || ${importId}::text || ', row ' || r.rn as body, r.changes
        from ${changed}`,
    importId,
  );
}
