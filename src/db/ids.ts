import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * UUIDv7 ids for bulk writes (an import makes two per row). The uuid
 * package asks the system for 16 random bytes per id, which cost 1.4 s of
 * a 100,000-row import here; this draws them from a pool filled 64 KiB at a
 * time. Like the package, it counts up within a millisecond, so ids follow
 * the order they were made in (an exported file imports back in its order).
 */
export function bulkIds(): () => string {
  const pool = new Uint8Array(65_536);
  let offset = pool.length;
  let msecs = -Infinity;
  let seq = 0;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const random = pool.subarray(offset, offset + 16);
    offset += 16;
    const now = Date.now();
    if (now > msecs) {
      msecs = now;
      // 31 random bits, leaving room to count up within the millisecond.
      seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    } else {
      seq = (seq + 1) | 0;
      if (seq === 0) msecs++;
    }
    return uuidv7({ random, msecs, seq });
  };
}
