import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { visibleWhere } from '../access/visibility.js';
import type { Executor } from '../db/client.js';
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
  const where: SQL[] = [eq(activities.orgId, ctx.actor.orgId)];
  if ('contactId' in subject) {
    where.push(eq(activities.contactId, subject.contactId));
    // A deal's activities also sit on its contact's timeline, but only for
    // readers of that deal (deleted deals included: their history stays).
    where.push(sql`(${activities.dealId} is null or exists (select 1 from ${deals}
      where ${deals.orgId} = ${activities.orgId} and ${deals.id} = ${activities.dealId}
      and ${visibleWhere(ctx, deals)}))`);
  } else {
    where.push(eq(activities.dealId, subject.dealId));
  }
  if (options.type) where.push(sql`${activities.type} = ${options.type}`);
  if (options.after) {
    where.push(
      sql`(${activities.occurredAt}, ${activities.id}) < (${options.after[0]}::timestamptz, ${options.after[1]}::uuid)`,
    );
  }
  return ex
    .select({ activity: activities, actorName: users.name })
    .from(activities)
    .leftJoin(users, and(eq(users.orgId, activities.orgId), eq(users.id, activities.actorId)))
    .where(and(...where))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(options.limit + 1);
}
