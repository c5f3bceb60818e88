import type { Readable } from 'node:stream';
import { csvRecords } from './csv-stream.js';

export type RecordOptions = {
  /** Called with the bytes read so far (progress). */
  onBytes?: (total: number) => void;
  /** Bytes beyond this are refused with 413. */
  byteLimit?: number | undefined;
  /** The spreadsheet's sheet to read (the first when absent). */
  sheet?: string | undefined;
};

/**
 * An uploaded file's rows as cells, whatever the file is: the one entry point
 * for the import and the inspection of a file.
 */
export function readRecords(
  source: Readable,
  options: RecordOptions = {},
): AsyncIterable<string[]> {
  return csvRecords(source, options.onBytes ?? (() => undefined), options.byteLimit);
}
