/*
 * The pages of `briefing serve`: server-rendered HTML that works without JavaScript (a little of it, from
 * /assets/app.js, makes the job page live). Every page is drawn from the same store, files and job runner as the API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { problemOf } from '../problem.js';
import { safeNext } from '../security.js';
import { registerDeliveryPages } from './delivery-routes.js';
import { registerEditionPages } from './edition-routes.js';
import { registerJobPages } from './job-routes.js';
import { sendErrorPage, sendNotFound, sendPage } from './page.js';
import { registerThemePages } from './theme-routes.js';
import { APP_TEMPLATES_DIR } from './views.js';

const ASSETS: Record<string, { type: string; body: Buffer }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(APP_TEMPLATES_DIR, 'app.css')) },
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(APP_TEMPLATES_DIR, 'app.js')) },
};

export async function registerPages(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/assets/:file', { schema: { hide: true } as object }, async (request, reply) => {
    const asset = ASSETS[(request.params as { file: string }).file];
    if (!asset) return sendNotFound(ctx, request, reply, 'There is no such file.');
    return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
  });

  app.get('/signin', { schema: { hide: true } as object }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNext(typeof query.next === 'string' ? query.next : '/');
    // Nobody needs to sign in when no token is configured: everyone on this (loopback) server is the admin.
    if (ctx.config.server.tokens.length === 0 || request.principal) return reply.code(303).header('location', next).send();
    return sendPage(ctx, request, reply, 'signin', { title: 'Sign in' }, { next, failed: query.failed === '1' });
  });

  // The pages in a scope of their own, so a failure (an expired form, a broken upload) answers a page, not JSON.
  await app.register(async (pages) => {
    pages.setErrorHandler((error, request, reply) => {
      const problem = problemOf(error, ctx.config.server);
      if (problem.unexpected) ctx.log({ event: 'http.error', level: 'error', method: request.method, url: request.url, message: (error as Error)?.stack ?? String(error) });
      for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
      const messages = [problem.status === 403 && /csrf/i.test(String((error as Error)?.message)) ? 'The form had expired or was sent from another site. Go back, reload the page and send it again.' : problem.detail];
      return sendErrorPage(ctx, request, reply, problem.status, problem.title, messages, { href: '/', label: 'Back to today\'s briefings' });
    });
    await registerEditionPages(pages, ctx);
    await registerJobPages(pages, ctx);
    await registerDeliveryPages(pages, ctx);
    await registerThemePages(pages, ctx);
  });
}

/** The HTML 404 for any path outside /api/ (the app's notFound option). */
export function renderNotFoundPage(ctx: ServerContext): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  return (request, reply) => sendNotFound(ctx, request, reply, `Nothing is at ${request.url.split('?')[0]}.`);
}
