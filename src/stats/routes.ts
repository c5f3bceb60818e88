import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestOrg } from '../access/caller.js';
import { type Database } from '../db/client.js';
import { problems } from '../shared/schemas.js';
import { gettingStartedSchema } from './schema.js';
import { gettingStarted } from './service.js';

export const statsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get('/stats/getting-started', {
    schema: {
      tags: ['stats'],
      summary:
        "The organization's first steps, for the dashboard checklist (org admins): is there a contact, a deal, a logged activity, a template, a second user, a customized pipeline?",
      response: { 200: gettingStartedSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => gettingStarted(tx, ctx));
    },
  });
};
