import { z } from 'zod';
import { AppError } from './errors.js';

// Shared building blocks for route schemas. Payload schemas live with their domain.

export const idParams = z.strictObject({ id: z.uuid() });
export const uuid = z.uuid();

/** PostgreSQL text cannot hold a NUL, so no stored string has one: the pattern of free text in answers. */
// eslint-disable-next-line no-control-regex -- the NUL is the point
export const noNul = /^[^\u0000]*$/;

/**
 * Text in an answer: at most `max` characters, the limit every path that
 * writes it (API, CSV import) enforces, so the bound is a promise kept.
 */
export const storedText = (max: number) => z.string().max(max).regex(noNul);

/** Bounds of a problem; problem.ts clips to them, so the promise holds for any error. */
export const problemLimits = { title: 100, detail: 2000, errors: 100, errorText: 500 } as const;

// Loose: a problem may carry extra members (ids, currentVersion, limit…), per RFC 9457.
export const problemSchema = z
  .looseObject({
    type: z.string().max(200).meta({ format: 'uri' }),
    title: storedText(problemLimits.title),
    status: z.number().int().min(400).max(599),
    detail: storedText(problemLimits.detail),
    errors: z
      .array(
        z.object({
          path: storedText(problemLimits.errorText),
          message: storedText(problemLimits.errorText),
        }),
      )
      .max(problemLimits.errors)
      .optional(),
  })
  .meta({ id: 'Problem' });

/**
 * Standard error responses, so the OpenAPI document lists them for every route
 * (500 and the rest are added in openapi.ts). A rate-limited route adds
 * `429: problemSchema` itself; the document then gives it a Retry-After header.
 */
export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  422: problemSchema,
} as const;

export const emptyBody = z.null().describe('No content');

/** `?limit=` 1–200, default 50; query strings are text, so this one is parsed. */
export const limitParam = z
  .string()
  .regex(/^\d+$/, 'limit must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(200))
  .optional()
  .transform((v) => v ?? 50);

export const cursorParam = z.string().max(500).optional();

export const boolParam = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

/**
 * A next-page cursor in an answer: base64url of the last row's sort values;
 * the longest (a contact's last and first names, 100 characters each, with a
 * UUID) stays under 2,048 characters.
 */
export const cursorText = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]*$/);

/** One page of a list: at most the `limit` maximum (200) items. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item).max(200), nextCursor: cursorText.nullable() });

export const isoTime = z
  .string()
  .max(40)
  .meta({ format: 'date-time', description: 'ISO-8601 (RFC 3339) time' });

export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a tampered one is a 422, never a 500. */
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through
  }
  throw new AppError('validation', 'cursor is not one this API made', {
    errors: [{ path: 'query.cursor', message: 'invalid cursor' }],
  });
}

/** Reads `If-Match: "7"` (or W/"7", or 7) as a version; undefined when absent. */
export function expectedVersion(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  // A value that cannot match any version is simply stale.
  return match ? Number(match[1]) : -1;
}

export const etag = (version: number) => `"${version}"`;

/**
 * The If-Match rule: when the client names a version and the record has
 * moved on, 412 and nothing changes. `what` names the record for the message.
 */
export function assertVersion(
  row: { version: number },
  expected: number | undefined,
  what = 'This record',
): void {
  if (expected !== undefined && expected !== row.version) {
    throw new AppError(
      'precondition_failed',
      `${what} was changed by someone else; reload it and try again`,
      { extra: { currentVersion: row.version } },
    );
  }
}
