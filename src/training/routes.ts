import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';

// Placeholder: the training progress routes are being written.
export const trainingRoutes: FastifyPluginAsyncZod<{ database: Database }> = async () => {};
