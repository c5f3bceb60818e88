import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { problems } from '../shared/schemas.js';
import { lessonParams, recordBody, recordResultSchema, trainingSchema } from './schema.js';
import * as service from './service.js';

export const trainingRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['training'];
  app.get('/training', {
    schema: {
      tags,
      summary: 'The CRM training course and your progress, score and stars',
      response: { 200: trainingSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => service.getTraining(tx, ctx));
    },
  });

  app.post('/training/:lessonId', {
    schema: {
      tags,
      summary: 'Complete a lesson and/or answer its quiz (the first answer counts)',
      params: lessonParams,
      body: recordBody,
      response: { 200: recordResultSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.recordLesson(tx, ctx, request.params.lessonId, request.body),
      );
    },
  });
};
