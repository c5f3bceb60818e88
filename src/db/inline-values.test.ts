import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { inlineValues } from './client.js';

/**
 * A read on a server writes its values into the statement (readStatements):
 * the database must read each literal exactly as it read the parameter.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The driver's own answer, parsed by its own type parsers. */
async function rowsOf(text: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
  const { pool, pglite } = t.database;
  if (pool) return (await pool.query(text, values)).rows;
  return (await pglite!.query<Record<string, unknown>>(text, values)).rows;
}

const awkward = [
  "O'Brien",
  'back\\slash \\x41',
  '%_ like-pattern \\%',
  '$1 $$ dollar $2',
  'ünïcødé — 中文 🙂',
  '',
  'line\nbreak\ttab',
];

describe('values written into a statement', () => {
  it('when awkward text, numbers, booleans, null, dates and arrays are written in, then the database reads what the parameters said', async () => {
    const values: unknown[] = [
      ...awkward,
      51,
      -2.5,
      true,
      null,
      new Date('2026-12-03T08:00:00.123Z'),
      ['a', "b'c", 'd,e', 'f"g', null],
    ];
    const text =
      `select ${awkward.map((_, i) => `$${i + 1}::text as t${i}`).join(', ')}, ` +
      `$8::int as n, $9::numeric as x, $10::boolean as b, $11::text as z, ` +
      `$12::timestamptz as d, $13::text[] as arr`;
    const [viaParameters] = await rowsOf(text, values);
    const [inlined] = await rowsOf(inlineValues(text, values));
    expect(inlined).toEqual(viaParameters);
    expect(inlined!.t0).toBe("O'Brien");
    expect(inlined!.t3).toBe('$1 $$ dollar $2');
    expect(inlined!.arr).toEqual(['a', "b'c", 'd,e', 'f"g', null]);
  });

  it('when a placeholder has no value, then the statement is refused rather than sent', () => {
    expect(() => inlineValues('select $1, $2', ['only one'])).toThrow('No value for $2');
  });

  it('when there are ten or more values, then $10 is the tenth, not $1 followed by 0', () => {
    const values = Array.from({ length: 11 }, (_, i) => `v${i + 1}`);
    expect(inlineValues('select $10, $1, $11', values)).toBe("select 'v10', 'v1', 'v11'");
  });
});
