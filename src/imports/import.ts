import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import { initialVisibility, levelsForRecord, visibilityRank } from '../access/visibility.js';
import type { Tx } from '../db/client.js';
import { bulkIds } from '../db/ids.js';
import type { Visibility } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { assertFeature, hasFeature, reserve } from '../orgs/plans.js';
import { isBlankRow, quote, rowToContact } from './csv.js';
import { sampleRowLimit, sampler } from './columns.js';
import { mapHeader, resolveMapping, type ColumnMap } from './mapping.js';
import type { ColumnMapping } from './mapping-schema.js';
import { listDefs, type CustomFieldRow } from '../custom-fields/repo.js';
import { readRecords } from './source.js';
import { toStorable } from '../shared/schemas.js';
import * as repo from './repo.js';
import * as staging from './staging.js';
import type { ImportResult, OnDuplicate } from './schema.js';

export type ImportOptions = {
  dryRun: boolean;
  onDuplicate: OnDuplicate;
  /** An existing job row (async imports); otherwise the import records its own row. */
  importId?: string;
  fileName?: string | null;
  bytesTotal?: number;
  /** Bytes beyond this are refused with 413 (the HTTP route's limit). */
  byteLimit?: number | undefined;
  /** A spreadsheet's sheet (the first when absent). */
  sheet?: string | undefined;
  /** Header → target; without it the suggestions are the mapping. */
  mapping?: ColumnMapping | undefined;
};

export type ImportProgress = {
  bytesRead: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  errorCount: number;
};

/** Rows per staged batch: a few MB of JSON, well under any parameter limit. */
export const batchSize = 5000;
/** File rows per write statement once the rows are planned. */
const sliceSize = 10_000;
/**
 * The first errors are kept row by row, with the row's cells, up to a count
 * and a byte bound; the rest are only counted. A message is cut to
 * maxMessageChars. So one import stores (and answers) at most about 1 MB.
 */
export const maxReportedErrors = 1000;
export const maxErrorBytes = 1024 * 1024;
export const maxMessageChars = 500;

/** Collects an import's row errors within the bounds above. */
export function errorReport() {
  const kept: repo.RowError[] = [];
  let bytes = 0;
  let count = 0;
  return {
    kept,
    count: () => count,
    /** Errors beyond the bounds in any case: counted, not kept. */
    countOnly(n: number) {
      count += n;
    },
    add(row: number, message: string, cells?: string[]) {
      count++;
      if (kept.length >= maxReportedErrors) return;
      const text =
        message.length > maxMessageChars ? `${message.slice(0, maxMessageChars)}…` : message;
      const size = Buffer.byteLength(text);
      if (bytes + size > maxErrorBytes) return;
      bytes += size;
      const cellBytes = cells ? cells.reduce((n, c) => n + Buffer.byteLength(c) + 1, 0) : 0;
      // The cells are kept while they fit; the message alone otherwise.
      const keepCells = cells !== undefined && bytes + cellBytes <= maxErrorBytes;
      if (keepCells) bytes += cellBytes;
      kept.push({ row, message: text, cells: keepCells ? cells.map(toStorable) : null });
    },
  };
}

/** Who may import: org admins and partners, on a plan with CSV import (403 otherwise). */
export function assertCanImport(ctx: AccessContext): void {
  assertCan(ctx, 'contact.import');
  assertFeature(ctx, 'import');
}

/** The org's custom fields, or null when its plan has none. */
export async function customFieldDefsFor(
  tx: Tx,
  ctx: AccessContext,
): Promise<CustomFieldRow[] | null> {
  return hasFeature(ctx.plan, 'custom_fields') ? listDefs(tx, ctx.actor.orgId) : null;
}

/**
 * Imports an upload (CSV or XLSX, see readRecords) in the caller's transaction: parsed as a stream,
 * validated row by row (bad rows are reported and skipped), staged, planned
 * in one pass (see staging.ts) and written with set-based SQL, each contact
 * with an `import` activity. The plan cap is reserved for all new contacts
 * at once, so an import that would pass it fails as a whole (403). A dry run
 * does all of it inside a savepoint it rolls back.
 */
export async function importContacts(
  tx: Tx,
  ctx: AccessContext,
  open: () => Readable,
  options: ImportOptions,
  onProgress: (p: ImportProgress) => void = () => undefined,
): Promise<ImportResult> {
  assertCanImport(ctx);
  if (options.dryRun) await tx.execute(sql`savepoint kantivo_dry_run`);
  const importId = options.importId ?? uuidv7();
  if (!options.importId) {
    await repo.insertImport(tx, {
      orgId: ctx.actor.orgId,
      id: importId,
      userId: ctx.actor.userId,
      status: 'running',
      options: jobOptions(options),
      fileName: options.fileName ?? null,
      bytesTotal: options.bytesTotal ?? 0,
    });
  }
  const minimum = initialVisibility(ctx.settings, ctx.actor.partnerId, undefined);
  const progress: ImportProgress = {
    bytesRead: 0,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    errorCount: 0,
  };
  const report = errorReport();
  let header: string[] = [];

  // Pass 1: parse the stream and stage its valid rows. One batch is staged
  // while the next is parsed, so Node's parsing overlaps the database's work.
  await staging.createStaging(tx);
  let map = undefined as ColumnMap | undefined;
  let rowNumber = 0;
  let batch: staging.StagedRow[] = [];
  const newId = bulkIds();
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = batch;
    batch = [];
    await writing;
    writing = staging
      .stageRows(tx, rows, ctx.settings.defaultPhoneCountry)
      .then(() => onProgress({ ...progress }));
    // Held, not dropped: a failure surfaces at the next flush or at the end.
    writing.catch(() => undefined);
  };
  const defs = await customFieldDefsFor(tx, ctx);
  // Without a mapping the columns are guessed from the header and the first
  // rows' values, as inspect does, so those rows wait until the map is made.
  let head: string[][] | undefined;
  let samples = sampler(0);
  const mapFromHead = () => {
    const rows = head ?? [];
    head = undefined;
    map = mapHeader(header, rows, defs ?? []);
    return rows;
  };
  const addRow = async (cells: string[], current: ColumnMap) => {
    rowNumber++;
    if (isBlankRow(cells)) return;
    progress.processed++;
    try {
      const values = rowToContact(cells, current);
      batch.push({
        id: newId(),
        activityId: newId(),
        row: rowNumber,
        values,
        visibility: visibilityFor(ctx, minimum, values.visibility),
      });
    } catch (error) {
      report.add(rowNumber, (error as Error).message, cells);
    }
    progress.errorCount = report.count();
    if (batch.length >= batchSize) await flush();
  };
  for await (const cells of readRecords(open, {
    onBytes: (n) => (progress.bytesRead = n),
    byteLimit: options.byteLimit,
    sheet: options.sheet,
  })) {
    if (map) {
      await addRow(cells, map);
      continue;
    }
    if (head) {
      head.push(cells);
      samples.add(cells);
      if (head.length >= sampleRowLimit || samples.complete()) {
        for (const row of mapFromHead()) await addRow(row, map!);
      }
      continue;
    }
    if (isBlankRow(cells)) continue;
    header = cells;
    if (options.mapping) map = resolveMapping(header, options.mapping, defs);
    else {
      head = [];
      samples = sampler(header.length);
    }
  }
  if (head) for (const row of mapFromHead()) await addRow(row, map!);
  if (!map) throw new AppError('validation', 'The file is empty: a header row is needed');
  if (progress.processed === 0) {
    throw new AppError('validation', 'The file has a header row but no data rows');
  }
  header = header.map(toStorable);
  await flush();
  await writing;

  // Pass 2: decide every row at once, reserve the plan's room for the new
  // contacts (an import that would pass the cap fails whole, before writing),
  // then write slice by slice so a progress bar moves.
  const planned = await staging.planRows(tx, ctx, options.onDuplicate);
  const updating = options.onDuplicate === 'update';
  if (updating && planned.locked > 0) {
    const shown = await staging.lockedRows(tx, maxReportedErrors);
    for (const r of shown) {
      report.add(r.rn, `a contact with e-mail ${quote(r.email)} exists and you may not edit it`);
    }
    report.countOnly(planned.locked - shown.length);
    progress.errorCount = report.count();
  }
  progress.skipped = planned.repeat + (updating ? 0 : planned.match + planned.locked);
  if (planned.create > 0) await reserve(tx, ctx, 'contacts', planned.create);
  for (let from = 1; from <= rowNumber; from += sliceSize) {
    const to = from + sliceSize - 1;
    if (planned.create > 0)
      progress.created += await staging.insertSlice(tx, ctx, importId, from, to);
    if (updating && planned.match > 0)
      progress.updated += await staging.updateSlice(tx, ctx, importId, from, to);
    onProgress({ ...progress });
  }
  // A matched contact the file would not change counts as skipped.
  if (updating) progress.skipped += planned.match - progress.updated;
  const errors = report.kept.sort((a, b) => a.row - b.row);

  const result: ImportResult = {
    created: progress.created,
    updated: progress.updated,
    skipped: progress.skipped,
    errors: errors.map(({ row, message }) => ({ row, message })),
    errorCount: progress.errorCount,
  };
  if (options.dryRun) {
    await tx.execute(sql`rollback to savepoint kantivo_dry_run`);
  } else {
    await repo.updateImport(tx, ctx.actor.orgId, importId, {
      status: 'done',
      bytesRead: progress.bytesRead,
      processed: progress.processed,
      created: result.created,
      updated: result.updated,
      skipped: result.skipped,
      finishedAt: new Date(),
    });
  }
  // A dry run's job row (async) was made before the savepoint: its errors are kept too.
  if (!options.dryRun || options.importId) {
    await repo.saveErrors(tx, ctx.actor.orgId, importId, errors, progress.errorCount, header);
  }
  return result;
}

/** The row's visibility: at least the settings' minimum; a level the importer's records cannot take is an error. */
function visibilityFor(
  ctx: AccessContext,
  minimum: Visibility,
  asked: Visibility | undefined,
): Visibility {
  if (asked === undefined) return minimum;
  if (!levelsForRecord(ctx.actor.partnerId).includes(asked)) {
    throw new Error(`visibility "${asked}" needs a partner; your contacts have none`);
  }
  return visibilityRank[asked] < visibilityRank[minimum] ? minimum : asked;
}

/** What the import record keeps of its options (the job's answer shows them). */
export function jobOptions(options: Omit<ImportOptions, 'importId'>) {
  return {
    dryRun: options.dryRun,
    onDuplicate: options.onDuplicate,
    mapping: options.mapping ?? null,
  };
}
