import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessContext } from '../access/context.js';
import { sql } from 'drizzle-orm';
import { queryRows, withOrg, type Database } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { callerOf } from '../access/caller.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

const keyPattern = /^[\x21-\x7e]{1,200}$/;

type Stored = {
  request_hash: string;
  status_code: number | null;
  response_type: string | null;
  response_body: string | null;
};

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null))
    .digest('hex');
}

/*
 * A streamed body (a CSV upload) cannot be hashed before the route reads it.
 * Its key is recorded with a placeholder, the body is hashed as the route
 * reads it, and the answer is kept with that hash, `stream:<bytes>:<sha256>`.
 * A retry's body is hashed before its answer is replayed, reading no more
 * than the first one's size.
 */
const streamPlaceholder = 'stream:reading';
const streamHashes = new WeakMap<FastifyRequest, () => string | null>();

function hashWhileRead(request: FastifyRequest, body: Readable): void {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  let bytes = 0;
  let ended = false;
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      ended = true;
      callback();
    },
  });
  // pipeline, not pipe: an aborted upload must fail the route's read, not leave it waiting.
  pipeline(body, tee, () => undefined);
  request.body = tee;
  // Null when the route answered without reading it all: that answer is not kept.
  streamHashes.set(request, () => (ended ? `stream:${bytes}:${hash.digest('hex')}` : null));
}

function hashRetry(request: FastifyRequest, body: Readable, stored: string): Promise<string> {
  const size = /^stream:(\d+):/.exec(stored)?.[1];
  if (size === undefined) return Promise.resolve(streamPlaceholder);
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  let bytes = 0;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > Number(size)) {
        // Longer than the first: a different request. Stop reading rather than take it all.
        body.off('data', onData).pause();
        resolve('stream:longer');
      } else hash.update(chunk);
    };
    body.on('data', onData);
    body.once('end', () => resolve(`stream:${bytes}:${hash.digest('hex')}`));
    body.once('error', reject);
  });
}

/** A successful answer of a route marked `secretResponse` is not stored, so cannot be replayed. */
function keepsNoCopy(request: FastifyRequest, status: number): boolean {
  return request.routeOptions.config.secretResponse === true && status < 300;
}

/**
 * Forgets the keys whose first request was still running when the process
 * died (status_code null), so a retry after the restart runs again instead
 * of answering 409 for 24 hours. Call at start-up, before serving: with one
 * server process per database, no such request is running any more. Its
 * work was its own transaction, which a crash rolls back; a crash between
 * that commit and the recorded answer is the one case a retry repeats.
 */
export async function clearInterruptedIdempotencyKeys(database: Database): Promise<number> {
  // Across every organization at once: the owner's connection.
  const rows = await queryRows(
    database.unsafeOwner,
    sql`delete from idempotency_keys where status_code is null returning key`,
  );
  return rows.length;
}

/**
 * `Idempotency-Key` on POST: the same key with the same request answers the
 * first response again; with a different request, 422; while the first is
 * still running, 409; after a route's secret was shown (`secretResponse`), 409. Keys are per user and kept 24 hours.
 */
export function registerIdempotency(app: FastifyInstance, database: Database): void {
  app.decorateRequest('idempotencyKey', null);

  // Most requests carry no key: they pass on at once, without a promise (the hooks
  // return one only when there is a key to handle).
  app.addHook('preHandler', (request, reply, done) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.credential) return done();
    return claimFor(request, reply, key);
  });
  // Keys are per user: the caller is looked up before the route's own transaction.
  const claimFor = async (request: FastifyRequest, reply: FastifyReply, key: string | string[]) => {
    const access = await callerOf(database, request);
    if (access) return claim(request, reply, key, access);
  };
  const claim = async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string | string[],
    access: AccessContext,
  ) => {
    if (typeof key !== 'string' || !keyPattern.test(key)) {
      throw new AppError('bad_request', 'Idempotency-Key must be 1–200 visible ASCII characters');
    }
    const { orgId, userId } = access.actor;
    const body = request.body instanceof Readable ? request.body : null;
    const hash = body ? streamPlaceholder : requestHash(request);
    const existing = await withOrg(database.db, orgId, async (tx) => {
      await tx.execute(sql`delete from idempotency_keys where org_id = ${orgId} and user_id = ${userId}
                            and key = ${key} and created_at < now() - interval '24 hours'`);
      const inserted = await queryRows(
        tx,
        sql`insert into idempotency_keys (org_id, user_id, key, request_hash)
                            values (${orgId}, ${userId}, ${key}, ${hash}) on conflict do nothing returning key`,
      );
      if (inserted.length > 0) return null;
      const [row] = await queryRows<Stored>(
        tx,
        sql`select request_hash, status_code, response_type, response_body
                            from idempotency_keys where org_id = ${orgId} and user_id = ${userId} and key = ${key}`,
      );
      return row ?? null;
    });
    if (existing === null) {
      request.idempotencyKey = key;
      if (body) hashWhileRead(request, body);
      return;
    }
    const inFlight = () =>
      new AppError('conflict', 'A request with this Idempotency-Key is still being processed');
    // A streamed first request's hash is known only once it has finished.
    if (body && existing.status_code === null) throw inFlight();
    const sameRequest = body
      ? (await hashRetry(request, body, existing.request_hash)) === existing.request_hash
      : existing.request_hash === hash;
    if (!sameRequest) {
      throw new AppError('validation', 'This Idempotency-Key was used with a different request', {
        errors: [{ path: 'header.idempotency-key', message: 'reused with a different request' }],
      });
    }
    if (existing.status_code === null) throw inFlight();
    if (existing.response_body === null && keepsNoCopy(request, existing.status_code)) {
      throw new AppError(
        'conflict',
        'The answer to this Idempotency-Key held a secret, which is shown once and not kept; ' +
          'create a new one if it was lost',
      );
    }
    return reply
      .code(existing.status_code)
      .header('idempotent-replayed', 'true')
      .type(existing.response_type ?? 'application/json')
      .send(existing.response_body ?? '');
  };

  app.addHook('onSend', (request, reply, payload, done) => {
    const key = request.idempotencyKey;
    if (!key || !request.access) return done(null, payload);
    return store(request, reply, payload, key, request.access);
  });
  const store = async (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    key: string,
    access: AccessContext,
  ) => {
    const { orgId, userId } = access.actor;
    // A streamed body's hash, or null when the route answered without reading it all.
    const streamHash = streamHashes.get(request);
    const hash = streamHash ? streamHash() : undefined;
    // A failure is not an answer, and an unread upload leaves nothing to compare
    // a retry with: either way the key is let go and a retry runs again.
    if (reply.statusCode >= 500 || hash === null) {
      await withOrg(database.db, orgId, (tx) =>
        tx.execute(
          sql`delete from idempotency_keys where org_id = ${orgId} and user_id = ${userId} and key = ${key}`,
        ),
      );
      return payload;
    }
    // A secret is never kept at rest: the retry learns it was shown once (409).
    const body = keepsNoCopy(request, reply.statusCode)
      ? null
      : typeof payload === 'string'
        ? payload
        : payload == null
          ? ''
          : String(payload);
    const type = String(reply.getHeader('content-type') ?? 'application/json');
    await withOrg(database.db, orgId, (tx) =>
      tx.execute(sql`update idempotency_keys set status_code = ${reply.statusCode}, response_type = ${type},
                      response_body = ${body}, request_hash = coalesce(${hash ?? null}, request_hash)
                      where org_id = ${orgId} and user_id = ${userId} and key = ${key}`),
    );
    return payload;
  };
}
