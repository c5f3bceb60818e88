import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { timelineVisibleWhere } from '../access/visibility.js';
import { queryRows, type Executor } from '../db/client.js';
import { activities, deals, users } from '../db/schema.js';

export type ActivityRow = typeof activities.$inferSelect;
export type NewActivity = typeof activities.$inferInsert;

/** Appends activities; the table refuses any other write. */
export async function insertActivities(ex: Executor, rows: NewActivity[]): Promise<void> {
  if (rows.length === 0) return;
  // Chunked so a bulk change of 10,000 records stays under the bind-parameter limit.
  for (let i = 0; i < rows.length; i += 2000) {
    await ex.insert(activities).values(rows.slice(i, i + 2000));
  }
}

export type TimelineSubject = { contactId: string } | { dealId: string };

export async function listActivities(
  ex: Executor,
  ctx: AccessContext,
  subject: TimelineSubject,
  options: {
    type?: string | undefined;
    after?: readonly [string, string] | undefined;
    limit: number;
  },
) {
  // Either timeline shows only activities whose contact and deal the reader
  // can read: a deal's activity sits on its contact's timeline too, and a
  // contact's text can sit on a deal's.
  const where: SQL[] = [
    eq(activities.orgId, ctx.actor.orgId),
    'contactId' in subject
      ? eq(activities.contactId, subject.contactId)
      : eq(activities.dealId, subject.dealId),
    timelineVisibleWhere(ctx, activities),
  ];
  if (options.type) where.push(sql`${activities.type} = ${options.type}`);
  if (options.after) {
    where.push(
      sql`(${activities.occurredAt}, ${activities.id}) < (${options.after[0]}::timestamptz, ${options.after[1]}::uuid)`,
    );
  }
  return (
    ex
      .select({
        activity: activities,
        actorName: users.name,
        dealTitle: deals.title,
        actorPartnerId: users.partnerId,
      })
      .from(activities)
      .leftJoin(users, and(eq(users.orgId, activities.orgId), eq(users.id, activities.actorId)))
      // The where clause below already admits only deals the reader may see.
      .leftJoin(
        deals,
        and(
          eq(deals.orgId, activities.orgId),
          eq(deals.id, activities.dealId),
          isNull(deals.deletedAt),
        ),
      )
      .where(and(...where))
      .orderBy(desc(activities.occurredAt), desc(activities.id))
      .limit(options.limit + 1)
  );
}

/**
 * The import's bulk append: one activity by the caller for each row of
 * `source`, a query with the columns `id`, `contact_id`, `type`, `subject`,
 * `body` and `changes`, each naming `importId` when given. Returns how many
 * were written.
 */
export async function insertActivitiesFrom(
  ex: Executor,
  ctx: AccessContext,
  source: SQL,
  importId: string | null = null,
): Promise<number> {
  const { orgId, userId, role } = ctx.actor;
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`with ins as (
          insert into ${activities} (org_id, id, contact_id, type, subject, body, changes, actor_id, actor_role, import_id)
          select ${orgId}::uuid, s.id, s.contact_id, s.type, s.subject, s.body, s.changes, ${userId}::uuid, ${role},
                 ${importId}::uuid
          from (${source}) s
          returning 1)
        select count(*)::int as n from ins`,
  );
  return row!.n;
}
