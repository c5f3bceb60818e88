import { z } from 'zod';
import {
  contactFilters,
  contactStatusSchema,
  tagsSchema,
  visibilitySchema,
} from '../contacts/schema.js';
import {
  boolParam,
  cursorParam,
  isoTime,
  limitParam,
  listOf,
  storableString,
  storedText,
} from '../shared/schemas.js';
import { maxCells } from './csv.js';
import { maxRecordBytes } from './csv-stream.js';
import { columnMapping, type ColumnMapping } from './mapping-schema.js';

const count = z.number().int().min(0);

export const maxBulkIds = 10_000;
/** A revert names at most this many of the contacts it left in place (and of its conflicts). */
export const maxKeptIds = 1000;

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

export const bulkResult = z.object({ updated: count }).meta({ id: 'BulkResult' });

export const onDuplicateModes = ['skip', 'update', 'create'] as const;
export type OnDuplicate = (typeof onDuplicateModes)[number];

/**
 * `?mapping=`: the column mapping as JSON text, parsed and checked while the
 * query is validated, so bad JSON or a bad shape is a 422 on `mapping`
 * before the upload is read.
 */
const mappingParam = storableString(100_000)
  .transform((text, ctx): ColumnMapping => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.issues.push({ code: 'custom', message: 'mapping is not valid JSON', input: text });
      return z.NEVER;
    }
    const parsed = columnMapping.safeParse(json);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues.slice(0, 20)) {
      ctx.issues.push({
        code: 'custom',
        message: issue.message,
        input: text,
        path: issue.path as PropertyKey[],
      });
    }
    return z.NEVER;
  })
  .optional()
  .describe(
    'JSON {"<header>": "<field>" | "custom:<key>" | null}: null or a column left out is skipped; without it the suggestions of /contacts/import/inspect are used',
  );

export const importQuery = z.strictObject({
  dryRun: boolParam,
  async: boolParam,
  onDuplicate: z.enum(onDuplicateModes).optional().default('skip'),
  mapping: mappingParam,
  sheet: storableString(200)
    .min(1)
    .optional()
    .describe("an XLSX workbook's sheet to import (the first visible one when absent)"),
});

/** `?sheet=`: a spreadsheet's sheet by name (the first when absent). */
const sheetParam = storableString(200).min(1).optional();

export const inspectQuery = z.strictObject({
  sheet: sheetParam,
  size: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe(
      "the whole file's size in bytes when the body is only its first part (a CSV's head is enough to inspect it): the row count is estimated from it",
    ),
});

/** What inspect answers; not strict, so readers of other file kinds can add to it. */
export const importInspection = z
  .object({
    columns: z
      .array(
        z.object({
          index: count,
          header: storedText(maxRecordBytes),
          samples: z
            .array(storedText(200))
            .max(5)
            .describe('the first 5 non-empty values, each cut to 200 characters'),
          suggestion: storedText(70)
            .nullable()
            .describe('a contact field, fullName, custom:<key>, or null (skip)'),
        }),
      )
      .max(maxCells),
    rows: count.describe('data rows: exact when rowsEstimated is false'),
    rowsEstimated: z
      .boolean()
      .describe('true when only the head of the file was read and rows is estimated from it'),
    sheets: z
      .array(storedText(255))
      .max(1000)
      .optional()
      .describe(
        "an XLSX workbook's sheet names in its order (absent for CSV); pick one with ?sheet=",
      ),
  })
  .meta({ id: 'ImportInspection' });
export type ImportInspection = z.infer<typeof importInspection>;

/** A bad row; the message names each field at fault, so it stays short. */
const rowError = z.object({ row: z.number().int().min(1), message: storedText(2000) });
/** Jobs and results report at most this many bad rows (maxReportedErrors). */
const rowErrors = z.array(rowError).max(1000);

export const importResultSchema = z
  .object({
    created: count,
    updated: count,
    skipped: count,
    errors: rowErrors.describe(
      'the first bad rows (at most 1,000 and about 1 MB); row 1 = first after the header',
    ),
    errorCount: count.describe('all bad rows'),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResultSchema>;

export const importStatuses = ['queued', 'running', 'done', 'failed'] as const;

export const importJobSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(importStatuses),
    userId: z.uuid(),
    fileName: storedText(255).nullable(),
    dryRun: z.boolean(),
    onDuplicate: z.enum(onDuplicateModes),
    mapping: columnMapping.nullable().describe('the mapping the import was given (null: none)'),
    bytesRead: count,
    bytesTotal: count,
    processed: count,
    created: count,
    updated: count,
    skipped: count,
    errorCount: count.describe('all bad rows; the first are paged at /imports/{id}/errors'),
    failure: storedText(2000).nullable(),
    createdAt: isoTime,
    finishedAt: isoTime.nullable(),
    revertedAt: isoTime.nullable(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJobDto = z.infer<typeof importJobSchema>;

/** An error page's cursor: the last row number shown. */
export const importErrorCursor = z.tuple([z.number().int().min(0).max(2_147_483_647)]);
export const importErrorsQuery = z.strictObject({
  cursor: cursorParam(importErrorCursor),
  limit: limitParam,
});
export const importErrorPage = listOf(rowError).meta({ id: 'ImportErrorPage' });
export type ImportErrorPage = z.infer<typeof importErrorPage>;

export const importAccepted = z.object({ id: z.uuid() }).meta({ id: 'ImportAccepted' });

/** The 200 most recent imports. */
export const importList = z.object({ data: z.array(importJobSchema).max(200) });

export const revertResult = z
  .object({
    reverted: count.describe('contacts the import created that were removed'),
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
      .max(maxKeptIds)
      .describe('contacts left in place, each with the reason (the first 1,000)'),
    keptCount: count.describe('all contacts left in place'),
    restored: count.describe('contacts the import updated whose fields were restored'),
    conflicts: z
      .array(
        z.object({
          id: z.uuid(),
          reason: z
            .enum(['changed', 'forbidden'])
            .describe('changed: edited since the import; forbidden: you may not edit it'),
        }),
      )
      .max(maxKeptIds)
      .describe(
        'updated contacts left as they are, each with the reason (the first 1,000 you can read)',
      ),
    conflictCount: count.describe(
      'all updated contacts left as they are, including those you cannot read',
    ),
  })
  .meta({ id: 'ImportRevert' });
export type RevertResult = z.infer<typeof revertResult>;

export const exportQuery = z.strictObject(contactFilters);
export type ExportFilters = z.infer<typeof exportQuery>;
