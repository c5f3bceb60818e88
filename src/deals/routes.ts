import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { timelineRoutes } from '../activities/routes.js';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { emptyBody, etag, expectedVersion, idParams, listOf, problems } from '../shared/schemas.js';
import { dealStats, pipeline } from './board.js';
import { moveDeal } from './move.js';
import {
  commitDealBody,
  createDealBody,
  dealSchema,
  dealStatsSchema,
  listDealsQuery,
  moveDealBody,
  pipelineQuery,
  pipelineSchema,
  statsQuery,
  updateDealBody,
} from './schema.js';
import * as service from './service.js';

export const dealRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['deals'];
  app.get('/pipeline', {
    schema: {
      tags,
      summary: 'The kanban board: active stages in order, each with its first readable deals',
      querystring: pipelineQuery,
      response: { 200: pipelineSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => pipeline(tx, ctx, request.query));
    },
  });

  app.get('/deals', {
    schema: {
      tags,
      summary: 'Filter the deals you can read (board order with stageId, newest first otherwise)',
      querystring: listDealsQuery,
      response: { 200: listOf(dealSchema), ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        service.listDeals(tx, ctx, request.query),
      );
    },
  });

  app.get('/deals/stats', {
    schema: {
      tags,
      summary: 'Pipeline value, weighted value, win rate and more over the deals you can read',
      querystring: statsQuery,
      response: { 200: dealStatsSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        dealStats(tx, ctx, request.query.currency),
      );
    },
  });

  app.post('/deals', {
    schema: {
      tags,
      summary: 'Create a deal for a contact you can read',
      body: createDealBody,
      response: { 201: dealSchema, ...problems },
    },
    handler: async (request, reply) => {
      const deal = await inRequestOrg(database, request, (tx, ctx) =>
        service.createDeal(tx, ctx, request.body),
      );
      return reply.code(201).header('etag', etag(deal.version)).send(deal);
    },
  });

  app.get('/deals/:id', {
    schema: {
      tags,
      summary: 'One deal (ETag carries its version)',
      params: idParams,
      response: { 200: dealSchema, ...problems },
    },
    handler: async (request, reply) => {
      const deal = await inRequestOrg(database, request, (tx, ctx) =>
        service.getDeal(tx, ctx, request.params.id),
      );
      return reply.header('etag', etag(deal.version)).send(deal);
    },
  });

  app.patch('/deals/:id', {
    schema: {
      tags,
      summary: 'Change a deal; send If-Match with its version to avoid overwriting',
      params: idParams,
      body: updateDealBody,
      response: { 200: dealSchema, ...problems },
    },
    handler: async (request, reply) => {
      const deal = await inRequestOrg(database, request, (tx, ctx) =>
        service.updateDeal(
          tx,
          ctx,
          request.params.id,
          request.body,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(deal.version)).send(deal);
    },
  });

  app.delete('/deals/:id', {
    schema: {
      tags,
      summary: 'Delete a deal (org admins; its timeline stays)',
      params: idParams,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await inRequestOrg(database, request, (tx, ctx) =>
        service.deleteDeal(
          tx,
          ctx,
          request.params.id,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.code(204).send(null);
    },
  });

  app.post('/deals/:id/move', {
    schema: {
      tags,
      summary: 'Move a deal to a stage, before or after another deal of it (or at the end)',
      params: idParams,
      body: moveDealBody,
      response: { 200: dealSchema, ...problems },
    },
    handler: async (request, reply) => {
      const deal = await inRequestOrg(database, request, (tx, ctx) =>
        moveDeal(
          tx,
          ctx,
          request.params.id,
          request.body,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(deal.version)).send(deal);
    },
  });

  app.post('/deals/:id/commit', {
    schema: {
      tags,
      summary: 'Commit a deal up (individual → partner → organization); permanent',
      params: idParams,
      body: commitDealBody,
      response: { 200: dealSchema, ...problems },
    },
    handler: async (request, reply) => {
      const deal = await inRequestOrg(database, request, (tx, ctx) =>
        service.commitDeal(
          tx,
          ctx,
          request.params.id,
          request.body.visibility,
          expectedVersion(request.headers['if-match']),
        ),
      );
      return reply.header('etag', etag(deal.version)).send(deal);
    },
  });

  await app.register(
    timelineRoutes({
      collection: 'deals',
      resolve: async (tx, ctx, id) =>
        service.dealTarget(await service.getReadableDeal(tx, ctx, id)),
    }),
    { database },
  );
};
