import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { randomUUID } from 'node:crypto';
import { queryRows, queryStatement, readStatements, type Executor } from './client.js';
import {
  fragmentMemo,
  inlineValues,
  literalFragment,
  renderStatement,
  statementMemo,
} from './literal-sql.js';

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

describe('statements rendered once (the contact page)', () => {
  /** The plain handle, and on a server also a read's handle, which writes the values in. */
  const executors = (): [string, Executor][] => {
    const { db, pool } = t.database;
    return pool
      ? [
          ['db', db],
          ['read', readStatements(pool, randomUUID())],
        ]
      : [['db', db]];
  };
  const statement = () =>
    renderStatement(
      sql`select ${sql.placeholder('a')}::text as a, ${sql.placeholder('n')}::int + 1 as n,
          ${sql.placeholder('a')}::text = ${sql.placeholder('b')}::text as same`,
    );

  it('when a rendered statement runs with one set of values and then another, then each run answers for its own values', async () => {
    const rendered = statement();
    expect(rendered.names).toEqual(['a', 'n', 'a', 'b']);
    for (const [name, ex] of executors()) {
      const first = await queryStatement(ex, rendered, { a: "O'Brien $1", n: 41, b: "O'Brien $1" });
      const second = await queryStatement(ex, rendered, { a: 'ünï', n: -1, b: 'x' });
      expect(first, name).toEqual([{ a: "O'Brien $1", n: 42, same: true }]);
      expect(second, name).toEqual([{ a: 'ünï', n: 0, same: false }]);
    }
  });

  it('when a value is missing, or a statement carries a bare value, then nothing is sent', async () => {
    for (const [name, ex] of executors()) {
      await expect(queryStatement(ex, statement(), { a: 'x', n: 1 }), name).rejects.toThrow(
        'No value for placeholder b',
      );
    }
    expect(() => renderStatement(sql`select ${'bare'}::text`)).toThrow('named placeholder');
  });

  it('when the same anchor and key come again, then the statement is not rebuilt; another anchor gets its own; past the bound, the oldest goes', () => {
    const memo = statementMemo(3);
    let builds = 0;
    const build = () => {
      builds++;
      return sql`select ${sql.placeholder('v')}`;
    };
    const viewer = {};
    const first = memo(viewer, 'q', build);
    expect(memo(viewer, 'q', build)).toBe(first);
    expect(builds).toBe(1);
    memo(viewer, 'q,status', build);
    memo({}, 'q', build);
    expect(builds).toBe(3);
    memo(viewer, 'q,type', build);
    expect(builds).toBe(4);
    expect(memo(viewer, 'q', build)).not.toBe(first);
    expect(builds).toBe(5);
  });
});
