import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { authRoutes } from '../auth/routes.js';
import { customerRoutes } from '../customers/routes.js';
import { orgRoutes } from '../orgs/routes.js';
import { partnerRoutes } from '../partners/routes.js';
import { settingsRoutes } from '../settings/routes.js';
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
};
