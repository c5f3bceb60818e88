import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import { levelsForRecord, visibilityRank } from '../access/visibility.js';
import { withOrg, type Database, type Tx } from '../db/client.js';
import type { Visibility } from '../db/schema.js';
import { assertFeature, hasFeature } from '../orgs/plans.js';
import type { ColumnMapping } from './mapping-schema.js';
import { listDefs, type CustomFieldRow } from '../custom-fields/repo.js';
import { toStorable } from '../shared/schemas.js';
import * as repo from './repo.js';
import { abandonImport, importSteps, runSteps } from './steps.js';
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

/** Rows per staged batch (one transaction): a few MB of JSON, well under any parameter limit. */
export const batchSize = 5000;
/** File rows per write transaction once the rows are planned. */
export const sliceSize = 10_000;
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
 * Imports an upload (CSV or XLSX, see readRecords) while the caller waits
 * (the HTTP route without `async`, the CLI): the import is recorded, then
 * run in steps (steps.ts), each its own short transaction, so others keep
 * working meanwhile. A refusal before any row was written (bad file, the
 * plan cap) leaves nothing behind, as does a dry run; a failure after some
 * slices were written leaves a failed import with what it wrote, which
 * revert undoes.
 */
export async function importContacts(
  database: Database,
  ctx: AccessContext,
  open: () => Readable,
  options: ImportOptions,
  onProgress: (p: ImportProgress) => void = () => undefined,
): Promise<ImportResult> {
  assertCanImport(ctx);
  const { orgId } = ctx.actor;
  const importId = uuidv7();
  await withOrg(database.db, orgId, (tx) =>
    repo.insertImport(tx, {
      orgId,
      id: importId,
      userId: ctx.actor.userId,
      status: 'running',
      options: jobOptions(options),
      fileName: options.fileName ?? null,
      bytesTotal: options.bytesTotal ?? 0,
    }),
  );
  try {
    await runSteps(importSteps(database, ctx, importId, open, options, onProgress));
  } catch (error) {
    await abandonImport(database, orgId, importId, error, true);
    throw error;
  }
  return withOrg(database.db, orgId, async (tx) => {
    const result = await importResult(tx, orgId, importId);
    // A dry run changed nothing, so it leaves no record (an async one keeps its job row).
    if (options.dryRun) await repo.deleteImport(tx, orgId, importId);
    return result;
  });
}

/** What an import that ran answers: its counts and its first refused rows. */
export async function importResult(tx: Tx, orgId: string, importId: string): Promise<ImportResult> {
  const row = await repo.findImport(tx, orgId, importId);
  const errors = await repo.importErrorPage(tx, orgId, importId, 0, maxReportedErrors);
  return {
    created: row?.created ?? 0,
    updated: row?.updated ?? 0,
    skipped: row?.skipped ?? 0,
    errors,
    errorCount: row?.errorCount ?? 0,
  };
}

/** The row's visibility: at least the settings' minimum; a level the importer's records cannot take is an error. */
export function visibilityFor(
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
