import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AccessContext } from '../access/context.js';
import { AppError } from './errors.js';
import {
  readStatements,
  withOrg,
  type Database,
  type StatementCheck,
  type Tx,
} from '../db/client.js';
import type { AccessHints } from '../auth/access-hints.js';
import { accessFromJson, checkCredential, credentialCheckSql } from '../auth/repo.js';
import { parseBearer, sha256 } from '../auth/crypto.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    access: AccessContext | null;
    authVia: 'cookie' | 'token' | null;
    /**
     * Set while `access` is a hint the database has not yet confirmed: the
     * check that goes with the request's next statement (see authHook).
     */
    accessCheck: PendingAccessCheck | null;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    /** false for routes that anyone may call (signup, login, health). */
    auth?: boolean;
    /**
     * true for a GET route whose handler does not run its statements
     * through inRequestOrg (it streams from a connection of its own): its
     * caller is looked up before the handler runs.
     */
    lookUpFirst?: boolean;
  }
}

type PendingAccessCheck = StatementCheck & {
  /** The same check in a round trip of its own. */
  alone(): Promise<void>;
};

/** Thrown by a check that found the hint stale; `request.access` then holds what the database said. */
class AccessChanged extends Error {}

/** Drizzle wraps what a statement throws (its `cause`). */
function isAccessChanged(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof AccessChanged) return true;
  return false;
}

export const sessionCookie = 'kantivo_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie or a Bearer API token, and
 * applies the CSRF rule: a cookie-authenticated state change must carry
 * X-Requested-With (a header a cross-site form cannot set).
 *
 * On a server, a GET or HEAD whose caller the server has seen recently
 * (`hints`) is not looked up first: its handler's first statement carries
 * the lookup in the same message (readStatements), and the answer counts
 * only if the lookup still finds exactly that caller. Otherwise, and for
 * every other request, the caller is looked up first (one round trip).
 * checkedReads makes sure no answer leaves on an unconfirmed hint.
 */
export function authHook(database: Database, hints: AccessHints) {
  const resolve = async (
    request: FastifyRequest,
    kind: 'session' | 'token',
    orgId: string,
    tokenHash: string,
  ): Promise<AccessContext | null> => {
    const key = `${kind}:${orgId}:${tokenHash}`;
    // What the database said about the credential, remembered for the next request.
    const remember = (json: string | null): AccessContext | null => {
      if (json === null) {
        hints.delete(key);
        return null;
      }
      const access = accessFromJson(json);
      hints.set(key, { access, json });
      return access;
    };
    const hinted = database.pool && readsOnly(request) ? hints.get(key) : undefined;
    if (!hinted) return remember(await checkCredential(database.db, kind, orgId, tokenHash));
    const settle = (json: string | null) => {
      request.accessCheck = null;
      if (json === hinted.json) return;
      request.access = remember(json);
      throw new AccessChanged('The caller changed since the server last saw them');
    };
    request.accessCheck = {
      expression: credentialCheckSql(kind, orgId, tokenHash),
      settle,
      alone: async () => settle(await checkCredential(database.db, kind, orgId, tokenHash)),
    };
    return hinted.access;
  };
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.access = null;
    request.authVia = null;
    request.accessCheck = null;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const parsed = match ? parseBearer('kt', match[1]!) : null;
      if (!parsed) throw new AppError('unauthenticated', 'The API token is not valid');
      const access = await resolve(request, 'token', parsed.orgId, sha256(parsed.secret));
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
        ? await resolve(request, 'session', parsed.orgId, sha256(parsed.secret))
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

/**
 * Wraps each read route's handler (an onRoute hook) so that what it answers,
 * or the error it fails with, was decided on a confirmed caller: a hint its
 * statements did not confirm is checked after it, and a stale one (a new
 * role, other settings) runs the handler again on what the database said,
 * or refuses a caller who is gone.
 */
export function checkedReads(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.every((m) => m === 'GET' || m === 'HEAD')) return;
  const handler = route.handler;
  route.handler = async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
    let outcome: { value: unknown } | { error: unknown };
    try {
      outcome = { value: await handler.call(this as never, request, reply) };
    } catch (error) {
      outcome = { error };
    }
    try {
      await request.accessCheck?.alone();
    } catch (error) {
      outcome = { error };
    }
    if ('value' in outcome) return outcome.value;
    if (!isAccessChanged(outcome.error)) throw outcome.error;
    if (!request.access) throw new AppError('unauthenticated', 'Sign in first');
    return handler.call(this as never, request, reply);
  };
}

/**
 * The last guard (an onSend hook): nothing is sent on an unconfirmed hint.
 * checkedReads confirms every read first, so this only holds the rule for
 * an answer sent some other way.
 */
export async function confirmBeforeSending(request: FastifyRequest): Promise<void> {
  try {
    await request.accessCheck?.alone();
  } catch (error) {
    if (!isAccessChanged(error)) throw error;
    throw new AppError('unauthenticated', 'Your access changed while this was answered; ask again');
  }
}

/** The caller's access context; routes with auth call this (the hook guarantees it). */
export function accessOf(request: FastifyRequest): AccessContext {
  if (!request.access) throw new AppError('unauthenticated', 'Sign in first');
  return request.access;
}

/**
 * A GET or HEAD of the API (but a route that looks up first): it only
 * reads, on a server one message a statement (readStatements).
 */
function readsOnly(request: FastifyRequest): boolean {
  const { config } = request.routeOptions;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    config.auth !== false &&
    config.lookUpFirst !== true
  );
}

/**
 * Runs `work` in the caller's org: for a read on a server, each statement
 * in its own read-only message, the first carrying the check of a hinted
 * caller; otherwise in one transaction (read only for a GET, as on a
 * server). Routes run their database work through this, never withOrg.
 */
export function inRequestOrg<T>(
  database: Database,
  request: FastifyRequest,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const { orgId } = accessOf(request).actor;
  if (database.pool && readsOnly(request)) {
    return work(readStatements(database.pool, orgId, () => request.accessCheck ?? undefined));
  }
  return withOrg(database.db, orgId, work, { readOnly: readsOnly(request) });
}
