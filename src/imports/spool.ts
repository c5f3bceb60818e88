import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../shared/errors.js';

/** An upload written to a temporary file; remove() deletes it (call it once the import is done). */
export type Spooled = { file: string; bytes: number; remove(): Promise<void> };

/**
 * Writes an upload to a temporary file before any transaction opens, so a
 * slow client holds a socket and a file, never a database connection. Over
 * `byteLimit` bytes it fails with 413; a body that sends nothing for
 * `idleTimeoutMs` fails with 408. The source is piped, not destroyed, so
 * the reply can still be sent.
 */
export async function spoolUpload(
  source: Readable,
  options: { byteLimit?: number | undefined; idleTimeoutMs: number },
): Promise<Spooled> {
  const dir = await mkdtemp(join(tmpdir(), 'kantivo-import-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const file = join(dir, 'upload.csv');
  const limit = options.byteLimit;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      timer.refresh();
      bytes += chunk.length;
      if (limit !== undefined && bytes > limit) {
        callback(new AppError('payload_too_large', `The file is larger than ${limit} bytes`));
      } else callback(null, chunk);
    },
  });
  const timer = setTimeout(() => {
    const seconds = Math.round(options.idleTimeoutMs / 1000);
    counter.destroy(
      new AppError('request_timeout', `The upload sent nothing for ${seconds} s; send it again`),
    );
  }, options.idleTimeoutMs);
  timer.unref();
  try {
    source.on('error', (error) => counter.destroy(error));
    source.pipe(counter);
    await pipeline(counter, createWriteStream(file));
  } catch (error) {
    source.unpipe(counter);
    await remove();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { file, bytes, remove };
}
