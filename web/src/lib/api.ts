import type { z } from 'zod';
import type { problemSchema } from '@server/shared/schemas';

/** An RFC 9457 problem as the API sends it. */
export type Problem = z.infer<typeof problemSchema>;
export type FieldError = NonNullable<Problem['errors']>[number];

/** A failed API call: the problem's status, title, detail and field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[];

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail || problem.title;
    this.type = problem.type;
    this.errors = problem.errors ?? [];
  }
}

export const apiBase = '/api/v1';

type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** The record version the change was made against; sent as `If-Match`. */
  ifMatch?: number;
  signal?: AbortSignal;
};

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    typeof (value as { title?: unknown }).title === 'string'
  );
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
  try {
    const body: unknown = await response.json();
    return isProblem(body) ? { ...fallback, ...body } : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The one way the UI talks to the API: cookies included, the CSRF header on
 * every request, JSON in and out, problem+json turned into an ApiError.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-Requested-With': 'kantivo',
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;

  let response: Response;
  try {
    response = await fetch(apiBase + withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown, ifMatch?: number) =>
    apiRequest<T>(path, { method: 'PATCH', body, ifMatch }),
  delete: (path: string, ifMatch?: number) => apiRequest<void>(path, { method: 'DELETE', ifMatch }),
};

/** A readable message for any error a query or mutation can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/** Field errors of a 400/422 keyed by the field name (`body.email` → `email`). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.errors) {
    const key = e.path.replace(/^(body|query)\.?/, '');
    if (key && !(key in out)) out[key] = e.message;
  }
  return out;
}

export const isStale = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 412;
