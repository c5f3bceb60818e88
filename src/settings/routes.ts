import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Database } from '../db/client.js';
import { inRequestOrg } from '../access/caller.js';
import { etag, expectedVersion, problems } from '../shared/schemas.js';
import { settingsSchema, updateSettingsBody } from './schema.js';
import * as service from './service.js';

export const settingsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const tags = ['settings'];
  app.get('/crm/settings', {
    schema: {
      tags,
      summary: 'CRM settings (org admins)',
      response: { 200: settingsSchema, ...problems },
    },
    handler: async (request, reply) => {
      const settings = await inRequestOrg(database, request, (tx, ctx) =>
        service.getSettings(tx, ctx),
      );
      return reply.header('etag', etag(settings.version)).send(settings);
    },
  });
  app.patch('/crm/settings', {
    schema: {
      tags,
      summary: 'Change CRM settings (org admins); they apply to new records',
      body: updateSettingsBody,
      response: { 200: settingsSchema, ...problems },
    },
    handler: async (request, reply) => {
      const settings = await inRequestOrg(database, request, (tx, ctx) =>
        service.updateSettings(tx, ctx, request.body, expectedVersion(request.headers['if-match'])),
      );
      return reply.header('etag', etag(settings.version)).send(settings);
    },
  });
};
