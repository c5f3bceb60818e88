import { and, sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { can, scopeOf } from '../access/permissions.js';
import { levelsForRecord, visibilityRank } from '../access/visibility.js';
import { activityRow } from '../activities/service.js';
import { insertActivities, type NewActivity } from '../activities/repo.js';
import { readableContacts } from '../contacts/repo.js';
import { queryRows, type Tx } from '../db/client.js';
import { contacts, type ContactStatus, type Visibility } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { maxTags } from '../contacts/schema.js';
import type { BulkInput } from './schema.js';

type Current = {
  id: string;
  ownerId: string;
  partnerId: string | null;
  visibility: Visibility;
  status: ContactStatus;
  tags: string[];
};

/** Names at most this many ids in a problem body. */
const maxNamedIds = 1000;
const refuse = (
  code: 'not_found' | 'forbidden' | 'conflict' | 'validation',
  detail: string,
  ids: string[],
) => new AppError(code, detail, { extra: { ids: ids.slice(0, maxNamedIds) } });

/**
 * Bulk update, all or nothing: every id must be readable (404), updatable
 * by the caller (403) and only raise visibility (409); otherwise nothing
 * changes and the problem names the ids. Changed contacts get version + 1
 * and their activities, written set-based.
 */
export async function bulkUpdate(
  tx: Tx,
  ctx: AccessContext,
  input: BulkInput,
): Promise<{ updated: number }> {
  if (scopeOf(ctx, 'contact.bulk') === 'none') {
    throw new AppError('forbidden', `Your role (${ctx.actor.role}) may not bulk-update contacts`);
  }
  const ids = input.ids;
  const rows = await queryRows<Current>(
    tx,
    sql`select id, owner_id as "ownerId", partner_id as "partnerId", visibility, status, tags
        from ${contacts}
        where ${and(
          readableContacts(ctx),
          // One array parameter: an index scan on the key (the ids are validated UUIDs).
          sql`${contacts.id} = any(${`{${ids.join(',')}}`}::uuid[])`,
        )}
        order by id
        for update`,
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw refuse('not_found', `${missing.length} of the contacts were not found`, missing);
  }
  const target = input.set?.visibility;
  const denied = rows.filter(
    (r) =>
      !can(ctx, 'contact.bulk', r) ||
      !can(ctx, 'contact.update', r) ||
      (target !== undefined && target !== r.visibility && !can(ctx, 'contact.commit', r)),
  );
  if (denied.length > 0) {
    throw refuse(
      'forbidden',
      `You may not change ${denied.length} of the contacts`,
      denied.map((r) => r.id),
    );
  }
  if (target !== undefined) {
    const lowering = rows.filter((r) => visibilityRank[target] < visibilityRank[r.visibility]);
    if (lowering.length > 0) {
      throw refuse(
        'conflict',
        `Visibility can only be raised; ${lowering.length} of the contacts are above "${target}"`,
        lowering.map((r) => r.id),
      );
    }
    const impossible = rows.filter((r) => !levelsForRecord(r.partnerId).includes(target));
    if (impossible.length > 0) {
      throw refuse(
        'validation',
        `visibility "${target}" needs a partner; ${impossible.length} of the contacts have none`,
        impossible.map((r) => r.id),
      );
    }
  }

  // A contact holds at most maxTags tags, as a single write allows; adding must not pass it.
  const overfull = rows.filter(
    (r) =>
      new Set([...r.tags, ...(input.addTags ?? [])].filter((t) => !input.removeTags?.includes(t)))
        .size > maxTags,
  );
  if (overfull.length > 0) {
    throw refuse(
      'validation',
      `${overfull.length} contact(s) would have more than ${maxTags} tags`,
      overfull.map((r) => r.id),
    );
  }

  const changed: { id: string; status: ContactStatus; visibility: Visibility; tags: string[] }[] =
    [];
  const activities: NewActivity[] = [];
  for (const r of rows) {
    const status = input.set?.status ?? r.status;
    const visibility = target ?? r.visibility;
    const remove = new Set(input.removeTags ?? []);
    const tags = [...new Set([...r.tags, ...(input.addTags ?? [])])].filter((t) => !remove.has(t));
    const subject = { contactId: r.id };
    const tagsChanged = tags.length !== r.tags.length || tags.some((t, i) => t !== r.tags[i]);
    if (tagsChanged) {
      activities.push(
        activityRow(ctx, subject, 'field_update', {
          changes: [{ field: 'tags', from: r.tags, to: tags }],
        }),
      );
    }
    if (status !== r.status) {
      activities.push(
        activityRow(ctx, subject, 'status_change', {
          changes: [{ field: 'status', from: r.status, to: status }],
        }),
      );
    }
    if (visibility !== r.visibility) {
      activities.push(
        activityRow(ctx, subject, 'visibility_change', {
          changes: [{ field: 'visibility', from: r.visibility, to: visibility }],
        }),
      );
    }
    if (tagsChanged || status !== r.status || visibility !== r.visibility) {
      changed.push({ id: r.id, status, visibility, tags });
    }
  }
  if (changed.length === 0) return { updated: 0 };
  await tx.execute(sql`
    update contacts c
       set status = r.status, visibility = r.visibility, tags = r.tags,
           version = c.version + 1, updated_at = now()
      from json_to_recordset(${JSON.stringify(changed)}::json)
           as r(id uuid, status text, visibility text, tags text[])
     where c.org_id = ${ctx.actor.orgId}::uuid and c.id = r.id`);
  await insertActivities(tx, activities);
  return { updated: changed.length };
}
