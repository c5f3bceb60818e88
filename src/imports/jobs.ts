import { createReadStream } from 'node:fs';
import { inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { isOrgAdmin } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import { withOrg, type Database, type Tx } from '../db/client.js';
import { imports } from '../db/schema.js';
import type { Release } from '../shared/concurrency.js';
import { AppError, notFound } from '../shared/errors.js';
import {
  assertCanImport,
  importContacts,
  jobOptions,
  type ImportOptions,
  type ImportProgress,
} from './import.js';
import * as repo from './repo.js';
import type { Spooled } from './spool.js';
import { stringify } from 'csv-stringify/sync';
import { encodeCursor } from '../shared/schemas.js';
import { neutralize } from './csv.js';
import type { ColumnMapping } from './mapping-schema.js';
import { type ImportErrorPage, type ImportJobDto, type OnDuplicate } from './schema.js';

/** Progress of the jobs running in this process, for pollers (the job's own transaction is not yet visible). */
const live = new Map<string, ImportProgress>();
/** The running jobs' promises, so tests and shutdown can wait for them. */
const running = new Map<string, Promise<void>>();

export function toImportJobDto(row: repo.ImportSummaryRow): ImportJobDto {
  const p = row.status === 'running' ? live.get(row.id) : undefined;
  const options = row.options as {
    dryRun?: boolean;
    onDuplicate?: OnDuplicate;
    mapping?: ColumnMapping | null;
  };
  return {
    id: row.id,
    status: row.status,
    userId: row.userId,
    fileName: row.fileName,
    dryRun: options.dryRun ?? false,
    onDuplicate: options.onDuplicate ?? 'skip',
    mapping: options.mapping ?? null,
    bytesRead: p?.bytesRead ?? row.bytesRead,
    bytesTotal: row.bytesTotal,
    processed: p?.processed ?? row.processed,
    created: p?.created ?? row.created,
    updated: p?.updated ?? row.updated,
    skipped: p?.skipped ?? row.skipped,
    errorCount: p?.errorCount ?? row.errorCount,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    revertedAt: row.revertedAt?.toISOString() ?? null,
  };
}

/**
 * Records a queued job for a spooled upload and starts it in the background;
 * answers the job id at once (202). The job owns the file and the
 * concurrency slot (`release`) from here and gives both back when it ends.
 */
export async function startImportJob(
  database: Database,
  ctx: AccessContext,
  upload: Spooled,
  options: Omit<ImportOptions, 'importId'>,
  release: Release = () => undefined,
): Promise<{ id: string }> {
  assertCanImport(ctx);
  const id = uuidv7();
  await withOrg(database.db, ctx.actor.orgId, (tx) =>
    repo.insertImport(tx, {
      orgId: ctx.actor.orgId,
      id,
      userId: ctx.actor.userId,
      status: 'queued',
      options: jobOptions(options),
      fileName: options.fileName ?? null,
      bytesTotal: options.bytesTotal || upload.bytes,
    }),
  );
  const job = runJob(database, ctx, id, upload.file, { ...options, bytesTotal: upload.bytes })
    .finally(() => upload.remove())
    .finally(release);
  running.set(id, job);
  void job.finally(() => running.delete(id));
  return { id };
}

/** Runs a queued job: all rows in one transaction that also marks it done; on failure nothing is written. */
async function runJob(
  database: Database,
  ctx: AccessContext,
  id: string,
  file: string,
  options: Omit<ImportOptions, 'importId'>,
): Promise<void> {
  const orgId = ctx.actor.orgId;
  live.set(id, { bytesRead: 0, processed: 0, created: 0, updated: 0, skipped: 0, errorCount: 0 });
  try {
    await withOrg(database.db, orgId, (tx) =>
      repo.updateImport(tx, orgId, id, { status: 'running' }),
    );
    await withOrg(database.db, orgId, async (tx) => {
      await importContacts(
        tx,
        ctx,
        createReadStream(file),
        { ...options, byteLimit: undefined, importId: id },
        (p) => live.set(id, p),
      );
      if (options.dryRun) {
        const p = live.get(id)!;
        await repo.updateImport(tx, orgId, id, {
          status: 'done',
          bytesRead: p.bytesRead,
          processed: p.processed,
          created: p.created,
          updated: p.updated,
          skipped: p.skipped,
          finishedAt: new Date(),
        });
      }
    });
  } catch (error) {
    const failure =
      error instanceof AppError ? error.message.slice(0, 2000) : 'The import failed unexpectedly';
    await withOrg(database.db, orgId, (tx) =>
      repo.updateImport(tx, orgId, id, { status: 'failed', failure, finishedAt: new Date() }),
    ).catch(() => undefined);
  } finally {
    live.delete(id);
  }
}

/** Waits for the jobs running in this process (tests, graceful shutdown). */
export async function waitForImportJobs(): Promise<void> {
  await Promise.allSettled([...running.values()]);
}

/**
 * Marks jobs that were queued or running when the process stopped as failed.
 * Their rows were written in a transaction that never committed, so nothing
 * is half-written. Call once at start-up, before serving.
 */
export async function failInterruptedImports(database: Database): Promise<number> {
  // Across every organization at once: the owner's connection, before serving.
  const rows = await database.unsafeOwner
    .update(imports)
    .set({
      status: 'failed',
      failure: 'Interrupted by a restart; nothing was imported. Upload the file again.',
      finishedAt: new Date(),
    })
    .where(inArray(imports.status, ['queued', 'running']))
    .returning({ id: imports.id });
  return rows.length;
}

async function readableImport(tx: Tx, ctx: AccessContext, id: string, forUpdate = false) {
  const row = await repo.findImport(tx, ctx.actor.orgId, id, { forUpdate });
  if (!row || (!isOrgAdmin(ctx.actor.role) && row.userId !== ctx.actor.userId)) {
    throw notFound('Import');
  }
  return row;
}

/** Org admins see every import of the org; partners their own. */
export async function listImports(tx: Tx, ctx: AccessContext): Promise<{ data: ImportJobDto[] }> {
  assertCan(ctx, 'contact.import');
  const rows = await repo.listImports(
    tx,
    ctx.actor.orgId,
    isOrgAdmin(ctx.actor.role) ? undefined : ctx.actor.userId,
    200,
  );
  return { data: rows.map(toImportJobDto) };
}

export async function getImport(tx: Tx, ctx: AccessContext, id: string): Promise<ImportJobDto> {
  assertCan(ctx, 'contact.import');
  return toImportJobDto(await readableImport(tx, ctx, id));
}

/** One page of an import's refused rows, in row order. */
export async function listImportErrors(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  page: { cursor?: readonly [number] | undefined; limit: number },
): Promise<ImportErrorPage> {
  assertCan(ctx, 'contact.import');
  await readableImport(tx, ctx, id);
  const [after] = page.cursor ?? [0];
  const data = await repo.importErrorPage(tx, ctx.actor.orgId, id, after, page.limit);
  const last = data.at(-1);
  return { data, nextCursor: data.length === page.limit && last ? encodeCursor([last.row]) : null };
}

/** The column that says why a row failed; the import ignores it, so the file can go back in. */
export const reasonColumn = 'Import Error';

/**
 * The refused rows as CSV: the file's header plus a reason column, each kept
 * row with its cells (formulas neutralized, as in an export). A row whose
 * cells were not kept (over the byte bound, or refused at planning) has only
 * its reason. Fixed, the file can be imported again.
 */
export async function importErrorsCsv(tx: Tx, ctx: AccessContext, id: string): Promise<string> {
  assertCan(ctx, 'contact.import');
  await readableImport(tx, ctx, id);
  const header = (await repo.importHeader(tx, ctx.actor.orgId, id)) ?? [];
  const rows = await repo.importErrorRows(tx, ctx.actor.orgId, id);
  const width = header.length;
  const lines = rows.map((r) => {
    const cells = Array.from({ length: width }, (_, i) => neutralize(r.cells?.[i] ?? ''));
    return [...cells, neutralize(`Row ${r.row}: ${r.message}`)];
  });
  return stringify([[...header.map(neutralize), reasonColumn], ...lines]);
}
