import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { idParams, problems } from '../shared/schemas.js';
import { partnerBody, partnerSchema } from './schema.js';
import * as service from './service.js';
import { caps } from '../orgs/caps.js';

export const partnerRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['partners'];
  app.get('/partners', {
    schema: {
      tags,
      summary: 'List partners (org admins)',
      response: { 200: z.object({ data: z.array(partnerSchema).max(caps.partners) }), ...problems },
    },
    handler: async (request) => {
      return {
        data: await inRequestOrg(database, request, (tx, ctx) => service.listPartners(tx, ctx)),
      };
    },
  });
  app.post('/partners', {
    schema: {
      tags,
      summary: 'Create a partner (reseller)',
      body: partnerBody,
      response: { 201: partnerSchema, ...problems },
    },
    handler: async (request, reply) => {
      const partner = await inRequestOrg(database, request, (tx, ctx) =>
        service.createPartner(tx, ctx, request.body.name),
      );
      return reply.code(201).send(partner);
    },
  });
  app.patch('/partners/:id', {
    schema: {
      tags,
      summary: 'Rename a partner',
      params: idParams,
      body: partnerBody,
      response: { 200: partnerSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.renamePartner(tx, ctx, request.params.id, request.body.name),
      );
    },
  });
};
