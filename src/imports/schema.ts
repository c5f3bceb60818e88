import { z } from 'zod';
import {
  contactFilters,
  contactStatusSchema,
  tagsSchema,
  visibilitySchema,
} from '../contacts/schema.js';
import { boolParam, cursorParam, isoTime, limitParam, listOf } from '../http/schemas.js';

export const maxBulkIds = 10_000;

export const bulkBody = z
  .strictObject({
    ids: z
      .array(z.uuid())
      .min(1)
      .max(maxBulkIds, `at most ${maxBulkIds} ids per call`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
    set: z
      .strictObject({
        status: contactStatusSchema.optional(),
        visibility: visibilitySchema.optional(),
      })
      .optional(),
    addTags: tagsSchema.optional(),
    removeTags: tagsSchema.optional(),
  })
  .refine(
    (b) =>
      b.set?.status !== undefined ||
      b.set?.visibility !== undefined ||
      (b.addTags?.length ?? 0) > 0 ||
      (b.removeTags?.length ?? 0) > 0,
    { message: 'nothing to change: send set.status, set.visibility, addTags or removeTags' },
  )
  .refine((b) => !(b.addTags ?? []).some((t) => (b.removeTags ?? []).includes(t)), {
    message: 'a tag cannot be both added and removed',
    path: ['removeTags'],
  })
  .meta({ id: 'ContactBulkUpdate' });
export type BulkInput = z.infer<typeof bulkBody>;

export const bulkResult = z.object({ updated: z.number().int() }).meta({ id: 'BulkResult' });

export const onDuplicateModes = ['skip', 'update', 'create'] as const;
export type OnDuplicate = (typeof onDuplicateModes)[number];

export const importQuery = z.strictObject({
  dryRun: boolParam,
  async: boolParam,
  onDuplicate: z.enum(onDuplicateModes).optional().default('skip'),
});

const rowError = z.object({ row: z.number().int(), message: z.string() });

export const importResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    errors: z
      .array(rowError)
      .describe(
        'the first bad rows (at most 1,000 and about 1 MB); row 1 = first after the header',
      ),
    errorCount: z.number().int().describe('all bad rows'),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResultSchema>;

export const importStatuses = ['queued', 'running', 'done', 'failed'] as const;

export const importJobSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(importStatuses),
    userId: z.uuid(),
    fileName: z.string().nullable(),
    dryRun: z.boolean(),
    onDuplicate: z.enum(onDuplicateModes),
    bytesRead: z.number().int(),
    bytesTotal: z.number().int(),
    processed: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    errorCount: z
      .number()
      .int()
      .describe('all bad rows; the first are paged at /imports/{id}/errors'),
    failure: z.string().nullable(),
    createdAt: isoTime,
    finishedAt: isoTime.nullable(),
    revertedAt: isoTime.nullable(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJobDto = z.infer<typeof importJobSchema>;

export const importErrorsQuery = z.strictObject({ cursor: cursorParam, limit: limitParam });
export const importErrorPage = listOf(rowError).meta({ id: 'ImportErrorPage' });
export type ImportErrorPage = z.infer<typeof importErrorPage>;

export const importAccepted = z.object({ id: z.uuid() }).meta({ id: 'ImportAccepted' });

export const importList = z.object({ data: z.array(importJobSchema) });

export const revertResult = z
  .object({
    reverted: z.number().int(),
    kept: z
      .array(
        z.object({
          id: z.uuid(),
          reason: z
            .enum(['forbidden', 'has_deals', 'has_activities', 'changed'])
            .describe(
              'forbidden: you may not delete it; has_deals / has_activities: a deal or an activity refers to it now; changed: edited since',
            ),
        }),
      )
      .describe('contacts left in place, each with the reason'),
  })
  .meta({ id: 'ImportRevert' });

export const exportQuery = z.strictObject(contactFilters);
export type ExportFilters = z.infer<typeof exportQuery>;
