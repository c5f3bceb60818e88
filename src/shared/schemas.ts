import { z } from 'zod';
import { AppError } from './errors.js';

// Shared building blocks for route schemas. Payload schemas live with their domain.

export const idParams = z.strictObject({ id: z.uuid() });
export const uuid = z.uuid();

/**
 * Text PostgreSQL can store: a text or jsonb value cannot hold U+0000, and
 * an unpaired UTF-16 surrogate has no UTF-8 form. Every other code point is
 * storable, control characters included. A pattern, not a refinement, so
 * the OpenAPI document carries it for request and answer strings alike.
 */
// eslint-disable-next-line no-control-regex -- the NUL is the point
export const storable = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const isStorable = (text: string): boolean => storable.test(text);
/** The same rule, as a repair: each NUL or unpaired surrogate becomes U+FFFD (for error reports). */
const unstorableChar =
  // eslint-disable-next-line no-control-regex -- the NUL is the point
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const toStorable = (text: string): string => text.replace(unstorableChar, '\uFFFD');
const unstorableMessage =
  'contains a character that cannot be stored (NUL or an unpaired surrogate)';

/**
 * Text in an answer: at most `max` characters, the limit every path that
 * writes it (API, CSV import) enforces, so the bound is a promise kept.
 */
export const storedText = (max: number) => z.string().max(max).regex(storable);

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

/**
 * The one schema for input text (JSON fields, query and path parameters):
 * at most `max` characters, and storable. `trim` trims first, as forms pad.
 */
export const storableString = (max: number, options: { trim?: boolean } = {}) =>
  (options.trim ? z.string().trim() : z.string()).max(max).regex(storable, unstorableMessage);

/** Free JSON (custom-field values): every string and key storable, at most 32 levels deep. */
export const storableJson = z.unknown().refine((value) => {
  // Iterative, so a deeply nested body cannot overflow the stack.
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorable(v)) return false;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= 32) return false;
      for (const [key, item] of Object.entries(v)) {
        if (!isStorable(key)) return false;
        stack.push([item, depth + 1]);
      }
    }
  }
  return true;
}, `${unstorableMessage}, or is nested too deeply`);

/** A date PostgreSQL can store (it has no year 0). */
export const isoDate = (message?: string) =>
  z.iso.date(message).refine((v) => !v.startsWith('0000'), 'the year must be 0001 or later');

/** An instant as a cursor carries it (toISOString); PostgreSQL has no year 0. */
export const cursorTime = z.iso.datetime().refine((v) => !v.startsWith('0000'));

/** `?limit=` 1–200, default 50; query strings are text, so this one is parsed. */
export const limitParam = z
  .string()
  .max(10)
  .regex(/^\d+$/, 'limit must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(200))
  .optional()
  .transform((v) => v ?? 50);

export function encodeCursor<T extends readonly unknown[]>(values: T): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * A cursor as answered and as asked: base64url of the last row's sort
 * values; the longest (two names of 100 characters in any script, with a
 * UUID) stays well under the bound.
 */
export const cursorText = z
  .string()
  .max(4000)
  .regex(/^[A-Za-z0-9_-]*$/);

/**
 * `?cursor=`: base64url JSON made by encodeCursor, decoded and checked
 * against the list's tuple schema while the query is validated, so a
 * tampered cursor is a 422 before any SQL runs. Each list has its tuple.
 */
export const cursorParam = <T extends z.ZodType<readonly unknown[]>>(tuple: T) =>
  cursorText
    .transform((text, ctx): z.output<T> => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = tuple.safeParse(decoded);
      if (parsed.success) return parsed.data;
      ctx.issues.push({ code: 'custom', message: 'cursor is not one this API made', input: text });
      return z.NEVER;
    })
    .optional()
    .describe('the nextCursor of the previous page, as it was given');

export const boolParam = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

/** One page of a list: at most the `limit` maximum (200) items. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item).max(200), nextCursor: cursorText.nullable() });

export const isoTime = z
  .string()
  .max(40)
  .meta({ format: 'date-time', description: 'ISO-8601 (RFC 3339) time' });

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
