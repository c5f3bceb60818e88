import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidToken, signInFirst } from '../access/caller.js';
import { readCookie } from '../auth/cookies.js';
import { parseBearer, sha256 } from '../auth/crypto.js';
import { AppError } from '../shared/errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the caller's credential from a Bearer API token or the session
 * cookie, and applies the CSRF rule: a cookie-authenticated state change
 * must carry a non-empty X-Requested-With (a header a cross-site form
 * cannot set). It asks the database nothing: the caller is looked up by
 * the transaction that does the request's work (inRequestOrg), or by
 * callerOf for what must know them before.
 */
export function authHook() {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    request.credential = null;
    request.access = null;
    request.authVia = null;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const parsed = match ? parseBearer('kt', match[1]!) : null;
      if (!parsed) return done(invalidToken());
      request.credential = { kind: 'token', orgId: parsed.orgId, hash: sha256(parsed.secret) };
      request.authVia = 'token';
      return done();
    }
    const cookie = readCookie(request, 'session');
    if (cookie) {
      const csrfHeader = request.headers['x-requested-with'];
      if (!safeMethods.has(request.method) && (csrfHeader === undefined || csrfHeader === '')) {
        return done(
          new AppError('csrf', 'A signed-in request that changes data must send X-Requested-With'),
        );
      }
      const parsed = parseBearer('ks', cookie);
      if (parsed) {
        request.credential = { kind: 'session', orgId: parsed.orgId, hash: sha256(parsed.secret) };
        request.authVia = 'cookie';
      }
    }
    if (request.credential === null && request.routeOptions.config.auth !== false) {
      return done(signInFirst());
    }
    done();
  };
}
