/* GET /healthz for monitors (no auth): the process answers, the database reads, the browser pool's numbers. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

export async function registerHealthRoute(app: FastifyInstance, ctx: ServerContext, started = Date.now()): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the database, the browser pool and the job queue',
        tags: ['health'],
        security: [],
        response: {
          200: healthSchema,
          503: healthSchema,
        },
      },
    },
    async (_request, reply) => {
      let database: { ok: boolean; error?: string };
      try {
        await ctx.store.read((db) => db.get('SELECT 1 AS ok'));
        database = { ok: true };
      } catch (error) {
        database = { ok: false, error: (error as Error).message };
      }
      // Blocked URLs come from article text: not for an unauthenticated monitor.
      const { recentBlockedUrls: _urls, ...stats } = ctx.browser.stats();
      const body = {
        status: database.ok ? 'ok' : 'failing',
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database,
        browser: { running: ctx.browser.running, stats },
        jobs: ctx.jobs.stats(),
      };
      return reply.code(database.ok ? 200 : 503).header('cache-control', 'no-store').send(body);
    },
  );
}

const healthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'failing'] },
    uptimeSeconds: { type: 'integer' },
    database: { type: 'object', properties: { ok: { type: 'boolean' }, error: { type: 'string' } } },
    browser: { type: 'object', properties: { running: { type: 'boolean' }, stats: { type: 'object', additionalProperties: true } } },
    jobs: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;
