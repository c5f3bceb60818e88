/** The SQLSTATE of a database error, looking through Drizzle's wrapper. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';

type DbErrorFields = {
  query?: unknown;
  params?: unknown;
  message?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  cause?: unknown;
};

/**
 * What a log keeps of a failure. A database error keeps its statement,
 * SQLSTATE and the names it points at (constraint, table, column), never
 * the values bound to it (search terms, e-mails) nor those PostgreSQL
 * quotes in its message or detail; other errors pass unchanged.
 */
export function loggableError(error: unknown): unknown {
  const state = sqlState(error);
  if (!(error instanceof Error) || (state === undefined && !('params' in error))) return error;
  const fields: DbErrorFields[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    fields.push(e as DbErrorFields);
    e = (e as DbErrorFields).cause;
  }
  const pick = (key: keyof DbErrorFields) => {
    const found = fields.find((f) => typeof f[key] === 'string');
    return found ? (found[key] as string) : undefined;
  };
  const query = pick('query');
  // The driver's message (Drizzle's own repeats the values after the statement).
  const driver = fields.filter((f) => !('params' in f)).pop();
  const message = typeof driver?.message === 'string' ? driver.message : '';
  return {
    type: error.name,
    message: `Database error ${state ?? ''}: ${message.replace(/"[^"]*"/g, '"…"')}`,
    sqlState: state,
    query,
    constraint: pick('constraint'),
    table: pick('table'),
    column: pick('column'),
    // The stack without its first line, which repeats the message (and, from Drizzle, the values).
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
  };
}

/** Whether the pool gave up waiting for a free connection (connectionTimeoutMillis), looking through wrappers. */
export function isPoolTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /timeout exceeded when trying to connect|terminated due to connection timeout/.test(message)
    ) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
