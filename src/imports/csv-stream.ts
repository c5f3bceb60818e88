import { StringDecoder } from 'node:string_decoder';
import { pipeline, Transform, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../shared/errors.js';

/**
 * Counts the bytes that pass and decodes UTF-8 (a character split across
 * chunks stays whole), dropping a leading BOM. Over `limit` bytes it fails
 * with 413.
 */
export function decodeUtf8(onBytes: (total: number) => void, limit?: number): Transform {
  const decoder = new StringDecoder('utf8');
  let total = 0;
  let first = true;
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      onBytes(total);
      if (limit !== undefined && total > limit) {
        callback(new AppError('payload_too_large', `The file is larger than ${limit} bytes`));
        return;
      }
      let text = decoder.write(chunk);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      callback(null, text);
    },
    flush(callback) {
      callback(null, decoder.end());
    },
  });
}

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
 * Parses a byte stream as CSV (RFC 4180: quoted commas and newlines, CRLF,
 * LF or CR), yielding each record as its cells. csv-parse keeps an
 * unfinished row in a growing buffer, so the work is linear in the file's
 * size, and a row past maxRecordBytes fails the file at once.
 * Back-pressure keeps memory flat.
 */
export async function* csvRecords(
  source: Readable,
  onBytes: (total: number) => void,
  limit?: number,
): AsyncGenerator<string[]> {
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: maxRecordBytes,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  const decode = decodeUtf8(onBytes, limit);
  // The source is piped, not destroyed on failure: an HTTP request must stay open for the reply.
  source.on('error', (error) => decode.destroy(error));
  source.pipe(decode);
  pipeline(decode, parser, (error) => {
    if (error) parser.destroy(error);
  });
  try {
    yield* parser as AsyncIterable<string[]>;
  } catch (error) {
    throw csvFailure(error);
  }
}
