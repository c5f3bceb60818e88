import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertCan, can } from '../access/permissions.js';
import { initialVisibility, levelsForRecord, visibilityRank } from '../access/visibility.js';
import type { Tx } from '../db/client.js';
import type { Visibility } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { assertFeature, reserve } from '../orgs/plans.js';
import { csvRecords, isBlankRow, mapHeader, rowToContact, type ColumnMap } from './csv.js';
import * as repo from './repo.js';
import type { ImportResult, OnDuplicate } from './schema.js';

export type ImportOptions = {
  dryRun: boolean;
  onDuplicate: OnDuplicate;
  /** An existing job row (async imports); otherwise the import records its own row. */
  importId?: string;
  fileName?: string | null;
  bytesTotal?: number;
  /** Bytes beyond this are refused with 413 (the HTTP route's limit). */
  byteLimit?: number;
};

export type ImportProgress = {
  bytesRead: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  errorCount: number;
};

/** Rows per set-based write: a few MB of JSON, well under any parameter limit. */
export const batchSize = 5000;
/** The first errors are reported row by row; the rest are only counted. */
export const maxReportedErrors = 1000;

/** Who may import: org admins and partners, on a plan with CSV import (403 otherwise). */
export function assertCanImport(ctx: AccessContext): void {
  assertCan(ctx, 'contact.import');
  assertFeature(ctx, 'import');
}

/**
 * Imports a CSV byte stream in the caller's transaction: parsed as a stream,
 * validated row by row (bad rows are reported and skipped), written in
 * batches with set-based SQL, each contact with an `import` activity. The
 * plan cap is reserved per batch, so an import that would pass it fails as a
 * whole (403). A dry run does all of it inside a savepoint it rolls back.
 */
export async function importContacts(
  tx: Tx,
  ctx: AccessContext,
  source: Readable,
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
      options: { dryRun: options.dryRun, onDuplicate: options.onDuplicate },
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
  const errors: repo.RowError[] = [];
  const report = (row: number, message: string) => {
    progress.errorCount++;
    if (errors.length < maxReportedErrors) errors.push({ row, message });
  };

  let map: ColumnMap | undefined;
  let rowNumber = 0;
  let batch: repo.StagedRow[] = [];
  const flush = async () => {
    const staged = batch;
    batch = [];
    await writeBatch(tx, ctx, importId, options.onDuplicate, staged, progress, report);
    onProgress({ ...progress });
  };

  for await (const cells of csvRecords(
    source,
    (n) => (progress.bytesRead = n),
    options.byteLimit,
  )) {
    if (!map) {
      if (isBlankRow(cells)) continue;
      map = mapHeader(cells);
      continue;
    }
    rowNumber++;
    if (isBlankRow(cells)) continue;
    progress.processed++;
    try {
      const values = rowToContact(cells, map);
      batch.push({
        id: uuidv7(),
        activityId: uuidv7(),
        row: rowNumber,
        values,
        visibility: visibilityFor(ctx, minimum, values.visibility),
      });
    } catch (error) {
      report(rowNumber, (error as Error).message);
    }
    if (batch.length >= batchSize) await flush();
  }
  if (!map) throw new AppError('validation', 'The file is empty: a header row is needed');
  await flush();
  errors.sort((a, b) => a.row - b.row);

  const result: ImportResult = {
    created: progress.created,
    updated: progress.updated,
    skipped: progress.skipped,
    errors,
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
      errors,
      finishedAt: new Date(),
    });
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

/**
 * Decides create / update / skip for each row of a batch and writes it.
 * Under skip and update only the first row of an e-mail counts: later rows
 * of the same file are skipped (they match a contact this import created).
 */
async function writeBatch(
  tx: Tx,
  ctx: AccessContext,
  importId: string,
  mode: OnDuplicate,
  rows: repo.StagedRow[],
  progress: ImportProgress,
  report: (row: number, message: string) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const creates: repo.StagedRow[] = [];
  const updates: repo.StagedRow[] = [];
  if (mode === 'create') {
    creates.push(...rows);
  } else {
    const firsts = new Map<string, repo.StagedRow>();
    for (const r of rows) {
      const e = r.values.email.toLowerCase();
      if (firsts.has(e)) progress.skipped++;
      else firsts.set(e, r);
    }
    const matches = await repo.findByEmails(tx, ctx, [...firsts.keys()]);
    for (const [e, r] of firsts) {
      const match = matches.get(e);
      if (!match) creates.push(r);
      else if (match.importId === importId || match.touched || mode === 'skip') progress.skipped++;
      else if (!can(ctx, 'contact.update', match)) {
        report(r.row, `a contact with e-mail ${r.values.email} exists and you may not edit it`);
      } else updates.push({ ...r, id: match.id });
    }
  }
  if (creates.length > 0) {
    await reserve(tx, ctx, 'contacts', creates.length);
    await repo.insertContactsWithActivity(tx, ctx, importId, creates);
    progress.created += creates.length;
  }
  if (updates.length > 0) {
    const changed = await repo.updateContactsWithActivity(tx, ctx, importId, updates);
    progress.updated += changed;
    progress.skipped += updates.length - changed;
  }
}
