import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { fragmentMemo, inlineValues, literalFragment, queryRows } from './client.js';

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

describe('fragments rendered once (the visibility predicates)', () => {
  it('when a fragment with values is rendered as literals and embedded, then the query finds what the parameterized one finds', async () => {
    const fragment = sql`${"O'Brien"} in (${'a'}, ${"O'Brien"}) and ${51} > 50`;
    const literal = literalFragment(fragment);
    expect(literal.queryChunks).toHaveLength(1);
    const [viaParameters] = await queryRows(t.database.db, sql`select (${fragment}) as ok`);
    const [viaLiterals] = await queryRows(t.database.db, sql`select (${literal}) as ok`);
    expect(viaParameters).toEqual({ ok: true });
    expect(viaLiterals).toEqual(viaParameters);
  });

  it('when a key comes again, then its fragment is not rebuilt; past the bound, the oldest is', () => {
    const memo = fragmentMemo(2);
    let builds = 0;
    const build = (value: string) => () => {
      builds++;
      return sql`${value}`;
    };
    const a = memo('a', build('a'));
    expect(memo('a', build('other'))).toBe(a);
    memo('b', build('b'));
    memo('c', build('c'));
    expect(builds).toBe(3);
    memo('b', build('b'));
    expect(builds).toBe(3);
    const again = memo('a', build('a2'));
    expect(builds).toBe(4);
    expect(again).not.toBe(a);
  });
});
