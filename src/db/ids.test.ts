import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { bulkIds } from './ids.js';

describe('bulk ids', () => {
  it('when more ids are made than one pool of random bytes holds, then all are distinct UUIDv7, each greater than the one before', () => {
    const newId = bulkIds();
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, newId);
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    const millis = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(millis(ids[0]!)).toBeGreaterThanOrEqual(before);
    expect(millis(ids.at(-1)!)).toBeLessThanOrEqual(after + 1);
  });
});
