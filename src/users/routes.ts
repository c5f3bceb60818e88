import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { idParams, problems } from '../shared/schemas.js';
import { createUserBody, updateUserBody, userSchema } from './schema.js';
import * as service from './service.js';
import { caps } from '../orgs/caps.js';

export const userRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['users'];
  app.get('/users', {
    schema: {
      tags,
      summary: 'List the users of the organization (org admins)',
      response: { 200: z.object({ data: z.array(userSchema).max(caps.users) }), ...problems },
    },
    handler: async (request) => {
      return {
        data: await inRequestOrg(database, request, (tx, ctx) => service.listUsers(tx, ctx)),
      };
    },
  });
  app.post('/users', {
    schema: {
      tags,
      summary: 'Add a user (org admins)',
      body: createUserBody,
      response: { 201: userSchema, ...problems },
    },
    handler: async (request, reply) => {
      const user = await inRequestOrg(database, request, (tx, ctx) =>
        service.createUser(tx, ctx, request.body),
      );
      return reply.code(201).send(user);
    },
  });
  app.patch('/users/:id', {
    schema: {
      tags,
      summary: 'Change a user; `active: false` signs them out everywhere (org admins)',
      params: idParams,
      body: updateUserBody,
      response: { 200: userSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.updateUser(tx, ctx, request.params.id, request.body),
      );
    },
  });
};
