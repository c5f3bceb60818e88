import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { withOrg, type Db, type Tx } from '../db/client.js';
import { importFiles } from '../db/schema.js';

/** The size of one stored piece of an upload: large enough to be few rows, small enough to hold in memory. */
export const chunkBytes = 1024 * 1024;

/** Stores a spooled upload as import `importId`'s file, in chunks, in the caller's transaction. */
export async function saveImportFile(
  tx: Tx,
  orgId: string,
  importId: string,
  file: string,
): Promise<void> {
  let seq = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes })) {
    await tx.insert(importFiles).values({ orgId, importId, seq: seq++, data: chunk as Buffer });
  }
}

/**
 * The stored file as a byte stream, read one chunk at a time, each in a
 * short transaction of its own, as the import consumes it.
 */
export function importFileStream(db: Db, orgId: string, importId: string): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const [row] = await withOrg(
        db,
        orgId,
        (tx) =>
          tx
            .select({ data: importFiles.data })
            .from(importFiles)
            .where(
              and(
                eq(importFiles.orgId, orgId),
                eq(importFiles.importId, importId),
                eq(importFiles.seq, seq),
              ),
            ),
        { readOnly: true },
      );
      if (!row) return;
      yield row.data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

export async function deleteImportFile(tx: Tx, orgId: string, importId: string): Promise<void> {
  await tx
    .delete(importFiles)
    .where(and(eq(importFiles.orgId, orgId), eq(importFiles.importId, importId)));
}
