import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessContext } from '../access/context.js';
import { AppError } from './errors.js';
import type { Database } from '../db/client.js';
import { loadAccess } from '../auth/repo.js';
import { parseBearer, sha256 } from '../auth/crypto.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    access: AccessContext | null;
    authVia: 'cookie' | 'token' | null;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    /** false for routes that anyone may call (signup, login, health). */
    auth?: boolean;
  }
}

export const sessionCookie = 'kantivo_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie or a Bearer API token, and
 * applies the CSRF rule: a cookie-authenticated state change must carry
 * X-Requested-With (a header a cross-site form cannot set).
 */
export function authHook(database: Database) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.access = null;
    request.authVia = null;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const parsed = match ? parseBearer('kt', match[1]!) : null;
      if (!parsed) throw new AppError('unauthenticated', 'The API token is not valid');
      const access = await loadAccess(database.db, 'token', parsed.orgId, sha256(parsed.secret));
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
        ? await loadAccess(database.db, 'session', parsed.orgId, sha256(parsed.secret))
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
