import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';

// Placeholder: the routes of this domain are being written.
export const importRoutes: FastifyPluginAsyncZod<{ database: Database }> = async () => {};
