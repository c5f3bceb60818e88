import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { problems } from '../shared/schemas.js';
import { orgSchema, updateOrgBody } from './schema.js';
import * as service from './service.js';

export const orgRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['organization'];
  app.get('/org', {
    schema: {
      tags,
      summary: 'The organization, its plan, usage and limits',
      response: { 200: orgSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => service.getOrg(tx, ctx));
    },
  });
  app.patch('/org', {
    schema: {
      tags,
      summary: 'Rename the organization (admins) or change its plan (owner)',
      body: updateOrgBody,
      response: { 200: orgSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => service.updateOrg(tx, ctx, request.body));
    },
  });
};
