import { isAscii } from 'node:buffer';
import { Transform } from 'node:stream';
import { AppError } from '../shared/errors.js';

/** The text encodings an upload is read in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Windows-1252's characters for the bytes 0x80-0x9F (the rest is Latin-1).
 * Written out because some Node versions' TextDecoder('windows-1252') decode
 * these bytes as Latin-1 control characters.
 */
const cp1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}

/** Bytes after the first non-ASCII one that decide between UTF-8 and Windows-1252. */
const probeBytes = 4096;

function firstNonAscii(bytes: Buffer): number {
  if (isAscii(bytes)) return -1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/**
 * Decodes an upload's bytes to text as a stream. UTF-16 (told by its BOM) is
 * decoded as such. Otherwise the text is UTF-8 unless its first non-ASCII
 * bytes are not valid UTF-8: then it is Windows-1252 (what Excel on Windows
 * saves as "CSV"), which reads ASCII the same, so the switch is seamless. A
 * file that turns invalid after valid UTF-8 mixes encodings and is refused
 * (422). A leading BOM is dropped.
 */
export function decodeText(encoding: TextEncoding): Transform {
  if (encoding !== 'utf-8') {
    // TextDecoder drops the BOM and keeps a character split across chunks whole.
    const decoder = new TextDecoder(encoding);
    return new Transform({
      decodeStrings: true,
      transform(chunk: Buffer, _encoding, callback) {
        callback(null, decoder.decode(chunk, { stream: true }));
      },
      flush(callback) {
        callback(null, decoder.decode());
      },
    });
  }
  let mode: 'ascii' | 'utf-8' | 'windows-1252' = 'ascii';
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let held: Buffer | null = null;
  let offset = 0;
  const decodeUtf8 = (bytes: Buffer, end: boolean): string => {
    try {
      return utf8.decode(bytes, { stream: !end });
    } catch {
      throw new AppError(
        'validation',
        `The file mixes text encodings (invalid UTF-8 near byte ${offset}): save it again as CSV UTF-8`,
      );
    }
  };
  /** Text for `bytes` (the held probe included); null while still probing. */
  const decode = (bytes: Buffer, end: boolean): string | null => {
    if (mode === 'windows-1252') return decodeWindows1252(bytes);
    if (mode === 'utf-8') return decodeUtf8(bytes, end);
    const at = firstNonAscii(bytes);
    if (at < 0) return bytes.toString('latin1');
    if (bytes.length - at < probeBytes && !end) {
      held = bytes;
      return null;
    }
    const probe = bytes.subarray(at, at + probeBytes);
    let valid = true;
    try {
      // Stream mode: a character cut at the probe's end is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(probe, { stream: !end });
    } catch {
      valid = false;
    }
    mode = valid ? 'utf-8' : 'windows-1252';
    return bytes.subarray(0, at).toString('latin1') + (decode(bytes.subarray(at), end) ?? '');
  };
  // TextDecoder drops a leading BOM (the probe starts at byte 0 then).
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const bytes: Buffer = held ? Buffer.concat([held, chunk]) : chunk;
        held = null;
        offset += chunk.length;
        const text = decode(bytes, false);
        callback(null, text ?? undefined);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        const bytes = held ?? Buffer.alloc(0);
        held = null;
        callback(null, decode(bytes, true) ?? '');
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/**
 * Counts the bytes that pass (onBytes) and fails with 413 past `limit`; the
 * bytes go on unchanged.
 */
export function countBytes(onBytes: (total: number) => void, limit?: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      onBytes(total);
      if (limit !== undefined && total > limit) {
        callback(new AppError('payload_too_large', `The file is larger than ${limit} bytes`));
      } else callback(null, chunk);
    },
  });
}
