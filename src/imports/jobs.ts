import { and, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { isOrgAdmin } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import { accessForUser } from '../access/lookup.js';
import { enqueue, wake, work, type JobQueue } from '../jobs/queue.js';
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
import { deleteImportFile, importFileStream, saveImportFile } from './files.js';
import type { Spooled } from './spool.js';
import { stringify } from 'csv-stringify/sync';
import { encodeCursor } from '../shared/schemas.js';
import { neutralize } from './csv.js';
import type { ColumnMapping } from './mapping-schema.js';
import { type ImportErrorPage, type ImportJobDto, type OnDuplicate } from './schema.js';

/**
 * Progress of the jobs running in this process, for pollers (the job's own
 * transaction is not yet visible). A process that is not running the job
 * shows the counts last written to its row (none until the job commits).
 */
const live = new Map<string, ImportProgress>();
/** The jobs running in this process, so tests and shutdown can wait for them. */
const running = new Map<string, Promise<void>>();
/** The jobs this process accepted that have not ended here yet, so tests can wait for an upload's job. */
const accepted = new Map<string, { ended: Promise<void>; end: () => void }>();

/** Marks job `id` ended for waitForImportJobs (all of them when the queue stops here). */
function settle(id?: string) {
  for (const [key, entry] of accepted) {
    if (id === undefined || key === id) {
      entry.end();
      accepted.delete(key);
    }
  }
}

/** The queue async imports run on (src/jobs), and where those that failed for good go. */
export const importQueue = 'import-contacts';
const importDeadQueue = 'import-contacts-dead';

/** What a job carries: enough for any process to run it as the user who asked. */
type ImportJobPayload = {
  orgId: string;
  userId: string;
  importId: string;
  options: Omit<ImportOptions, 'importId'>;
};

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
 * Records a queued job for a spooled upload, stores the file in the
 * database and enqueues the job, all in one transaction, and answers the
 * job's id (202). Any process's worker may run it (registerImportJobs).
 * The spooled file and the concurrency slot (`release`) are given back
 * here: the workers' count bounds the imports running at once.
 */
export async function startImportJob(
  database: Database,
  ctx: AccessContext,
  upload: Spooled,
  options: Omit<ImportOptions, 'importId'>,
  release: Release = () => undefined,
): Promise<{ id: string }> {
  try {
    assertCanImport(ctx);
    const id = uuidv7();
    const orgId = ctx.actor.orgId;
    const runOptions = { ...options, byteLimit: undefined, bytesTotal: upload.bytes };
    await withOrg(database.db, orgId, async (tx) => {
      await repo.insertImport(tx, {
        orgId,
        id,
        userId: ctx.actor.userId,
        status: 'queued',
        options: jobOptions(options),
        fileName: options.fileName ?? null,
        bytesTotal: options.bytesTotal || upload.bytes,
      });
      await saveImportFile(tx, orgId, id, upload.file);
      const payload: ImportJobPayload = {
        orgId,
        userId: ctx.actor.userId,
        importId: id,
        options: runOptions,
      };
      await enqueue(tx, importQueue, payload);
    });
    let end = () => undefined as void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    accepted.set(id, { ended, end });
    wake(database, importQueue);
    return { id };
  } finally {
    await upload.remove();
    release();
  }
}

/** Runs this process's share of import jobs: `concurrency` at a time (IMPORT_CONCURRENCY). */
export async function registerImportJobs(
  queue: JobQueue,
  database: Database,
  concurrency: number,
): Promise<void> {
  // Each import is one transaction: an attempt cut off (a restart, a lost
  // connection) wrote nothing, so a retry starts clean.
  await work<ImportJobPayload>(queue, importDeadQueue, async (p) => {
    await endImport(
      database,
      p,
      'The import was interrupted too often; nothing was imported. Upload the file again.',
    );
    settle(p.importId);
  });
  // A job this process accepted but no longer runs is another process's, or the next start's.
  queue.boss.once('stopped', () => settle());
  await work<ImportJobPayload>(
    queue,
    importQueue,
    (payload, job) => {
      const run = runJob(database, payload, job.retryCount < job.retryLimit);
      running.set(payload.importId, run);
      // Ended unless it threw to be retried.
      void run.then(
        () => settle(payload.importId),
        () => undefined,
      );
      return run.finally(() => running.delete(payload.importId));
    },
    {
      concurrency,
      retryLimit: 2,
      retryDelay: 2,
      // On a server, a job whose process died is taken again after this long.
      expireInSeconds: 3600,
      deadLetter: importDeadQueue,
    },
  );
}

/**
 * Runs a job: all rows in one transaction that also marks it done and
 * deletes its file. A refusal (AppError: bad input, a user deactivated
 * since) fails the import for good; an unexpected error is retried while
 * `mayRetry`, else fails it.
 */
async function runJob(
  database: Database,
  payload: ImportJobPayload,
  mayRetry: boolean,
): Promise<void> {
  const { orgId, userId, importId: id, options } = payload;
  live.set(id, { bytesRead: 0, processed: 0, created: 0, updated: 0, skipped: 0, errorCount: 0 });
  try {
    const pending = await withOrg(database.db, orgId, async (tx) => {
      const row = await repo.findImport(tx, orgId, id, { forUpdate: true });
      // Ended already: an earlier attempt committed (its completion was not recorded).
      if (!row || row.status === 'done' || row.status === 'failed') return false;
      await repo.updateImport(tx, orgId, id, { status: 'running' });
      return true;
    });
    if (!pending) return;
    await withOrg(database.db, orgId, async (tx) => {
      // Waits for, then skips after, an earlier attempt still running elsewhere.
      const row = await repo.findImport(tx, orgId, id, { forUpdate: true });
      if (row?.status !== 'running') return;
      const ctx = await accessForUser(tx, orgId, userId);
      await importContacts(
        tx,
        ctx,
        () => importFileStream(tx, orgId, id),
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
      await deleteImportFile(tx, orgId, id);
    });
  } catch (error) {
    if (!(error instanceof AppError) && mayRetry) throw error;
    const failure =
      error instanceof AppError
        ? `Nothing was imported: ${error.message}`.slice(0, 2000)
        : 'The import failed unexpectedly';
    await endImport(database, payload, failure);
  } finally {
    live.delete(id);
  }
}

/** Fails an import that has not ended, and deletes its file. */
async function endImport(database: Database, payload: ImportJobPayload, failure: string) {
  const { orgId, importId: id } = payload;
  await withOrg(database.db, orgId, async (tx) => {
    const row = await repo.findImport(tx, orgId, id, { forUpdate: true });
    if (row && (row.status === 'queued' || row.status === 'running')) {
      await repo.updateImport(tx, orgId, id, { status: 'failed', failure, finishedAt: new Date() });
    }
    await deleteImportFile(tx, orgId, id);
  });
}

/**
 * Waits for the jobs running in this process and, while its queue runs,
 * those it accepted (tests, graceful shutdown).
 */
export async function waitForImportJobs(): Promise<void> {
  await Promise.allSettled([...running.values(), ...[...accepted.values()].map((a) => a.ended)]);
}

/**
 * Marks as failed the imports queued or running with no job left to run
 * them (such as those of a version that ran jobs in memory), and deletes
 * the files of ended imports. Imports whose job waits, runs in another
 * process or will be retried are left to it. Call at start-up, after the
 * queue started (its tables exist).
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
    .where(
      and(
        inArray(imports.status, ['queued', 'running']),
        sql`not exists (select 1 from pgboss.job j
              where j.name in (${importQueue}, ${importDeadQueue}) and j.state < 'completed'
                and j.data->>'importId' = ${imports.id}::text)`,
      ),
    )
    .returning({ id: imports.id });
  await database.unsafeOwner.execute(
    sql`delete from import_files f using imports i
        where i.org_id = f.org_id and i.id = f.import_id and i.status in ('done', 'failed')`,
  );
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
