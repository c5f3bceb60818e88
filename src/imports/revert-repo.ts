import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { canWhere } from '../access/permissions.js';
import { queryRows, type Executor } from '../db/client.js';
import { readableContacts } from '../contacts/repo.js';
import { contactFieldNames } from '../contacts/fields.js';
import { activities, contacts } from '../db/schema.js';

/**
 * The writes of an import's revert. The contacts the import created are
 * found by `contacts.import_id`; the ones it updated by its `import`
 * activities with changes, through `activities.import_id` (or, for imports
 * older than that column, their body text `Import <id>, row N`).
 */

/** How an import's activities are told apart from others, as `a`. */
function importActivity(importId: string, legacy: boolean): SQL {
  return legacy
    ? sql`a.import_id is null and a.body like ${`Import ${importId}, row %`}`
    : sql`a.import_id = ${importId}::uuid`;
}

/** Whether any activity names the import (every import since migration 0029 does). */
export async function hasTaggedActivities(
  ex: Executor,
  orgId: string,
  importId: string,
): Promise<boolean> {
  const [row] = await queryRows<{ tagged: boolean }>(
    ex,
    sql`select exists (select 1 from ${activities}
         where org_id = ${orgId}::uuid and import_id = ${importId}::uuid) as tagged`,
  );
  return row!.tagged;
}

/** A contact an import created that still exists, with what revert must weigh. */
export type ImportedContact = {
  id: string;
  ownerId: string;
  version: number;
  readable: boolean;
  hasDeals: boolean;
  hasActivities: boolean;
};

/**
 * The contacts an import created that still exist, locked: version 1 means
 * nobody changed them; `hasDeals` / `hasActivities` whether a deal or any
 * activity other than the import's own now refers to them.
 */
export async function importedContacts(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
): Promise<ImportedContact[]> {
  const orgId = ctx.actor.orgId;
  const own = sql`a.type = 'import' and (${importActivity(importId, false)} or ${importActivity(importId, true)})`;
  return queryRows(
    ex,
    sql`select contacts.id, contacts.owner_id as "ownerId", contacts.version,
               (${readableContacts(ctx)}) as readable,
               exists (select 1 from deals d
                        where d.org_id = contacts.org_id and d.contact_id = contacts.id
                          and d.deleted_at is null) as "hasDeals",
               exists (select 1 from activities a
                        where a.org_id = contacts.org_id and a.contact_id = contacts.id
                          and not (${own})) as "hasActivities"
        from ${contacts}
        where contacts.org_id = ${orgId}::uuid and contacts.import_id = ${importId}::uuid
          and contacts.deleted_at is null
        order by contacts.id
        for update of contacts`,
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
    insert into activities (org_id, id, contact_id, type, subject, body, actor_id, actor_role, import_id)
    select ${orgId}::uuid, r.aid, del.id, 'deleted', del.first_name || ' ' || del.last_name,
           'Import ' || ${importId}::text || ' reverted', ${userId}::uuid, ${role}, ${importId}::uuid
    from del join r on r.id = del.id`);
}

/** What revert decided for a contact the import updated. */
export type UpdateVerdict = 'restore' | 'changed' | 'forbidden' | 'hidden';

/**
 * Decides, into the temporary table `revert_updates`, every contact the
 * import updated, locked: `hidden` when the caller cannot read it (or it
 * was deleted), `forbidden` when they may not edit it, `changed` when it
 * was written since (its `updated_at` is no longer the import's time, or a
 * later activity changed it), else `restore`. Each row keeps what to
 * restore (`restore`: own fields; `custom_set` / `custom_unset`: custom
 * fields) and the changes the revert will log (`inverse`).
 */
export async function planRestores(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
  legacy: boolean,
): Promise<Record<UpdateVerdict, number>> {
  const orgId = ctx.actor.orgId;
  await ex.execute(sql`
    create temp table revert_updates (
      contact_id uuid primary key, verdict text not null, restore jsonb not null,
      custom_set jsonb not null, custom_unset text[] not null, inverse jsonb not null
    ) on commit drop`);
  // The import set updated_at and its activity's time from one now(), so an
  // equal updated_at means nobody wrote the contact since.
  await ex.execute(sql`
    insert into revert_updates
    select contacts.id,
           case when not (${readableContacts(ctx)}) then 'hidden'
                when not (${canWhere(ctx, 'contact.update', sql`contacts.owner_id`)}) then 'forbidden'
                when contacts.updated_at <> a.occurred_at or exists (
                  select 1 from activities l
                   where l.org_id = a.org_id and l.contact_id = a.contact_id and l.id <> a.id
                     and l.created_at >= a.created_at and l.deal_id is null
                     and (l.changes is not null or l.type = 'deleted')) then 'changed'
                else 'restore' end,
           x.restore, x.custom_set, x.custom_unset, x.inverse
    from activities a
    join ${contacts} on contacts.org_id = a.org_id and contacts.id = a.contact_id
    cross join lateral (
      select coalesce(jsonb_object_agg(ch->>'field', ch->'from')
                        filter (where ch->>'field' not like 'custom:%'), '{}') as restore,
             coalesce(jsonb_object_agg(substr(ch->>'field', 8), ch->'from')
                        filter (where ch->>'field' like 'custom:%'
                                  and coalesce(jsonb_typeof(ch->'from'), 'null') <> 'null'), '{}') as custom_set,
             coalesce(array_agg(substr(ch->>'field', 8))
                        filter (where ch->>'field' like 'custom:%'
                                  and coalesce(jsonb_typeof(ch->'from'), 'null') = 'null'), '{}') as custom_unset,
             jsonb_agg(jsonb_build_object('field', ch->>'field', 'from', ch->'to', 'to', ch->'from')) as inverse
      from jsonb_array_elements(a.changes) ch
    ) x
    where a.org_id = ${orgId}::uuid and a.type = 'import' and a.contact_id is not null
      and jsonb_typeof(a.changes) = 'array' and ${importActivity(importId, legacy)}
    order by contacts.id
    for update of contacts
    on conflict do nothing`);
  const rows = await queryRows<{ verdict: UpdateVerdict; n: number }>(
    ex,
    sql`select verdict, count(*)::int as n from revert_updates group by verdict`,
  );
  const counts: Record<UpdateVerdict, number> = { restore: 0, changed: 0, forbidden: 0, hidden: 0 };
  for (const r of rows) counts[r.verdict] = r.n;
  return counts;
}

/** The next contacts to restore after `afterId`, in id order. */
export async function restorePage(ex: Executor, afterId: string, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    ex,
    sql`select contact_id as id from revert_updates
        where verdict = 'restore' and contact_id > ${afterId}::uuid
        order by contact_id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** The contacts left as they are that the caller may be told of, in id order. */
export async function namedConflicts(
  ex: Executor,
  limit: number,
): Promise<{ id: string; reason: 'changed' | 'forbidden' }[]> {
  return queryRows(
    ex,
    sql`select contact_id as id, verdict as reason from revert_updates
        where verdict in ('changed', 'forbidden') order by contact_id limit ${limit}`,
  );
}

/** A field's value from the JSON the import logged, as its column's type. */
function restoredValue(name: (typeof contactFieldNames)[number]): SQL {
  const type = contacts[name].getSQLType();
  const value = sql`u.restore->${name}`;
  return type.endsWith('[]')
    ? sql`case when jsonb_typeof(${value}) = 'array'
               then array(select jsonb_array_elements_text(${value})) else '{}' end`
    : sql`(u.restore->>${name})::${sql.raw(type)}`;
}

/**
 * Restores the given contacts' fields to their values before the import,
 * with version + 1 and an `import_reverted` activity each listing the
 * changes it made; set-based. Returns how many were restored.
 */
export async function restoreWithActivity(
  ex: Executor,
  ctx: AccessContext,
  importId: string,
  rows: { id: string; activityId: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const { orgId, userId, role } = ctx.actor;
  const json = JSON.stringify(rows.map((r) => ({ id: r.id, aid: r.activityId })));
  const sets = sql.join(
    contactFieldNames.map((name) => {
      const column = sql.identifier(contacts[name].name);
      return sql`${column} = case when u.restore ? ${name} then ${restoredValue(name)} else c.${column} end`;
    }),
    sql`, `,
  );
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`
    with r as (select * from json_to_recordset(${json}::json) as r(id uuid, aid uuid)),
    upd as (
      update contacts c set ${sets},
             custom_fields = (c.custom_fields - u.custom_unset) || u.custom_set,
             version = c.version + 1, updated_at = now()
      from revert_updates u join r on r.id = u.contact_id
      where c.org_id = ${orgId}::uuid and c.id = u.contact_id and u.verdict = 'restore'
      returning c.id, r.aid, u.inverse
    ),
    ins as (
      insert into activities (org_id, id, contact_id, type, subject, body, changes, actor_id, actor_role, import_id)
      select ${orgId}::uuid, upd.aid, upd.id, 'import_reverted', 'Restored from before the import',
             'Import ' || ${importId}::text || ' reverted', upd.inverse, ${userId}::uuid, ${role},
             ${importId}::uuid
      from upd
      returning 1
    )
    select count(*)::int as n from ins`,
  );
  return row!.n;
}
