import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isPoolTimeout, loggableError } from '../db/errors.js';
import { AppError, type ErrorCode, type FieldError } from '../shared/errors.js';
import { problemLimits } from '../shared/schemas.js';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extra: string]: unknown;
};

const problemBase = 'https://kantivo.dev/problems/';

function describe(code: ErrorCode): { status: number; title: string; slug: string } {
  switch (code) {
    case 'bad_request':
      return { status: 400, title: 'Bad request', slug: 'bad-request' };
    case 'validation':
      return { status: 422, title: 'Validation failed', slug: 'validation' };
    case 'unauthenticated':
      return { status: 401, title: 'Not signed in', slug: 'unauthenticated' };
    case 'forbidden':
      return { status: 403, title: 'Forbidden', slug: 'forbidden' };
    case 'csrf':
      return { status: 403, title: 'Missing X-Requested-With header', slug: 'csrf' };
    case 'plan_limit':
      return { status: 403, title: 'Plan limit reached', slug: 'plan-limit' };
    case 'plan_feature':
      return { status: 403, title: 'Not included in your plan', slug: 'plan-feature' };
    case 'not_found':
      return { status: 404, title: 'Not found', slug: 'not-found' };
    case 'conflict':
      return { status: 409, title: 'Conflict', slug: 'conflict' };
    case 'precondition_failed':
      return { status: 412, title: 'Precondition failed', slug: 'precondition-failed' };
    case 'payload_too_large':
      return { status: 413, title: 'Payload too large', slug: 'payload-too-large' };
    case 'unsupported_media_type':
      return { status: 415, title: 'Unsupported media type', slug: 'unsupported-media-type' };
    case 'rate_limited':
      return { status: 429, title: 'Too many requests', slug: 'rate-limited' };
    case 'request_timeout':
      return { status: 408, title: 'Request timeout', slug: 'request-timeout' };
    case 'unavailable':
      return { status: 503, title: 'Service unavailable', slug: 'unavailable' };
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

export function problemFor(code: ErrorCode, detail: string, errors?: FieldError[]): Problem {
  const { status, title, slug } = describe(code);
  return { type: problemBase + slug, title, status, detail, ...(errors ? { errors } : {}) };
}

// Fastify's own error codes for malformed requests, mapped onto ours.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_TYPE: 'bad_request',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_BAD_URL: 'bad_request',
  // A parameter longer than any id names nothing that exists.
  FST_ERR_MAX_PARAM_LENGTH: 'not_found',
};

/** Turns any thrown value into a problem; unknown failures become a 500 whose detail is hidden. (Bounded by boundProblem when sent.) */
export function toProblem(error: unknown): { problem: Problem; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    const problem = problemFor(error.code, error.message, error.errors);
    const headers: Record<string, string> = {};
    if (error.extra) {
      for (const [key, value] of Object.entries(error.extra)) {
        if (key === 'retryAfter') headers['retry-after'] = String(value);
        else problem[key] = value;
      }
    }
    return { problem, headers };
  }
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    // A malformed id in the path names nothing that exists.
    if (fe.validationContext === 'params') return { problem: problemFor('not_found', 'Not found') };
    const errors = fe.validation.map((v) => {
      const where = fe.validationContext ?? 'body';
      const path = [where, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])];
      return { path: path.join('.'), message: v.message ?? 'invalid' };
    });
    const first = errors[0];
    return {
      problem: problemFor(
        'validation',
        first ? `${first.path}: ${first.message}` : 'The request is not valid',
        errors,
      ),
    };
  }
  if (fe && typeof fe.code === 'string' && fastifyCodes[fe.code]) {
    return { problem: problemFor(fastifyCodes[fe.code]!, fe.message) };
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      problem: {
        type: 'about:blank',
        title: 'Bad request',
        status: fe.statusCode,
        detail: fe.message,
      },
    };
  }
  if (isPoolTimeout(error)) {
    // Every connection is busy: fail fast and say when to come back, rather than hang.
    return {
      problem: problemFor('unavailable', 'The server is busy; try again in a few seconds'),
      headers: { 'retry-after': '5' },
    };
  }
  return {
    problem: {
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong on our side; it has been logged.',
    },
  };
}

const clip = (text: string, max: number) =>
  // eslint-disable-next-line no-control-regex -- PostgreSQL text never holds a NUL; neither does a problem.
  (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\u0000/g, '');

/**
 * Holds a problem to the bounds its schema promises: a detail or field error
 * may quote the request (a key, a URL), and is never an echo of megabytes.
 */
export function boundProblem(problem: Problem): Problem {
  problem.title = clip(problem.title, problemLimits.title);
  problem.detail = clip(problem.detail, problemLimits.detail);
  if (problem.errors) {
    problem.errors = problem.errors.slice(0, problemLimits.errors).map((e) => ({
      path: clip(e.path, problemLimits.errorText),
      message: clip(e.message, problemLimits.errorText),
    }));
  }
  return problem;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  const { problem, headers } = toProblem(error);
  boundProblem(problem);
  if (problem.status >= 500) request.log.error({ err: loggableError(error) }, 'request failed');
  return reply
    .code(problem.status)
    .headers(headers ?? {})
    .type('application/problem+json')
    .send(problem);
}
