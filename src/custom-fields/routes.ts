import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { emptyBody, idParams, problems } from '../shared/schemas.js';
import { createCustomFieldBody, customFieldSchema, updateCustomFieldBody } from './schema.js';
import * as service from './service.js';
import { caps } from '../orgs/caps.js';

export const customFieldRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['custom fields'];
  app.get('/custom-fields', {
    schema: {
      tags,
      summary: "The organization's custom contact fields",
      response: {
        200: z.object({ data: z.array(customFieldSchema).max(caps.customFields) }),
        ...problems,
      },
    },
    handler: async (request) => {
      return {
        data: await inRequestOrg(database, request, (tx, ctx) => service.listCustomFields(tx, ctx)),
      };
    },
  });
  app.post('/custom-fields', {
    schema: {
      tags,
      summary: 'Define a custom field (org admins; Growth and Scale)',
      body: createCustomFieldBody,
      response: { 201: customFieldSchema, ...problems },
    },
    handler: async (request, reply) => {
      const def = await inRequestOrg(database, request, (tx, ctx) =>
        service.createCustomField(tx, ctx, request.body),
      );
      return reply.code(201).send(def);
    },
  });
  app.patch('/custom-fields/:id', {
    schema: {
      tags,
      summary: 'Relabel a custom field or change its options',
      params: idParams,
      body: updateCustomFieldBody,
      response: { 200: customFieldSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.updateCustomField(tx, ctx, request.params.id, request.body),
      );
    },
  });
  app.delete('/custom-fields/:id', {
    schema: {
      tags,
      summary: 'Remove a custom field definition',
      params: idParams,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await inRequestOrg(database, request, (tx, ctx) =>
        service.deleteCustomField(tx, ctx, request.params.id),
      );
      return reply.code(204).send(null);
    },
  });
};
