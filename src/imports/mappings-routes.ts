import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestOrg } from '../access/caller.js';
import type { Database } from '../db/client.js';
import { emptyBody, etag, expectedVersion, idParams, problems } from '../shared/schemas.js';
import {
  createImportMappingBody,
  importMappingList,
  importMappingSchema,
  updateImportMappingBody,
} from './mappings-schema.js';
import * as service from './mappings-service.js';

/** Saved column mappings of the import: whoever may import keeps and reuses them. */
export const importMappingRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['contacts'];
  app.get('/import-mappings', {
    schema: {
      tags,
      summary:
        "Saved import mappings you may use, by name (partners: the staff's and their own partner's)",
      response: { 200: importMappingList, ...problems },
    },
    handler: async (request) => {
      return {
        data: await inRequestOrg(database, request, (tx, ctx) =>
          service.listImportMappings(tx, ctx),
        ),
      };
    },
  });

  app.post('/import-mappings', {
    schema: {
      tags,
      summary: 'Save a column mapping under a name unique in the organization (case-insensitive)',
      body: createImportMappingBody,
      response: { 201: importMappingSchema, ...problems },
    },
    handler: async (request, reply) => {
      const mapping = await inRequestOrg(database, request, (tx, ctx) =>
        service.createImportMapping(tx, ctx, request.body),
      );
      return reply.code(201).header('etag', etag(mapping.version)).send(mapping);
    },
  });

  app.get('/import-mappings/:id', {
    schema: {
      tags,
      summary: 'One saved import mapping (ETag carries its version)',
      params: idParams,
      response: { 200: importMappingSchema, ...problems },
    },
    handler: async (request, reply) => {
      const mapping = await inRequestOrg(database, request, (tx, ctx) =>
        service.getImportMapping(tx, ctx, request.params.id),
      );
      return reply.header('etag', etag(mapping.version)).send(mapping);
    },
  });

  app.patch('/import-mappings/:id', {
    schema: {
      tags,
      summary:
        'Rename a saved mapping or replace its mapping whole; send If-Match with its version to avoid overwriting',
      params: idParams,
      body: updateImportMappingBody,
      response: { 200: importMappingSchema, ...problems },
    },
    handler: async (request, reply) => {
      const mapping = await inRequestOrg(database, request, (tx, ctx) =>
        service.updateImportMapping(
          tx,
          ctx,
          request.params.id,
          request.body,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(mapping.version)).send(mapping);
    },
  });

  app.delete('/import-mappings/:id', {
    schema: {
      tags,
      summary: 'Delete a saved import mapping',
      params: idParams,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await inRequestOrg(database, request, (tx, ctx) =>
        service.deleteImportMapping(
          tx,
          ctx,
          request.params.id,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.code(204).send(null);
    },
  });
};
