import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, withOrg, type Database } from '../db/client.js';
import { AppError } from './errors.js';

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

/**
 * `Idempotency-Key` on POST: the same key with the same request answers the
 * first response again; with a different request, 422; while the first is
 * still running, 409. Keys are per user and kept 24 hours.
 */
export function registerIdempotency(app: FastifyInstance, database: Database): void {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.access) return;
    if (typeof key !== 'string' || !keyPattern.test(key)) {
      throw new AppError('bad_request', 'Idempotency-Key must be 1–200 visible ASCII characters');
    }
    const { orgId, userId } = request.access.actor;
    const hash = requestHash(request);
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
      return;
    }
    if (existing.request_hash !== hash) {
      throw new AppError('validation', 'This Idempotency-Key was used with a different request', {
        errors: [{ path: 'header.idempotency-key', message: 'reused with a different request' }],
      });
    }
    if (existing.status_code === null) {
      throw new AppError(
        'conflict',
        'A request with this Idempotency-Key is still being processed',
      );
    }
    return reply
      .code(existing.status_code)
      .header('idempotent-replayed', 'true')
      .type(existing.response_type ?? 'application/json')
      .send(existing.response_body ?? '');
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const key = request.idempotencyKey;
    if (!key || !request.access) return payload;
    const { orgId, userId } = request.access.actor;
    if (reply.statusCode >= 500) {
      // A failure is not an answer: let the client retry with the same key.
      await withOrg(database.db, orgId, (tx) =>
        tx.execute(
          sql`delete from idempotency_keys where org_id = ${orgId} and user_id = ${userId} and key = ${key}`,
        ),
      );
      return payload;
    }
    const body = typeof payload === 'string' ? payload : payload == null ? '' : String(payload);
    const type = String(reply.getHeader('content-type') ?? 'application/json');
    await withOrg(database.db, orgId, (tx) =>
      tx.execute(sql`update idempotency_keys set status_code = ${reply.statusCode}, response_type = ${type},
                      response_body = ${body} where org_id = ${orgId} and user_id = ${userId} and key = ${key}`),
    );
    return payload;
  });
}
