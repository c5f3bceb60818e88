import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { initialVisibility } from '../access/visibility.js';
import { queryRows, withOrg, type Database } from '../db/client.js';
import { bulkIds } from '../db/ids.js';
import { AppError } from '../shared/errors.js';
import { release, reserve } from '../orgs/plans.js';
import { toStorable } from '../shared/schemas.js';
import { isBlankRow, quote, rowToContact } from './csv.js';
import { sampleRowLimit, sampler } from './columns.js';
import { mapHeader, resolveMapping, type ColumnMap } from './mapping.js';
import { readRecords } from './source.js';
import {
  batchSize,
  customFieldDefsFor,
  errorReport,
  maxReportedErrors,
  sliceSize,
  visibilityFor,
  type ImportOptions,
  type ImportProgress,
} from './import.js';
import * as repo from './repo.js';
import * as staging from './staging.js';
import { deleteImportFile } from './files.js';

/**
 * An import in bounded steps, each its own short transaction, so progress
 * commits as it goes and other requests get the database between steps (the
 * embedded PGlite serves one session at a time):
 *
 * 1. stage: the parsed rows, 5,000 per transaction, with the counts so far;
 * 2. plan: every row decided at once, the plan cap reserved for all new
 *    contacts (an import that would pass it fails whole, before writing),
 *    the refused rows recorded; phase becomes 'planned';
 * 3. write: 10,000 file rows per transaction (contacts and activities),
 *    advancing next_row and the counts; the last marks the import done and
 *    deletes its staged rows.
 *
 * It resumes where a cut attempt stopped: rows up to next_row are not
 * written again, and staging that had not finished starts over from the
 * file. A dry run stages and plans, counts what would change, and writes
 * nothing. The generator yields between transactions (see runSteps).
 */
export async function* importSteps(
  database: Database,
  ctx: AccessContext,
  importId: string,
  openSource: () => Readable,
  options: ImportOptions,
  onProgress: (p: ImportProgress) => void = () => undefined,
): AsyncGenerator<void, void, undefined> {
  const { orgId } = ctx.actor;
  const db = database.db;
  const job = await withOrg(db, orgId, (tx) => repo.findImport(tx, orgId, importId));
  if (job?.status !== 'running') return;
  const updating = options.onDuplicate === 'update';

  if (job.phase !== 'planned') {
    // Stage (again, after a cut: the staged rows are not kept across attempts).
    await withOrg(db, orgId, async (tx) => {
      await staging.clearStaged(tx, orgId, importId);
      await repo.updateImport(tx, orgId, importId, {
        bytesRead: 0,
        processed: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        errorCount: 0,
        nextRow: 0,
      });
    });
    const progress: ImportProgress = {
      bytesRead: 0,
      processed: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      errorCount: 0,
    };
    const report = errorReport();
    const minimum = initialVisibility(ctx.settings, ctx.actor.partnerId, undefined);
    const defs = await withOrg(db, orgId, (tx) => customFieldDefsFor(tx, ctx), { readOnly: true });
    const newId = bulkIds();
    let header: string[] = [];
    let map = undefined as ColumnMap | undefined;
    let rowNumber = 0;
    let batch: staging.StagedRow[] = [];
    // One batch is staged while the next is parsed, so parsing overlaps the
    // database's work; the steps pause (yield) only once the previous batch
    // has committed, when others can have the database at once.
    let writing: Promise<void> = Promise.resolve();
    const flush = () => {
      const rows = batch;
      const counts = { ...progress };
      batch = [];
      writing = withOrg(db, orgId, async (tx) => {
        await staging.stageRows(tx, orgId, importId, rows, ctx.settings.defaultPhoneCountry);
        await repo.updateImport(tx, orgId, importId, {
          bytesRead: counts.bytesRead,
          processed: counts.processed,
          errorCount: counts.errorCount,
        });
      }).then(() => onProgress(counts));
      // Held, not dropped: a failure surfaces at the next batch or at the end.
      writing.catch(() => undefined);
    };
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
    /** Adds a parsed row; true when its batch is full. */
    const addRow = (cells: string[], current: ColumnMap) => {
      rowNumber++;
      if (isBlankRow(cells)) return false;
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
      return batch.length >= batchSize;
    };
    for await (const cells of readRecords(openSource, {
      onBytes: (n) => (progress.bytesRead = n),
      byteLimit: options.byteLimit,
      sheet: options.sheet,
    })) {
      if (map) {
        if (addRow(cells, map)) {
          await writing;
          yield;
          flush();
        }
        continue;
      }
      if (head) {
        head.push(cells);
        samples.add(cells);
        // The head is at most sampleRowLimit rows: less than a batch.
        if (head.length >= sampleRowLimit || samples.complete()) {
          for (const row of mapFromHead()) addRow(row, map!);
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
    if (head) for (const row of mapFromHead()) addRow(row, map!);
    if (!map) throw new AppError('validation', 'The file is empty: a header row is needed');
    if (progress.processed === 0) {
      throw new AppError('validation', 'The file has a header row but no data rows');
    }
    header = header.map(toStorable);
    await writing;
    flush();
    await writing;
    yield;

    // Plan: decide every row, reserve the plan's room, record the refused rows.
    await withOrg(db, orgId, async (tx) => {
      const row = await repo.findImport(tx, orgId, importId, { forUpdate: true });
      if (row?.status !== 'running' || row.phase === 'planned') return;
      const planned = await staging.planRows(tx, ctx, importId, options.onDuplicate);
      if (updating && planned.locked > 0) {
        const shown = await staging.lockedRows(tx, orgId, importId, maxReportedErrors);
        for (const r of shown) {
          report.add(
            r.rn,
            `a contact with e-mail ${quote(r.email)} exists and you may not edit it`,
          );
        }
        report.countOnly(planned.locked - shown.length);
      }
      let skipped = planned.repeat + (updating ? 0 : planned.match + planned.locked);
      if (planned.create > 0) {
        // A dry run is refused as the import would be, and holds nothing.
        if (options.dryRun) await tx.execute(sql`savepoint kantivo_dry_run`);
        await reserve(tx, ctx, 'contacts', planned.create);
        if (options.dryRun) await tx.execute(sql`rollback to savepoint kantivo_dry_run`);
      }
      const errors = report.kept.sort((a, b) => a.row - b.row);
      await repo.saveErrors(tx, orgId, importId, errors, report.count(), header);
      const patch: Parameters<typeof repo.updateImport>[3] = {
        phase: 'planned',
        bytesRead: progress.bytesRead,
        processed: progress.processed,
        skipped,
      };
      if (options.dryRun) {
        let updated = 0;
        if (updating && planned.match > 0) {
          await staging.planChanges(tx, ctx, importId, 1, rowNumber);
          updated = await staging.changingRows(tx, orgId, importId);
          skipped += planned.match - updated;
        }
        Object.assign(patch, {
          status: 'done',
          created: planned.create,
          updated,
          skipped,
          finishedAt: new Date(),
        });
        await staging.clearStaged(tx, orgId, importId);
        // An async import's stored file goes as it ends, in the same step.
        await deleteImportFile(tx, orgId, importId);
      }
      await repo.updateImport(tx, orgId, importId, patch);
    });
    if (options.dryRun) return;
    yield;
  }

  // Write, slice by slice, from where the last attempt stopped.
  const last = await withOrg(db, orgId, (tx) => staging.lastStagedRow(tx, orgId, importId), {
    readOnly: true,
  });
  for (;;) {
    const done = await withOrg(db, orgId, async (tx) => {
      const row = await repo.findImport(tx, orgId, importId, { forUpdate: true });
      // Ended by another attempt meanwhile.
      if (row?.status !== 'running') return true;
      const from = row.nextRow + 1;
      const to = row.nextRow + sliceSize;
      const created = await staging.insertSlice(tx, ctx, importId, from, to);
      const updated = updating ? await staging.updateSlice(tx, ctx, importId, from, to) : 0;
      const patch: Parameters<typeof repo.updateImport>[3] = {
        nextRow: to,
        created: row.created + created,
        updated: row.updated + updated,
      };
      const finished = to >= last;
      if (finished) {
        // A matched contact the file would not change counts as skipped.
        const matched = updating ? (await staging.planCounts(tx, orgId, importId)).match : 0;
        Object.assign(patch, {
          status: 'done',
          skipped: row.skipped + matched - (row.updated + updated),
          finishedAt: new Date(),
        });
        await staging.clearStaged(tx, orgId, importId);
        // An async import's stored file goes as it ends, in the same step.
        await deleteImportFile(tx, orgId, importId);
      }
      await repo.updateImport(tx, orgId, importId, patch);
      onProgress({
        bytesRead: row.bytesRead,
        processed: row.processed,
        created: row.created + created,
        updated: row.updated + updated,
        skipped: row.skipped,
        errorCount: row.errorCount,
      });
      return finished;
    });
    if (done) return;
    yield;
  }
}

/**
 * A pause between steps. On PGlite a step runs without giving the event
 * loop a turn, and a request needs a few turns (its credential check, then
 * its work) to get through: a mere setImmediate let a progress poll through
 * only after most of a 20,000-row import.
 */
const stepPauseMs = 10;

/** Runs an import's steps, pausing between them so other requests get the database. */
export async function runSteps(steps: AsyncGenerator<void, void, undefined>): Promise<void> {
  for await (const _ of steps) await new Promise((resolve) => setTimeout(resolve, stepPauseMs));
}

/**
 * Ends an import that failed for good: its unwritten rows' plan reservation
 * is released and its staged rows and file deleted. One that wrote nothing
 * is failed, or deleted when `leaveNothing` (a sync import: it answered the
 * error, as before); one that wrote slices is failed with what it wrote, for
 * revert to undo.
 */
export async function abandonImport(
  database: Database,
  orgId: string,
  importId: string,
  error: unknown,
  leaveNothing: boolean,
): Promise<void> {
  await withOrg(database.db, orgId, async (tx) => {
    const row = await repo.findImport(tx, orgId, importId, { forUpdate: true });
    if (!row) return;
    const [unwritten] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from import_rows
          where org_id = ${orgId}::uuid and import_id = ${importId}::uuid
            and action = 'create' and rn > ${row.nextRow}`,
    );
    const n = unwritten?.n ?? 0;
    const dry = (row.options as { dryRun?: boolean }).dryRun ?? false;
    if (row.phase === 'planned' && !dry && row.status === 'running' && n > 0) {
      await release(tx, orgId, 'contacts', n);
    }
    await staging.clearStaged(tx, orgId, importId);
    await tx.execute(
      sql`delete from import_files where org_id = ${orgId}::uuid and import_id = ${importId}::uuid`,
    );
    if (row.status !== 'queued' && row.status !== 'running') return;
    const wrote = row.created + row.updated > 0;
    if (!wrote && leaveNothing) {
      await repo.deleteImport(tx, orgId, importId);
      return;
    }
    const reason =
      error instanceof AppError
        ? error.message
        : typeof error === 'string'
          ? error
          : 'The import failed unexpectedly';
    const failure = wrote
      ? `${reason}. It stopped after ${row.nextRow} rows of the file: ${row.created} contacts were created and ${row.updated} updated; revert the import to undo them.`
      : `Nothing was imported: ${reason}`;
    await repo.updateImport(tx, orgId, importId, {
      status: 'failed',
      failure: failure.slice(0, 2000),
      finishedAt: new Date(),
    });
  });
}
