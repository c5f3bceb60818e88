import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../shared/errors.js';
import { countBytes, decodeText, type TextEncoding } from './encoding.js';

/** The longest record (row) a file may hold, in bytes: a contact row needs far less. */
export const maxRecordBytes = 64 * 1024;

/** A parser failure as a 422 for the whole file; anything else passes as is. */
function csvFailure(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error.lines === 'number' ? ` (line ${error.lines})` : '';
  const reason =
    error.code === 'CSV_MAX_RECORD_SIZE'
      ? `a row is longer than ${maxRecordBytes} bytes`
      : error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell is never closed'
        : 'it is not valid CSV';
  return new AppError('validation', `The file cannot be read: ${reason}${line}`);
}

/**
 * Parses a byte stream in `encoding` (see decodeText) as CSV (RFC 4180: quoted commas and newlines, CRLF,
 * LF or CR), yielding each record as its cells. csv-parse keeps an
 * unfinished row in a growing buffer, so the work is linear in the file's
 * size, and a row past maxRecordBytes fails the file at once.
 * Back-pressure keeps memory flat.
 */
export async function* csvRecords(
  source: Readable,
  onBytes: (total: number) => void,
  limit?: number,
  encoding: TextEncoding = 'utf-8',
): AsyncGenerator<string[]> {
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: maxRecordBytes,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  const count = countBytes(onBytes, limit);
  // The source is piped, not destroyed on failure: an HTTP request must stay open for the reply.
  source.on('error', (error) => count.destroy(error));
  source.pipe(count);
  pipeline(count, decodeText(encoding), parser, (error) => {
    if (error) parser.destroy(error);
  });
  try {
    yield* parser as AsyncIterable<string[]>;
  } catch (error) {
    throw csvFailure(error);
  }
}
