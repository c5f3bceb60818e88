import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { emptyBody, etag, expectedVersion, idParams, problems } from '../shared/schemas.js';
import {
  createStageBody,
  listStagesQuery,
  reorderStagesBody,
  stageListSchema,
  stageSchema,
  updateStageBody,
} from './schema.js';
import * as service from './service.js';

export const stageRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['stages'];
  app.get('/stages', {
    schema: {
      tags,
      summary: 'The pipeline stages in order (deleted ones too with ?includeInactive=true)',
      querystring: listStagesQuery,
      response: { 200: stageListSchema, ...problems },
    },
    handler: async (request) => {
      const data = await inRequestOrg(database, request, (tx, ctx) =>
        service.listStages(tx, ctx, request.query.includeInactive),
      );
      return { data };
    },
  });

  app.post('/stages', {
    schema: {
      tags,
      summary: 'Add a stage (org admins); the slug is made from the name',
      body: createStageBody,
      response: { 201: stageSchema, ...problems },
    },
    handler: async (request, reply) => {
      const stage = await inRequestOrg(database, request, (tx, ctx) =>
        service.createStage(tx, ctx, request.body),
      );
      return reply.code(201).header('etag', etag(stage.version)).send(stage);
    },
  });

  app.post('/stages/reorder', {
    schema: {
      tags,
      summary: 'Set the order of the pipeline: every active stage id exactly once (org admins)',
      body: reorderStagesBody,
      response: { 200: stageListSchema, ...problems },
    },
    handler: async (request) => {
      const data = await inRequestOrg(database, request, (tx, ctx) =>
        service.reorderStages(tx, ctx, request.body.ids),
      );
      return { data };
    },
  });

  app.patch('/stages/:id', {
    schema: {
      tags,
      summary: 'Rename, recolor or change a stage (org admins)',
      params: idParams,
      body: updateStageBody,
      response: { 200: stageSchema, ...problems },
    },
    handler: async (request, reply) => {
      const stage = await inRequestOrg(database, request, (tx, ctx) =>
        service.updateStage(
          tx,
          ctx,
          request.params.id,
          request.body,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(stage.version)).send(stage);
    },
  });

  app.delete('/stages/:id', {
    schema: {
      tags,
      summary: 'Delete a stage (soft); refused with 409 while any deal is in it',
      params: idParams,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await inRequestOrg(database, request, (tx, ctx) =>
        service.deleteStage(
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
