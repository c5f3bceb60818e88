import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Database } from '../db/client.js';
import { inRequestOrg, requireCaller } from '../access/caller.js';
import { emptyBody, etag, expectedVersion, idParams, listOf, problems } from '../shared/schemas.js';
import { variableCatalog } from './render.js';
import {
  createTemplateBody,
  listTemplatesQuery,
  previewBody,
  renderedSchema,
  templateSchema,
  updateTemplateBody,
  usedSchema,
  useBody,
  variableCatalogSchema,
} from './schema.js';
import * as service from './service.js';

export const templateRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['templates'];
  app.get('/templates', {
    schema: {
      tags,
      summary: 'Your own and shared templates (all of them for org admins), most used first',
      querystring: listTemplatesQuery,
      response: { 200: listOf(templateSchema), ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.listTemplates(tx, ctx, request.query),
      );
    },
  });

  app.get('/templates/variables', {
    schema: {
      tags,
      summary: 'The variables a template may use, with examples, for editors',
      response: { 200: variableCatalogSchema, ...problems },
    },
    handler: async (request) => {
      await requireCaller(database, request);
      return { data: variableCatalog.map((v) => ({ ...v })) };
    },
  });

  app.post('/templates', {
    schema: {
      tags,
      summary: 'Create a template; unknown variables or broken braces are refused (422)',
      body: createTemplateBody,
      response: { 201: templateSchema, ...problems },
    },
    handler: async (request, reply) => {
      const template = await inRequestOrg(database, request, (tx, ctx) =>
        service.createTemplate(tx, ctx, request.body),
      );
      return reply.code(201).header('etag', etag(template.version)).send(template);
    },
  });

  app.get('/templates/:id', {
    schema: {
      tags,
      summary: 'One template (ETag carries its version)',
      params: idParams,
      response: { 200: templateSchema, ...problems },
    },
    handler: async (request, reply) => {
      const template = await inRequestOrg(database, request, (tx, ctx) =>
        service.getTemplate(tx, ctx, request.params.id),
      );
      return reply.header('etag', etag(template.version)).send(template);
    },
  });

  app.patch('/templates/:id', {
    schema: {
      tags,
      summary: 'Change a template; send If-Match with its version to avoid overwriting',
      params: idParams,
      body: updateTemplateBody,
      response: { 200: templateSchema, ...problems },
    },
    handler: async (request, reply) => {
      const template = await inRequestOrg(database, request, (tx, ctx) =>
        service.updateTemplate(
          tx,
          ctx,
          request.params.id,
          request.body,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(template.version)).send(template);
    },
  });

  app.delete('/templates/:id', {
    schema: {
      tags,
      summary: 'Delete a template',
      params: idParams,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await inRequestOrg(database, request, (tx, ctx) =>
        service.deleteTemplate(
          tx,
          ctx,
          request.params.id,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.code(204).send(null);
    },
  });

  app.post('/templates/:id/preview', {
    schema: {
      tags,
      summary: "Render with a contact's and/or a deal's real data (nothing is recorded)",
      params: idParams,
      body: previewBody,
      response: { 200: renderedSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.previewTemplate(tx, ctx, request.params.id, request.body),
      );
    },
  });

  app.post('/templates/:id/use', {
    schema: {
      tags,
      summary: 'Render for a contact (and deal), count the use and log template_used',
      params: idParams,
      body: useBody,
      response: { 200: usedSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.useTemplate(tx, ctx, request.params.id, request.body),
      );
    },
  });
};
