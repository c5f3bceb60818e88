import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { emptyBody, etag, expectedVersion, idParams, listOf, problems } from '../shared/schemas.js';
import { timelineRoutes } from '../activities/routes.js';
import {
  commitBody,
  contactSchema,
  contactStatsSchema,
  createContactBody,
  linkCustomerBody,
  listContactsQuery,
  updateContactBody,
} from './schema.js';
import * as service from './service.js';

/**
 * Sends an answer that is already its route's response-schema JSON text
 * (a page written by PostgreSQL, see rowJson) as it is. The tests hold it
 * to the same shape as the schema's serializer writes.
 */
export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .serializer((payload: unknown) => payload as string)
    .send(json);
}

export const contactRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['contacts'];
  app.get('/contacts', {
    schema: {
      tags,
      summary: 'Search and filter the contacts you can read',
      querystring: listContactsQuery,
      response: { 200: listOf(contactSchema), ...problems },
    },
    handler: async (request, reply) => {
      const page = await inRequestOrg(database, request, (tx, ctx) =>
        service.listContacts(tx, ctx, request.query),
      );
      return sendJson(reply, page);
    },
  });

  app.get('/contacts/stats', {
    schema: {
      tags,
      summary: 'Counts by status and type over the contacts you can read',
      response: { 200: contactStatsSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => service.contactStats(tx, ctx));
    },
  });

  app.post('/contacts', {
    schema: {
      tags,
      summary: 'Create a contact',
      body: createContactBody,
      response: { 201: contactSchema, ...problems },
    },
    handler: async (request, reply) => {
      const contact = await inRequestOrg(database, request, (tx, ctx) =>
        service.createContact(tx, ctx, request.body),
      );
      return reply.code(201).header('etag', etag(contact.version)).send(contact);
    },
  });

  app.get('/contacts/:id', {
    schema: {
      tags,
      summary: 'One contact (ETag carries its version)',
      params: idParams,
      response: { 200: contactSchema, ...problems },
    },
    handler: async (request, reply) => {
      const contact = await inRequestOrg(database, request, (tx, ctx) =>
        service.getContact(tx, ctx, request.params.id),
      );
      return reply.header('etag', etag(contact.version)).send(contact);
    },
  });

  app.patch('/contacts/:id', {
    schema: {
      tags,
      summary: 'Change a contact; send If-Match with its version to avoid overwriting',
      params: idParams,
      body: updateContactBody,
      response: { 200: contactSchema, ...problems },
    },
    handler: async (request, reply) => {
      const contact = await inRequestOrg(database, request, (tx, ctx) =>
        service.updateContact(
          tx,
          ctx,
          request.params.id,
          request.body,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(contact.version)).send(contact);
    },
  });

  app.delete('/contacts/:id', {
    schema: {
      tags,
      summary: 'Delete a contact (its timeline stays)',
      params: idParams,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await inRequestOrg(database, request, (tx, ctx) =>
        service.deleteContact(
          tx,
          ctx,
          request.params.id,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.code(204).send(null);
    },
  });

  app.post('/contacts/:id/commit', {
    schema: {
      tags,
      summary: 'Commit a contact up (individual → partner → organization); permanent',
      params: idParams,
      body: commitBody,
      response: { 200: contactSchema, ...problems },
    },
    handler: async (request, reply) => {
      const contact = await inRequestOrg(database, request, (tx, ctx) =>
        service.commitContact(
          tx,
          ctx,
          request.params.id,
          request.body.visibility,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(contact.version)).send(contact);
    },
  });

  app.post('/contacts/:id/link-customer', {
    schema: {
      tags,
      summary: 'Link a contact to a platform customer',
      params: idParams,
      body: linkCustomerBody,
      response: { 200: contactSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.linkCustomer(tx, ctx, request.params.id, request.body.customerId),
      );
    },
  });

  app.delete('/contacts/:id/link-customer', {
    schema: {
      tags,
      summary: 'Unlink a contact from its platform customer',
      params: idParams,
      response: { 200: contactSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.linkCustomer(tx, ctx, request.params.id, null),
      );
    },
  });

  await app.register(
    timelineRoutes({
      collection: 'contacts',
      resolve: async (tx, ctx, id) => ({
        contactId: (await service.getReadableContact(tx, ctx, id)).id,
      }),
    }),
    { database },
  );
};
