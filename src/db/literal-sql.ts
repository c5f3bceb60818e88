import { is, Placeholder, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { prepareValue } from 'pg/lib/utils.js';

/*
 * SQL with its values written in as literals, for what the application
 * builds itself: the visibility predicates rendered once per viewer, the
 * statements of the hottest reads rendered once per shape, and the
 * statements of a read's message (readStatements in client.ts).
 */

const dialect = new PgDialect();

/**
 * A SQL fragment rendered once, its values written in as literals
 * (inlineValues), as a single raw chunk. Drizzle renders a query by walking
 * every chunk of it, on every request; a predicate rebuilt from the same few
 * values each time (the caller's visibility) costs dozens of chunks that way,
 * and one once it is memoized as this. For SQL the application built.
 */
export function literalFragment(fragment: SQL): SQL {
  return sql.raw(literalText(fragment));
}

/** A fragment's text with its values written in (inlineValues), e.g. for COPY, which binds none. */
export function literalText(fragment: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  return inlineValues(text, params);
}

/** Literal fragments by key, at most `max` of them (the oldest go first). */
export function fragmentMemo(max = 10_000): (key: string, build: () => SQL) => SQL {
  const memo = boundedMemo<SQL>(max);
  return (key, build) => memo(key, () => literalFragment(build()));
}

/** Values by key, made on first use; at most `max` of them, the oldest going first. */
function boundedMemo<V>(max: number): (key: string, make: () => V) => V {
  const entries = new Map<string, V>();
  return (key, make) => {
    let found = entries.get(key);
    if (found === undefined) {
      found = make();
      entries.set(key, found);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    }
    return found;
  };
}

/**
 * Writes a parameterized statement's values into its text as literals
 * (node-postgres's own text form of each value, quoted by escapeLiteral):
 * the unknown-typed literal PostgreSQL resolves exactly as it would the
 * untyped parameter. Only for SQL the application built, whose `$n` are
 * all placeholders (values never reach the text but through here).
 */
export function inlineValues(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= values.length) throw new Error(`No value for $${n}`);
    return literal(values[index]);
  });
}

/** A value as the SQL literal inlineValues writes for it. */
export function literal(raw: unknown): string {
  const value = prepareValue(raw);
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'`;
  return pg.escapeLiteral(value);
}

/**
 * A statement rendered once, to be run with other values: its text cut at
 * its placeholders (`sql.placeholder(name)`), and their names in order.
 */
export type RenderedStatement = { parts: string[]; names: string[] };

/**
 * Renders a statement whose every value is a named placeholder (and whose
 * text has no other `$n`, as for inlineValues). Drizzle
 * renders a query by walking all its chunks; the hottest reads (a page of
 * contacts) keep the same text for a viewer and a set of filters, so they
 * are rendered once (statementMemo) and only their values change.
 */
export function renderStatement(query: SQL): RenderedStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const names = params.map((p) => {
    if (!is(p, Placeholder)) {
      throw new Error('renderStatement: every value must be a named placeholder');
    }
    return p.name;
  });
  const parts: string[] = [];
  const order: string[] = [];
  let from = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    parts.push(text.slice(from, match.index));
    order.push(names[Number(match[1]) - 1]!);
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  if (order.length !== names.length)
    throw new Error('renderStatement: a $n that is no placeholder');
  return { parts, names: order };
}

/**
 * Rendered statements by an anchor object (say, a viewer's memoized
 * visibility fragment, which the text contains) and a key naming the rest
 * of its shape; at most `max` of them in all (the oldest go first: a page
 * statement is a few kilobytes, and there may be many viewers).
 */
export function statementMemo(
  max = 2_000,
): (anchor: object, key: string, build: () => SQL) => RenderedStatement {
  const anchorIds = new WeakMap<object, number>();
  let anchors = 0;
  const memo = boundedMemo<RenderedStatement>(max);
  return (anchor, key, build) => {
    let id = anchorIds.get(anchor);
    if (id === undefined) anchorIds.set(anchor, (id = anchors++));
    return memo(`${id}|${key}`, () => renderStatement(build()));
  };
}
