import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { csvRecords } from './csv-stream.js';
import { sniff, sniffBytes } from './sniff.js';
import { damaged, WorkbookReadRace, xlsxRecords } from './xlsx.js';
import { AppError } from '../shared/errors.js';

export type RecordOptions = {
  /** Called with the bytes read so far (progress). */
  onBytes?: (total: number) => void;
  /** Bytes beyond this are refused with 413. */
  byteLimit?: number | undefined;
  /** The spreadsheet's sheet to read (the first when absent). */
  sheet?: string | undefined;
  /** Called with a workbook's sheet names, in its order, once they are known. */
  onSheets?: (names: string[]) => void;
};

/**
 * The source's first bytes (at least sniffBytes, unless it is shorter) and
 * a stream of all its bytes, counted (onBytes) and held to the byte limit
 * (413), whatever reads them next.
 */
async function withHead(
  source: Readable,
  options: RecordOptions,
): Promise<{ head: Buffer; bytes: Readable }> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let length = 0;
  while (length < sniffBytes) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
  }
  const onBytes = options.onBytes ?? (() => undefined);
  const limit = options.byteLimit;
  let total = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    try {
      for (let chunk: Buffer | undefined = head.shift(); ; chunk = head.shift()) {
        if (chunk === undefined) {
          const next = await chunks.next();
          if (next.done) return;
          chunk = next.value;
        }
        total += chunk.length;
        onBytes(total);
        if (limit !== undefined && total > limit) {
          throw new AppError('payload_too_large', `The file is larger than ${limit} bytes`);
        }
        yield chunk;
      }
    } finally {
      await chunks.return?.();
    }
  }
  return { head: Buffer.concat(head), bytes: Readable.from(counted(), { objectMode: false }) };
}

/**
 * An uploaded file's rows as cells, whatever the file is: the one entry point
 * for the import and the inspection of a file. The first bytes decide: an
 * XLSX workbook is read as its sheet shows, text as CSV in its encoding
 * (UTF-8, UTF-16 with BOM, Windows-1252); other files are refused by name (415).
 * `open` gives the file's bytes from the start, each time it is called: a
 * workbook exceljs failed to read before its first row is read again.
 */
export async function* readRecords(
  open: () => Readable,
  options: RecordOptions = {},
): AsyncGenerator<string[]> {
  for (let attempt = 1; ; attempt++) {
    const source = open();
    try {
      yield* readOnce(source, options);
      return;
    } catch (error) {
      if (!(error instanceof WorkbookReadRace)) throw error;
      if (attempt >= maxWorkbookAttempts) throw damaged();
    }
  }
}

/** How often a workbook is read again after exceljs lost part of it (see WorkbookReadRace). */
const maxWorkbookAttempts = 4;

async function* readOnce(source: Readable, options: RecordOptions): AsyncGenerator<string[]> {
  const { head, bytes } = await withHead(source, options);
  let kind;
  try {
    kind = sniff(head);
  } catch (error) {
    source.destroy();
    throw error;
  }
  if (kind.kind === 'zip') {
    yield* xlsxRecords(bytes, options.sheet, undefined, options.onSheets);
  } else yield* csvRecords(bytes, () => undefined, undefined, kind.encoding);
}

/** Refuses a spooled upload that is not CSV or XLSX (415, by name) before a job is queued for it. */
export async function assertReadableFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(sniffBytes);
    const { bytesRead } = await handle.read(head, 0, sniffBytes, 0);
    sniff(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
