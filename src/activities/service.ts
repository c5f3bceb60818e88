import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { seesStaffNames } from '../access/owners.js';
import type { Tx } from '../db/client.js';
import type { ActivityType, FieldChange } from '../db/schema.js';
import { encodeCursor } from '../shared/schemas.js';
import * as repo from './repo.js';
import type { ActivityDto, LogActivityInput, TimelineCursor, TimelineQuery } from './schema.js';

export type ActivityTarget = {
  contactId?: string | null;
  dealId?: string | null;
  /** The deal's title, for the answer to a logged activity (not stored). */
  dealTitle?: string | null;
};

/** Builds an activity row for the caller (actor and role recorded with it). */
export function activityRow(
  ctx: AccessContext,
  target: ActivityTarget,
  type: ActivityType,
  details: {
    subject?: string | null;
    body?: string | null;
    changes?: FieldChange[] | null;
    occurredAt?: Date;
  } = {},
): repo.NewActivity {
  return {
    orgId: ctx.actor.orgId,
    id: uuidv7(),
    contactId: target.contactId ?? null,
    dealId: target.dealId ?? null,
    type,
    subject: details.subject ?? null,
    body: details.body ?? null,
    changes: details.changes ?? null,
    actorId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    ...(details.occurredAt ? { occurredAt: details.occurredAt } : {}),
  };
}

/** Records one system activity in the caller's transaction. */
export async function record(
  tx: Tx,
  ctx: AccessContext,
  target: ActivityTarget,
  type: ActivityType,
  details: Parameters<typeof activityRow>[3] = {},
): Promise<void> {
  await repo.insertActivities(tx, [activityRow(ctx, target, type, details)]);
}

export async function logManual(
  tx: Tx,
  ctx: AccessContext,
  target: ActivityTarget,
  input: LogActivityInput,
): Promise<ActivityDto> {
  const row = activityRow(ctx, target, input.type, {
    subject: input.subject ?? null,
    body: input.body,
    ...(input.occurredAt ? { occurredAt: new Date(input.occurredAt) } : {}),
  });
  await repo.insertActivities(tx, [row]);
  const now = new Date();
  return toActivityDto(
    { ...row, occurredAt: row.occurredAt ?? now, createdAt: now } as repo.ActivityRow,
    ctx.actor.name,
    target.dealTitle ?? null,
  );
}

export function toActivityDto(
  row: repo.ActivityRow,
  actorName: string | null,
  dealTitle: string | null,
): ActivityDto {
  return {
    id: row.id,
    type: row.type,
    subject: row.subject,
    body: row.body,
    changes: row.changes,
    contactId: row.contactId,
    dealId: row.dealId,
    dealTitle: row.dealId ? dealTitle : null,
    actorId: row.actorId,
    actorName,
    actorRole: row.actorRole,
    occurredAt: row.occurredAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/** A record's timeline, newest first. The caller has already checked the record is readable. */
export async function timeline(
  tx: Tx,
  ctx: AccessContext,
  subject: repo.TimelineSubject,
  query: TimelineQuery,
): Promise<{ data: ActivityDto[]; nextCursor: string | null }> {
  const rows = await repo.listActivities(tx, ctx, subject, {
    type: query.type,
    after: query.cursor,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    // A staff actor's name stays hidden from partners when the organization wants that.
    data: page.map((r) =>
      toActivityDto(
        r.activity,
        r.actorPartnerId !== null || seesStaffNames(ctx) ? r.actorName : null,
        r.dealTitle,
      ),
    ),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor<TimelineCursor>([last.activity.occurredAt.toISOString(), last.activity.id])
        : null,
  };
}
