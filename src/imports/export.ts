import { PassThrough, type Readable } from 'node:stream';
import { and, asc, gt, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { stringify } from 'csv-stringify/sync';
import type { AccessContext } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import { contactFilterWhere } from '../contacts/repo.js';
import { beginOrgOn, withOrg, type Db, type Tx } from '../db/client.js';
import { contacts } from '../db/schema.js';
import { assertFeature } from '../orgs/plans.js';
import { csvFields, exportHeaders, formulaStarts, neutralize, type CsvField } from './csv.js';
import type { ExportFilters } from './schema.js';

/** Rows per keyset page: one short transaction each, so a slow download holds no connection. */
export const exportBatchSize = 5000;

/** Who may export: org admins and partners (what they can read), on a plan with CSV export. */
export function assertCanExport(ctx: AccessContext): void {
  assertCan(ctx, 'contact.export');
  assertFeature(ctx, 'export');
}

const selection = Object.fromEntries(
  [...csvFields, 'id' as const].map((f) => [f, contacts[f]]),
) as { [K in CsvField | 'id']: (typeof contacts)[K] };

type ExportRow = { [K in CsvField | 'id']: (typeof contacts)[K]['_']['data'] | null };

async function exportPage(
  tx: Tx,
  ctx: AccessContext,
  filters: ExportFilters,
  after: string | undefined,
): Promise<ExportRow[]> {
  const where = contactFilterWhere(ctx, filters);
  return tx
    .select(selection)
    .from(contacts)
    .where(after ? and(where, gt(contacts.id, after)) : where)
    .orderBy(asc(contacts.id))
    .limit(exportBatchSize);
}

const toCells = (row: ExportRow) =>
  csvFields.map((f) => {
    const v = row[f];
    if (v === null || v === undefined) return '';
    return neutralize(Array.isArray(v) ? v.join(', ') : String(v));
  });

/**
 * The readable contacts matching the filters as CSV text, in pieces: the
 * header (the import's column names), then one piece per keyset page. Only
 * one page is in memory at a time.
 */
export async function* exportContactsCsv(
  db: Db,
  ctx: AccessContext,
  filters: ExportFilters,
  onRows: (total: number) => void = () => undefined,
): AsyncGenerator<string> {
  assertCanExport(ctx);
  yield stringify([csvFields.map((f) => exportHeaders[f])]);
  let after: string | undefined;
  let total = 0;
  for (;;) {
    const rows = await withOrg(db, ctx.actor.orgId, (tx) => exportPage(tx, ctx, filters, after));
    if (rows.length === 0) return;
    yield stringify(rows.map(toCells));
    onRows((total += rows.length));
    if (rows.length < exportBatchSize) return;
    after = rows[rows.length - 1]!.id!;
  }
}

const formulaCodes = formulaStarts.map((c) => c.charCodeAt(0)).join(', ');

/**
 * Each CSV cell in SQL, as toCells makes it: NULL as an empty cell (COPY's
 * CSV default), tags joined, formulas neutralized. The first character is
 * tested with ascii() (a code point, no new string) rather than left(…, 1):
 * with twenty cells a row, left() more than doubled the COPY's time.
 */
const cellSql = csvFields
  .map((f) => {
    const col = f === 'tags' ? `array_to_string(tags, ', ')` : `${contacts[f].name}::text`;
    return `case when ascii(${col}) in (${formulaCodes}) then '''' || ${col} else ${col} end`;
  })
  .join(', ');

/**
 * COPY binds no parameters, so its filter values are written into its text:
 * the one place in the product where values reach SQL as text. Each value
 * becomes a literal as Drizzle adds it to the text (`inlineParams`),
 * quoted by node-postgres's escapeLiteral; only text, numbers and booleans
 * are accepted, and text PostgreSQL cannot hold (NUL) is refused.
 */
const copyDialect = new PgDialect();
copyDialect.escapeString = (text: string) => {
  if (text.includes('\0')) throw new Error('A COPY value may not contain NUL');
  return pg.escapeLiteral(text);
};

export function copyLiteralSql(fragment: SQL): string {
  for (const value of copyDialect.sqlToQuery(fragment).params) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new Error(`A COPY value must be text, a number or a boolean, not ${typeof value}`);
    }
  }
  return copyDialect.sqlToQuery(sql`${fragment}`.inlineParams()).sql;
}

/**
 * Closes a pooled connection's socket outright. Ending it politely
 * (client.end) only half-closes it: a server blocked sending COPY data that
 * nobody reads would never notice, and would keep its backend.
 */
function destroySocket(client: pg.PoolClient): void {
  const internals = client as unknown as { connection?: { stream?: { destroy(): void } } };
  internals.connection?.stream?.destroy();
}

/**
 * The same export on a PostgreSQL server, written by the server itself: one
 * COPY … TO STDOUT (CSV) in one read-only tenant transaction, streamed with
 * back-pressure. It holds one pooled connection for the download (the
 * route caps concurrent exports). When the stream closes before the COPY
 * ends (the client went away), the COPY is destroyed and its connection
 * released with an error at once, so the pool discards it: a rollback
 * queued behind a COPY that nobody reads would wait for ever.
 */
export async function exportContactsCsvCopy(
  pool: pg.Pool,
  ctx: AccessContext,
  filters: ExportFilters,
): Promise<Readable> {
  assertCanExport(ctx);
  const where = copyLiteralSql(contactFilterWhere(ctx, filters));
  const client = await pool.connect();
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    if (error) destroySocket(client);
    client.release(error);
  };
  try {
    await beginOrgOn(client, ctx.actor.orgId, true);
  } catch (error) {
    release(error as Error);
    throw error;
  }
  const copy = client.query(
    copyTo(`COPY (select ${cellSql} from contacts where ${where} order by id)
            TO STDOUT WITH (FORMAT csv)`),
  );
  const out = new PassThrough();
  out.write(stringify([csvFields.map((f) => exportHeaders[f])]));
  let copied = false;
  copy.on('end', () => {
    copied = true;
    client.query('commit').then(
      () => release(),
      (error: Error) => release(error),
    );
  });
  copy.on('error', (error) => {
    release(error);
    out.destroy(error);
  });
  out.on('close', () => {
    if (copied) return;
    copy.destroy();
    release(new Error('The export was abandoned before its end'));
  });
  copy.pipe(out);
  return out;
}
