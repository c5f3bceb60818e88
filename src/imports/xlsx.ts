import { PassThrough, Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../shared/errors.js';
import { cellText } from './cell-text.js';
import { maxRecordBytes } from './csv-stream.js';
import { notCsvOrXlsx } from './sniff.js';

/**
 * The most shared-strings XML a workbook may hold: exceljs keeps the shared
 * strings in memory, and a zip can inflate a small upload far past the
 * byte limit. A million-row contact list needs well under this.
 */
export const maxSharedStringsBytes = 256 * 1024 * 1024;

/** The widest sheet Excel makes (XFD); a cell beyond it means a damaged file. */
const maxColumns = 16_384;

type SheetEntry = { name: string; state?: string };
/** What the streaming reader knows once it has read xl/workbook.xml. */
type ReaderState = {
  model?: { sheets?: SheetEntry[] };
  properties?: { model?: { date1904?: boolean } };
};
type StreamedSheet = { name?: string } & AsyncIterable<ExcelJS.Row>;

type SharedStringsParser = { _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> };

/** Feeds exceljs's shared-strings parser through a counter that fails past `limit` bytes (422). */
function capSharedStrings(reader: SharedStringsParser, limit: number): void {
  const parse = reader._parseSharedStrings.bind(reader);
  reader._parseSharedStrings = (entry) => {
    let total = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        total += chunk.length;
        if (total > limit) {
          callback(
            new AppError(
              'validation',
              `The workbook holds more than ${Math.round(limit / 1024 / 1024)} MB of text; save it as CSV and import that`,
            ),
          );
        } else callback(null, chunk);
      },
    });
    entry.on('error', (error) => counted.destroy(error));
    entry.pipe(counted);
    return parse(counted);
  };
}

/** A sheet that is not read: its parked temporary file is closed (exceljs then deletes it). */
function close(sheet: StreamedSheet): void {
  const source = (
    sheet as { iterator?: { destroy?: () => void; on?: (event: 'error', f: () => void) => void } }
  ).iterator;
  // Its file may be gone by the time the stream opens it: an error nobody
  // reads, which unheard would end the process.
  source?.on?.('error', () => undefined);
  source?.destroy?.();
}

/** Skips the workbook's remaining sheets. */
async function passOver(sheets: AsyncGenerator<StreamedSheet>): Promise<void> {
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) close(next.value);
  } catch {
    // Nothing is read from them: a damaged tail changes nothing.
  }
}

/** exceljs failed before reading any row, in a way the same bytes read again do not. */
export class WorkbookReadRace extends Error {
  constructor() {
    super('The workbook reader lost part of the file before its first row');
  }
}

export const damaged = () =>
  new AppError(
    'validation',
    'The workbook cannot be read: it is damaged or not an Excel .xlsx file; save it again as .xlsx or CSV',
  );

/** Excel opens on the first visible sheet; that is the one read when none is named. */
const firstSheet = (sheets: SheetEntry[]) =>
  (sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0])?.name;

/** One row's cells as displayed, empty cells in their column; over maxRecordBytes fails the file. */
function rowCells(row: ExcelJS.Row, date1904: boolean): string[] {
  const cells: string[] = [];
  let bytes = 0;
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (column > maxColumns) throw damaged();
    const text = cellText(cell.value, cell.numFmt, date1904);
    bytes += Buffer.byteLength(text) + 1;
    if (bytes > maxRecordBytes) {
      throw new AppError(
        'validation',
        `The file cannot be read: a row is longer than ${maxRecordBytes} bytes (row ${row.number})`,
      );
    }
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = text;
  });
  return cells;
}

/**
 * A workbook's rows (the first visible sheet, or the one named), each as its
 * cells as the spreadsheet shows them. exceljs reads the zip as a stream and
 * parks sheets that come before the shared strings in temporary files, so
 * memory holds the shared strings and one row, never the workbook. A sheet's
 * missing rows come as empty records, so row numbers match the sheet's.
 */
export async function* xlsxRecords(
  input: Readable,
  sheet?: string,
  sharedStringsLimit = maxSharedStringsBytes,
  onSheets: (names: string[]) => void = () => undefined,
): AsyncGenerator<string[]> {
  // exceljs pipes its input, which passes no error on (a 413): the input's error ends
  // the feed instead (the unzipper then fails on a cut file) and is thrown in its place.
  let failure: unknown;
  const feed = new PassThrough();
  input.on('error', (error) => {
    failure ??= error;
    feed.end();
  });
  input.pipe(feed);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(feed, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const state = reader as unknown as ReaderState;
  // exceljs's streaming reader now and then loses the workbook part (the
  // sheets' names) and then fails on each sheet, leaving the sheet's
  // temporary file to raise an error nobody listens to. An empty model until
  // the real one is read keeps it going; a sheet that comes first is
  // answered with WorkbookReadRace, and the read starts again.
  let model: ReaderState['model'];
  Object.defineProperty(reader, 'model', {
    get: () => model ?? { sheets: [] },
    set: (value: ReaderState['model']) => (model = value),
    configurable: true,
  });
  capSharedStrings(reader as unknown as SharedStringsParser, sharedStringsLimit);
  const sheets = reader[Symbol.asyncIterator]() as AsyncGenerator<StreamedSheet>;
  let failed = false;
  let named = false;
  let current: StreamedSheet | undefined;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      current = next.value;
      if (model === undefined) throw new WorkbookReadRace();
      // The workbook part, read before any sheet, names them all.
      if (!named && model) {
        named = true;
        onSheets((model.sheets ?? []).map((s) => s.name));
      }
      const target = sheet ?? firstSheet(model.sheets ?? []) ?? current.name;
      if (current.name !== target) {
        close(current);
        continue;
      }
      const date1904 = state.properties?.model?.date1904 === true;
      const rows = current[Symbol.asyncIterator]();
      let expected = 1;
      for (;;) {
        const row = await rows.next();
        if (row.done) return;
        for (; expected < row.value.number; expected++) yield [];
        expected = row.value.number + 1;
        yield rowCells(row.value, date1904);
      }
    }
  } catch (error) {
    failed = true;
    if (failure !== undefined) throw failure;
    if (error instanceof AppError || error instanceof WorkbookReadRace) throw error;
    throw damaged();
  } finally {
    if (current) close(current);
    if (failed) input.destroy();
    // Read or left early: the other sheets are passed over in the background,
    // so exceljs deletes the temporary files it parked them in.
    else void passOver(sheets);
  }
  if (failure !== undefined) throw failure;
  const names = (model?.sheets ?? []).map((s) => s.name);
  if (!model) throw notCsvOrXlsx('a zip archive but not an Excel workbook');
  if (sheet !== undefined) {
    throw new AppError(
      'validation',
      `The workbook has no sheet named "${sheet}"; its sheets: ${names.map((n) => `"${n}"`).join(', ')}`,
      { errors: [{ path: 'sheet', message: `no sheet named "${sheet}"` }] },
    );
  }
  throw new AppError('validation', 'The workbook has no worksheet');
}
