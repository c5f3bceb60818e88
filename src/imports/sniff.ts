import { AppError } from '../shared/errors.js';
import type { TextEncoding } from './encoding.js';

/** What an upload's first bytes say it is. */
export type FileKind = { kind: 'zip' } | { kind: 'text'; encoding: TextEncoding };

/** How many leading bytes are looked at. */
export const sniffBytes = 4096;

const startsWith = (head: Buffer, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (head: Buffer, at: number, text: string) =>
  head.subarray(at, at + text.length).toString('latin1') === text;

/** Named binaries people upload by mistake, by their magic bytes. */
function namedBinary(head: Buffer): string | null {
  if (ascii(head, 0, '%PDF')) return 'a PDF document';
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (startsWith(head, 0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (ascii(head, 0, 'GIF8')) return 'a GIF image';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'a WebP image';
  if (startsWith(head, 0x1f, 0x8b)) return 'a gzip archive';
  if (ascii(head, 0, 'Rar!')) return 'a RAR archive';
  if (startsWith(head, 0x37, 0x7a, 0xbc, 0xaf)) return 'a 7-Zip archive';
  if (ascii(head, 0, '{\\rtf')) return 'an RTF document';
  return null;
}

/** UTF-16 without a BOM: ASCII text with a NUL in every other byte. */
function bomlessUtf16(head: Buffer): TextEncoding | null {
  const n = Math.min(head.length, 512) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul === pairs && evenNul === 0) return 'utf-16le';
  if (evenNul === pairs && oddNul === 0) return 'utf-16be';
  return null;
}

/**
 * Control bytes text does not hold (NUL and the like; tab, newlines, form feed
 * and escape excepted). A stray NUL in a cell leaves a file text: that row
 * is refused, not the file.
 */
function controlBytes(head: Buffer): number {
  let n = 0;
  for (const b of head)
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) n++;
  return n;
}

export const notCsvOrXlsx = (what: string) =>
  new AppError(
    'unsupported_media_type',
    `The file is ${what}, not CSV or XLSX: export the contacts as CSV or as an Excel workbook (.xlsx)`,
  );

/**
 * Tells a spreadsheet (zip) from text and its encoding by the first bytes;
 * anything else is refused by name (415): legacy .xls, PDF, images, other
 * binaries (more than 5% control bytes in the head).
 */
export function sniff(head: Buffer): FileKind {
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) return { kind: 'zip' };
  if (startsWith(head, 0x50, 0x4b, 0x05, 0x06)) throw notCsvOrXlsx('an empty zip archive');
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    // The OLE container: Excel 97-2003 (.xls), and also a password-protected .xlsx.
    throw new AppError(
      'unsupported_media_type',
      'The file is an old Excel workbook (.xls) or a password-protected one: save it as .xlsx (without a password) or CSV',
    );
  }
  if (startsWith(head, 0xff, 0xfe)) return { kind: 'text', encoding: 'utf-16le' };
  if (startsWith(head, 0xfe, 0xff)) return { kind: 'text', encoding: 'utf-16be' };
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return { kind: 'text', encoding: 'utf-8' };
  const named = namedBinary(head);
  if (named) throw notCsvOrXlsx(named);
  const utf16 = head.includes(0) ? bomlessUtf16(head) : null;
  if (utf16) return { kind: 'text', encoding: utf16 };
  if (controlBytes(head) > head.length * 0.05) throw notCsvOrXlsx('a binary file');
  return { kind: 'text', encoding: 'utf-8' };
}
