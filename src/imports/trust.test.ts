import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { csvRecords, rowToContact, mapHeader } from './csv.js';
import { importCsv, total } from './test-helpers.js';

// The security review's import/export items (issue #20), each test named after its item.

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

/** Parses `bytes` of ordinary contact rows; answers the time it took and the rows seen. */
async function parseSized(bytes: number): Promise<{ ms: number; records: number }> {
  const row = 'Ada,Lovelace,ada@example.test,"a note, with a comma",customer\n';
  const chunk = Buffer.from(row.repeat(Math.ceil((64 * 1024) / row.length)));
  const chunks = Math.ceil(bytes / chunk.length);
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < chunks; i++) yield chunk;
    })(),
  );
  const start = performance.now();
  let records = 0;
  for await (const cells of csvRecords(source, () => undefined))
    records += cells.length > 0 ? 1 : 0;
  return { ms: performance.now() - start, records };
}

describe('trust #5: CSV parsing is linear and bounded', () => {
  it('trust #5: when a file is one 8 MB row, then the import answers 422 at once instead of holding the thread', async () => {
    const csv = `First Name,Last Name,Email,Notes\nAda,Lovelace,ada@x.io,"${'n'.repeat(8 * 1024 * 1024)}`;
    const res = await importCsv(org.owner, csv);
    expect(res.statusCode).toBe(422);
    expect(res.body.detail).toMatch(/longer than 65536 bytes/);
    expect(await total(org.owner)).toBe(0);
  });

  it('trust #5: when a file is 50 MB, then it parses in about ten times the time of 5 MB (linear, not quadratic)', async () => {
    await parseSized(2 * 1024 * 1024); // warm-up
    const small = await parseSized(5 * 1024 * 1024);
    const large = await parseSized(50 * 1024 * 1024);
    expect(large.records).toBeGreaterThan(small.records * 9);
    // Quadratic work would be ~100×; allow generous noise around 10×.
    expect(large.ms).toBeLessThan(small.ms * 30);
  }, 120_000);

  it('trust #5: when the header has more than 1,000 columns, then 422; a wider data row is a row error', async () => {
    const wide = Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',');
    const refused = await importCsv(org.owner, `${wide}\n`);
    expect(refused.statusCode).toBe(422);
    expect(refused.body.detail).toMatch(/at most 1000/);
    const csv = `First Name,Last Name,Email\nAda,Lovelace,ada@wide.test${',x'.repeat(1000)}\nBob,Byte,bob@wide.test\n`;
    const res = await importCsv(org.owner, csv);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatchObject({ created: 1, errorCount: 1 });
    expect(res.body.errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/cells/) });
  });
});

describe('trust #13: characters PostgreSQL cannot store', () => {
  it('trust #13: when a cell holds a NUL character, then that row is a row error and the rest is imported', async () => {
    const csv = `First Name,Last Name,Email\nNul\u0000l,Row,nul@x.test\nGood,Row,good@x.test\n`;
    const res = await importCsv(org.owner, csv, '?onDuplicate=create');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatchObject({ created: 1, errorCount: 1 });
    expect(res.body.errors).toEqual([{ row: 1, message: expect.stringMatching(/NUL/) }]);
  });

  it('trust #13: when a cell holds a lone surrogate, then the row is refused by validation', () => {
    const map = mapHeader(['First Name', 'Last Name', 'Email']);
    expect(() => rowToContact(['Lone\uD800', 'Row', 'lone@x.test'], map)).toThrow(/unpaired/);
    expect(rowToContact(['Pair\uD83D\uDE00', 'Row', 'pair@x.test'], map).firstName).toBe(
      'Pair\uD83D\uDE00',
    );
  });
});
