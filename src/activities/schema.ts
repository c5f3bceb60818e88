import { z } from 'zod';
import {
  cursorParam,
  isoTime,
  limitParam,
  storedText,
  cursorTime,
  storableString,
} from '../shared/schemas.js';
import { roleSchema } from '../users/schema.js';

export const manualActivityTypes = ['note', 'email', 'call', 'meeting'] as const;
export const systemActivityTypes = [
  'created',
  'field_update',
  'status_change',
  'visibility_change',
  'stage_change',
  'won',
  'lost',
  'import',
  'customer_linked',
  'template_used',
  'deleted',
  'import_reverted',
] as const;
export const activityTypes = [...manualActivityTypes, ...systemActivityTypes] as const;
export const activityTypeSchema = z.enum(activityTypes);

export const fieldChangeSchema = z.object({
  field: storedText(64),
  from: z.unknown(),
  to: z.unknown(),
});

/** Rendered template subjects and bodies are logged too, so these exceed what a person may type. */
export const maxActivitySubject = 1000;
export const maxActivityBody = 100_000;

export const activitySchema = z
  .object({
    id: z.uuid(),
    type: activityTypeSchema,
    subject: storedText(maxActivitySubject).nullable(),
    body: storedText(maxActivityBody).nullable(),
    changes: z.array(fieldChangeSchema).max(50).nullable(),
    contactId: z.uuid().nullable(),
    dealId: z.uuid().nullable(),
    dealTitle: storedText(300)
      .nullable()
      .describe(
        'the deal it belongs to, so a contact timeline can say which; null without one or once deleted',
      ),
    actorId: z.uuid().nullable(),
    actorName: storedText(200).nullable(),
    actorRole: roleSchema.nullable(),
    occurredAt: isoTime,
    createdAt: isoTime,
  })
  .meta({ id: 'Activity' });
export type ActivityDto = z.infer<typeof activitySchema>;

const earliest = Date.UTC(1970, 0, 1);
const clockSkewMs = 5 * 60_000;

/** When a manual activity happened: from 1970-01-01 up to now, with five minutes of clock skew. */
export const occurredAtSchema = z.iso.datetime({ offset: true }).refine((v) => {
  const at = Date.parse(v);
  return at >= earliest && at <= Date.now() + clockSkewMs;
}, 'must be between 1970-01-01 and now');

export const logActivityBody = z
  .strictObject({
    type: z.enum(
      manualActivityTypes,
      'type must be note, email, call or meeting; system types cannot be posted',
    ),
    subject: storableString(300, { trim: true }).optional(),
    body: storableString(20_000, { trim: true }).min(1, 'required'),
    occurredAt: occurredAtSchema.optional(),
  })
  .meta({ id: 'ActivityCreate' });
export type LogActivityInput = z.infer<typeof logActivityBody>;

/** A timeline cursor: the last activity's occurredAt and id. */
export const timelineCursor = z.tuple([cursorTime, z.uuid()]);
export type TimelineCursor = z.infer<typeof timelineCursor>;

export const timelineQuery = z.strictObject({
  type: activityTypeSchema.optional(),
  limit: limitParam,
  cursor: cursorParam(timelineCursor),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;
