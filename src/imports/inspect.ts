import { createReadStream } from 'node:fs';
import type { AccessContext } from '../access/context.js';
import type { Tx } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { toStorable } from '../shared/schemas.js';
import { sampleRowLimit, sampler, suggestColumns } from './columns.js';
import { assertHeaderWidth, resolveMapping } from './mapping.js';
import { isBlankRow } from './csv.js';
import { assertCanImport, customFieldDefsFor } from './import.js';
import type { ColumnMapping } from './mapping-schema.js';
import type { ImportInspection } from './schema.js';
import { readRecords } from './source.js';

/** Inspect reads the header and at most this many data rows, or about this many bytes. */
export const headRows = sampleRowLimit;
export const headBytes = 1024 * 1024;
/** The most characters of a value a sample shows. */
export const sampleChars = 200;

/** A row's size in the file, as CSV writes it: cells, separators, quotes, the line end. */
function rowBytes(cells: readonly string[]): number {
  let n = cells.length;
  for (const c of cells) {
    n += Buffer.byteLength(c);
    if (/[",\r\n]/.test(c)) n += 2 + (c.match(/"/g)?.length ?? 0);
  }
  return n;
}

/** Cut to `max` characters without splitting a surrogate pair. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/**
 * Reads the head of a file: the header, then data rows until one more than
 * headRows or about headBytes. `complete` when the whole file was read.
 */
async function readHead(
  file: string,
  fileBytes: number,
  sheet: string | undefined,
): Promise<{
  header: string[];
  rows: string[][];
  dataRows: number;
  complete: boolean;
  est: number;
  sheets: string[] | null;
}> {
  let sheets: string[] | null = null;
  let header: string[] | undefined;
  let headerSize = 0;
  let dataSize = 0;
  let dataRows = 0;
  const rows: string[][] = [];
  let complete = true;
  for await (const cells of readRecords(() => createReadStream(file), {
    sheet,
    onSheets: (names) => (sheets = names),
  })) {
    if (!header) {
      if (isBlankRow(cells)) {
        headerSize += rowBytes(cells);
        continue;
      }
      assertHeaderWidth(cells);
      header = cells;
      headerSize += rowBytes(cells);
      continue;
    }
    if (dataRows >= headRows || headerSize + dataSize >= headBytes) {
      complete = false;
      break;
    }
    dataSize += rowBytes(cells);
    if (rows.length < sampleRowLimit) rows.push(cells);
    if (!isBlankRow(cells)) dataRows++;
  }
  if (!header) throw new AppError('validation', 'The file is empty: a header row is needed');
  if (dataRows === 0 && complete) {
    throw new AppError('validation', 'The file has a header row but no data rows');
  }
  // Rows per byte of the head, over the bytes after the header.
  const est = dataSize > 0 ? (dataRows * (fileBytes - headerSize)) / dataSize : 0;
  return { header, rows, dataRows, complete, est, sheets };
}

/**
 * Describes an upload without writing anything: its columns with the first
 * non-empty values and a suggested target each (as the import without a
 * mapping would use them), and its row count, estimated from the head's
 * bytes per row when the file is longer than the head.
 */
export async function inspectUpload(
  tx: Tx,
  ctx: AccessContext,
  upload: { file: string; bytes: number },
  options: { sheet?: string | undefined; size?: number | undefined } = {},
): Promise<ImportInspection> {
  assertCanImport(ctx);
  // A body that is only the file's head: the count is estimated over the whole size.
  const partial = options.size !== undefined && options.size > upload.bytes;
  const head = await readHead(upload.file, partial ? options.size! : upload.bytes, options.sheet);
  // Its last row may be cut short, so it is not counted as read whole.
  if (partial && head.complete) {
    head.complete = false;
    head.est = Math.max(head.est, head.dataRows);
  }
  const defs = (await customFieldDefsFor(tx, ctx)) ?? [];
  const suggestions = suggestColumns(head.header, head.rows, defs);
  const samples = sampler(head.header.length);
  for (const row of head.rows) samples.add(row);
  return {
    columns: head.header.map((header, index) => ({
      index,
      header: toStorable(header),
      samples: samples.samples[index]!.map((v) => toStorable(cut(v, sampleChars))),
      suggestion: suggestions[index] ?? null,
    })),
    rows: head.complete ? head.dataRows : Math.max(head.dataRows, Math.round(head.est)),
    rowsEstimated: !head.complete,
    ...(head.sheets ? { sheets: head.sheets.map(toStorable) } : {}),
  };
}

/**
 * Checks a mapping against a spooled file's header before an import job is
 * queued, so a bad mapping is a 422 at once rather than a failed job.
 */
export async function checkMapping(
  tx: Tx,
  ctx: AccessContext,
  file: string,
  mapping: ColumnMapping,
  sheet?: string,
): Promise<void> {
  for await (const cells of readRecords(() => createReadStream(file), { sheet })) {
    if (isBlankRow(cells)) continue;
    resolveMapping(cells, mapping, await customFieldDefsFor(tx, ctx));
    return;
  }
  throw new AppError('validation', 'The file is empty: a header row is needed');
}
