import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { callerOf } from './caller.js';
import { AppError } from '../shared/errors.js';

export type RateLimit = { max: number; windowMs: number };

/**
 * A per-user fixed-window limit for one expensive route (import, export).
 * Keyed by user, never by address: many users share one address behind NAT.
 * In memory, so it is per process; the limits are generous enough that a
 * second process doubling them is harmless.
 */
export function perUserLimit(database: Database, name: string, limit: RateLimit) {
  const windows = new Map<string, { start: number; count: number }>();
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const userId = (await callerOf(database, request))?.actor.userId;
    if (!userId) return;
    const now = Date.now();
    let window = windows.get(userId);
    if (!window || now - window.start >= limit.windowMs) {
      window = { start: now, count: 0 };
      windows.set(userId, window);
      // Forget idle users now and then, so the map stays small.
      if (windows.size > 10_000) {
        for (const [key, w] of windows) if (now - w.start >= limit.windowMs) windows.delete(key);
      }
    }
    window.count++;
    if (window.count > limit.max) {
      const retryAfter = Math.ceil((window.start + limit.windowMs - now) / 1000);
      reply.header('retry-after', String(retryAfter));
      throw new AppError(
        'rate_limited',
        `Too many ${name} requests; try again in ${retryAfter} s`,
        {
          extra: { retryAfter },
        },
      );
    }
  };
}
