import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { problems } from '../shared/schemas.js';
import { createCustomerBody, customerSchema } from './schema.js';
import * as service from './service.js';
import { caps } from '../orgs/caps.js';

export const customerRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['customers'];
  app.get('/customers', {
    schema: {
      tags,
      summary: 'Platform customers a contact can be linked to',
      response: {
        200: z.object({ data: z.array(customerSchema).max(caps.customers) }),
        ...problems,
      },
    },
    handler: async (request) => {
      return {
        data: await inRequestOrg(database, request, (tx, ctx) => service.listCustomers(tx, ctx)),
      };
    },
  });
  app.post('/customers', {
    schema: {
      tags,
      summary: 'Add a platform customer (org staff)',
      body: createCustomerBody,
      response: { 201: customerSchema, ...problems },
    },
    handler: async (request, reply) => {
      const customer = await inRequestOrg(database, request, (tx, ctx) =>
        service.createCustomer(tx, ctx, request.body),
      );
      return reply.code(201).send(customer);
    },
  });
};
