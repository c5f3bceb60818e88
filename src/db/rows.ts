import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * `json_build_object(…)` of a row of `table` with the given keys (camelCase,
 * as the table's columns are named in Drizzle) as the API writes them:
 * timestamps as ISO-8601 in UTC with milliseconds (what `toISOString`
 * writes), every other column as PostgreSQL's JSON of its value.
 *
 * For the hottest page of the API, the contact list: PostgreSQL writes the
 * JSON in C, and the server receives one text cell a row instead of
 * decoding 29 cells a row, mapping them to a DTO and serializing that again,
 * which cost more server CPU than the query itself (docs/performance.md).
 * Keys come out in the order given: the
 * response schema's. `derived` adds keys that are no column (computed per
 * caller, such as the owner's name), after the columns.
 */
export function rowJson<T extends PgTable>(
  table: T,
  keys: readonly string[],
  derived: Record<string, SQL> = {},
): SQL {
  const columns = getTableColumns(table);
  const pairs = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`rowJson: ${key} is not a column`);
    const name = `${quoteIdent(getTableName(table))}.${quoteIdent(column.name)}`;
    const value =
      column.columnType === 'PgTimestamp'
        ? `to_char(${name} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
        : name;
    return `'${key}', ${value}`;
  });
  const columnPairs = sql.raw(pairs.join(', '));
  const derivedPairs = Object.entries(derived).map(
    ([key, value]) => sql`, ${sql.raw(`'${key.replace(/'/g, "''")}'`)}, ${value}`,
  );
  return sql`json_build_object(${columnPairs}${sql.join(derivedPairs)})`;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
