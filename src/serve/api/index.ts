/* Every route of the JSON API, and the OpenAPI document made from their schemas. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { registerDeliveryRoutes } from './deliveries.js';
import { registerEditionRoutes } from './editions.js';
import { registerHealthRoute } from './health.js';
import { registerJobRoutes } from './jobs.js';

export async function registerApi(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await registerHealthRoute(app, ctx);
  await registerJobRoutes(app, ctx);
  await registerEditionRoutes(app, ctx);
  await registerDeliveryRoutes(app, ctx);
  app.get(
    '/api/openapi.json',
    { schema: { summary: 'This document: the API as OpenAPI 3', tags: ['meta'], security: [], response: { 200: { type: 'object', additionalProperties: true } } } },
    async () => app.swagger(),
  );
}
