import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessContext } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import { type Database, type Tx } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { idParams, listOf, problems } from '../shared/schemas.js';
import { activitySchema, logActivityBody, timelineQuery } from './schema.js';
import * as service from './service.js';

export type TimelineOwner = {
  /** 'contacts' or 'deals': the path segment and the OpenAPI tag. */
  collection: 'contacts' | 'deals';
  /** Loads the record if the caller can read it (404 otherwise) and names the timeline. */
  resolve(tx: Tx, ctx: AccessContext, id: string): Promise<service.ActivityTarget>;
};

/** GET/POST /<collection>/:id/activities for a record kind; the record's read rule guards both. */
export function timelineRoutes(
  owner: TimelineOwner,
): FastifyPluginAsyncZod<{ database: Database }> {
  return async (app, { database }) => {
    const tags = [owner.collection];
    app.get(`/${owner.collection}/:id/activities`, {
      schema: {
        tags,
        summary: 'The activity timeline, newest first',
        params: idParams,
        querystring: timelineQuery,
        response: { 200: listOf(activitySchema), ...problems },
      },
      handler: async (request) => {
        return inRequestOrg(database, request, async (tx, ctx) => {
          const target = await owner.resolve(tx, ctx, request.params.id);
          const subject = target.dealId
            ? { dealId: target.dealId }
            : { contactId: target.contactId! };
          return service.timeline(tx, ctx, subject, request.query);
        });
      },
    });
    app.post(`/${owner.collection}/:id/activities`, {
      schema: {
        tags,
        summary: 'Log a note, e-mail, call or meeting',
        params: idParams,
        body: logActivityBody,
        response: { 201: activitySchema, ...problems },
      },
      handler: async (request, reply) => {
        const activity = await inRequestOrg(database, request, async (tx, ctx) => {
          const target = await owner.resolve(tx, ctx, request.params.id);
          assertCan(ctx, 'activity.log');
          return service.logManual(tx, ctx, target, request.body);
        });
        return reply.code(201).send(activity);
      },
    });
  };
}
