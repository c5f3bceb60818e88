import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { authRoutes } from '../auth/routes.js';
import { contactRoutes } from '../contacts/routes.js';
import { customFieldRoutes } from '../custom-fields/routes.js';
import { customerRoutes } from '../customers/routes.js';
import { dealRoutes } from '../deals/routes.js';
import { importRoutes } from '../imports/routes.js';
import { importMappingRoutes } from '../imports/mappings-routes.js';
import { stageRoutes } from '../stages/routes.js';
import { templateRoutes } from '../templates/routes.js';
import { trainingRoutes } from '../training/routes.js';
import { orgRoutes } from '../orgs/routes.js';
import { partnerRoutes } from '../partners/routes.js';
import { settingsRoutes } from '../settings/routes.js';
import { statsRoutes } from '../stats/routes.js';
import { userRoutes } from '../users/routes.js';

/** Every domain's routes, mounted under /api/v1. */
export const apiRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  options,
) => {
  await app.register(authRoutes, options);
  await app.register(userRoutes, options);
  await app.register(partnerRoutes, options);
  await app.register(orgRoutes, options);
  await app.register(settingsRoutes, options);
  await app.register(customerRoutes, options);
  await app.register(customFieldRoutes, options);
  // Bulk, import and export live under /contacts/… but before /contacts/:id in intent; find-my-way
  // prefers static segments, so the order here does not matter.
  await app.register(importRoutes, options);
  await app.register(importMappingRoutes, options);
  await app.register(contactRoutes, options);
  await app.register(stageRoutes, options);
  await app.register(dealRoutes, options);
  await app.register(templateRoutes, options);
  await app.register(trainingRoutes, options);
  await app.register(statsRoutes, options);
};
