import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessContext } from '../access/context.js';
import { AppError } from './errors.js';
import {
  endQuietly,
  inOpenTransaction,
  withOrg,
  type Database,
  type OpenTransaction,
  type Tx,
} from '../db/client.js';
import { beginWithAccess, loadAccess } from '../auth/repo.js';
import { parseBearer, sha256 } from '../auth/crypto.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    access: AccessContext | null;
    authVia: 'cookie' | 'token' | null;
    /** The caller's transaction, begun with the credential lookup; see inRequestOrg. */
    openTransaction: OpenTransaction | null;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    /** false for routes that anyone may call (signup, login, health). */
    auth?: boolean;
    /**
     * false for a GET route whose handler does not run its work through
     * inRequestOrg: it would hold the early transaction's connection while
     * taking another.
     */
    earlyTransaction?: boolean;
  }
}

export const sessionCookie = 'kantivo_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie or a Bearer API token, and
 * applies the CSRF rule: a cookie-authenticated state change must carry
 * X-Requested-With (a header a cross-site form cannot set).
 *
 * On a server, a GET or HEAD looks the caller up as the first statement of
 * the request's own read-only transaction (one round trip for `begin`, the
 * org and the lookup, instead of one for the lookup and two more to begin),
 * which the handler then takes through inRequestOrg; its commit does not
 * delay the answer. Other requests look up alone: their bodies and
 * idempotency checks come before their transaction.
 */
export function authHook(database: Database) {
  const lookUp = async (
    request: FastifyRequest,
    kind: 'session' | 'token',
    orgId: string,
    tokenHash: string,
  ) => {
    if (!database.pool || !readsOnly(request)) {
      return loadAccess(database.db, kind, orgId, tokenHash);
    }
    const found = await beginWithAccess(database.pool, kind, orgId, tokenHash);
    request.openTransaction = found?.open ?? null;
    return found?.access ?? null;
  };
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.access = null;
    request.authVia = null;
    request.openTransaction = null;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const parsed = match ? parseBearer('kt', match[1]!) : null;
      if (!parsed) throw new AppError('unauthenticated', 'The API token is not valid');
      const access = await lookUp(request, 'token', parsed.orgId, sha256(parsed.secret));
      if (!access) throw new AppError('unauthenticated', 'The API token is not valid');
      request.access = access;
      request.authVia = 'token';
      return;
    }
    const cookie = request.cookies[sessionCookie];
    if (cookie) {
      if (!safeMethods.has(request.method) && request.headers['x-requested-with'] === undefined) {
        throw new AppError(
          'csrf',
          'A signed-in request that changes data must send X-Requested-With',
        );
      }
      const parsed = parseBearer('ks', cookie);
      const access = parsed
        ? await lookUp(request, 'session', parsed.orgId, sha256(parsed.secret))
        : null;
      if (access) {
        request.access = access;
        request.authVia = 'cookie';
      }
    }
    if (request.access === null && request.routeOptions.config.auth !== false) {
      throw new AppError('unauthenticated', 'Sign in first');
    }
  };
}

/** The caller's access context; routes with auth call this (the hook guarantees it). */
export function accessOf(request: FastifyRequest): AccessContext {
  if (!request.access) throw new AppError('unauthenticated', 'Sign in first');
  return request.access;
}

/**
 * A GET or HEAD of the API (but a route that opts out): it runs in a
 * read-only transaction, on a server begun with the caller's lookup.
 */
function readsOnly(request: FastifyRequest): boolean {
  const { config } = request.routeOptions;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    config.auth !== false &&
    config.earlyTransaction !== false
  );
}

/**
 * Runs `work` in the caller's org transaction: the one the auth hook began
 * with the lookup when there is one, else a new one (read only for a GET,
 * as on a server). Routes run their database work through this, never
 * withOrg.
 */
export function inRequestOrg<T>(
  database: Database,
  request: FastifyRequest,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const { orgId } = accessOf(request).actor;
  const open = request.openTransaction;
  if (open && open.orgId === orgId) {
    request.openTransaction = null;
    return inOpenTransaction(open, work);
  }
  return withOrg(database.db, orgId, work, { readOnly: readsOnly(request) });
}

/**
 * Ends an early transaction the handler never took (it answered without the
 * database, or failed first, or the client went away): rolled back off the
 * reply's path, its connection back in the pool.
 */
export function endUntakenTransaction(request: FastifyRequest): void {
  const open = request.openTransaction;
  if (!open) return;
  request.openTransaction = null;
  void endQuietly(open, 'rollback');
}
