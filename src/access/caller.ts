import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { AccessContext } from './context.js';
import { AppError } from '../shared/errors.js';
import { withOrg, type Database, type Tx } from '../db/client.js';
import { accessFromJson, checkCredential } from './lookup.js';

/** A session cookie or API token as the request carries it: its org and its secret's hash. */
export type Credential = { kind: 'session' | 'token'; orgId: string; hash: string };

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    /** What the request presents; null when it presents nothing (or only a dead cookie). */
    credential: Credential | null;
    /** The caller once the database has named them (callerOf, inRequestOrg). */
    access: AccessContext | null;
    authVia: 'cookie' | 'token' | null;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    /** false for routes that anyone may call (signup, login, health). */
    auth?: boolean;
    /**
     * The answer carries a secret shown once (a new API token): an
     * Idempotency-Key keeps no copy of it, and a replay answers 409.
     */
    secretResponse?: boolean;
  }
}

export const invalidToken = () => new AppError('unauthenticated', 'The API token is not valid');
export const signInFirst = () => new AppError('unauthenticated', 'Sign in first');

/**
 * The caller, looked up on its own (one statement, outside any
 * transaction), for what must know them before the request's transaction:
 * idempotency keys, per-user limits, streams. Null without a credential;
 * an unknown or revoked one is refused.
 */
export async function callerOf(
  database: Database,
  request: FastifyRequest,
): Promise<AccessContext | null> {
  if (request.access) return request.access;
  const credential = request.credential;
  if (!credential) return null;
  const json = await checkCredential(
    database.db,
    credential.kind,
    credential.orgId,
    credential.hash,
  );
  if (json === null) throw credential.kind === 'token' ? invalidToken() : signInFirst();
  request.access = accessFromJson(json);
  return request.access;
}

/** The caller of a request whose work needs them; the route has auth, so a credential exists. */
export async function requireCaller(
  database: Database,
  request: FastifyRequest,
): Promise<AccessContext> {
  const access = await callerOf(database, request);
  if (!access) throw signInFirst();
  return access;
}

/**
 * Runs `work` in one transaction in the caller's org, read only for a GET
 * or HEAD. The caller is looked up in the transaction's first statement
 * (with the org settings, see withOrg): one snapshot names the caller and
 * serves the work, so a revoked session or a changed role counts from the
 * very next request. Routes run their database work through this, never
 * withOrg (an ESLint rule).
 */
export function inRequestOrg<T>(
  database: Database,
  request: FastifyRequest,
  work: (tx: Tx, ctx: AccessContext) => Promise<T>,
): Promise<T> {
  const credential = request.credential;
  if (!credential) throw signInFirst();
  const readOnly = request.method === 'GET' || request.method === 'HEAD';
  return withOrg(
    database.db,
    credential.orgId,
    (tx, json) => {
      if (typeof json !== 'string') {
        throw credential.kind === 'token' ? invalidToken() : signInFirst();
      }
      const access = accessFromJson(json);
      request.access = access;
      return work(tx, access);
    },
    {
      readOnly,
      alongside: sql`access_json(${credential.orgId}::uuid, ${credential.kind}, ${credential.hash})`,
    },
  );
}
