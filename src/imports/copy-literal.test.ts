import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type TestApp } from '../../test/harness.js';
import { queryRows } from '../db/client.js';
import { copyLiteralSql } from './export.js';

/**
 * COPY binds no parameters, so the export writes its filter values into
 * the statement: the database must read each literal as the value itself.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const awkward = [
  "O'Brien",
  "it''s",
  'back\\slash \\x41 \\',
  '$1 $$ dollar $2',
  "') or true or ('",
  '%_ like-pattern \\%',
  'ünïcødé — 中文 🙂',
  '',
  'line\nbreak\ttab',
];

describe('values written into the export COPY', () => {
  it('when awkward text, numbers and booleans are written in, then the database reads exactly those values', async () => {
    for (const value of [...awkward, 42, -1.5, true, false, null]) {
      const text = copyLiteralSql(sql`select ${value} as v, ${'$1'} as w`);
      const [row] = await queryRows<{ v: unknown; w: string }>(t.database.db, sql.raw(text));
      expect(row!.v === null ? null : String(row!.v)).toBe(value === null ? null : String(value));
      expect(row!.w).toBe('$1');
    }
  });

  it('when a value holds NUL or is not a scalar, then nothing is written and the statement is refused', () => {
    expect(() => copyLiteralSql(sql`select ${'a\0b'}`)).toThrow(/NUL/);
    expect(() => copyLiteralSql(sql`select ${new Date(0)}`)).toThrow(/text, a number or a boolean/);
    expect(() => copyLiteralSql(sql`select ${{ a: 1 }}`)).toThrow(/text, a number or a boolean/);
  });

  it('when the export is searched with quotes, backslashes and $1, then it finds that contact and no other', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const odd = "Qu'ote \\back $1";
    for (const [lastName, email] of [
      [odd, 'odd@x.test'],
      ['Plain', 'plain@x.test'],
    ]) {
      const res = await org.owner.post('/contacts', { firstName: 'A', lastName, email });
      expect(res.statusCode).toBe(201);
    }
    const res = await org.owner.get(`/contacts/export?q=${encodeURIComponent(odd)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('odd@x.test');
    expect(res.body).not.toContain('plain@x.test');
  });
});
