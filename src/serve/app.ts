/*
 * The Fastify app of `briefing serve`: security first (principals, sessions, CSRF), strict headers on every answer,
 * errors as problem+json, the JSON API, the OpenAPI document, and the pages the caller registers.
 */
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { programInfo } from '../version.js';
import { registerApi } from './api/index.js';
import type { ServerContext } from './context.js';
import { problemOf, sendProblem } from './problem.js';
import { registerSecurity } from './security.js';

export interface BuildServerOptions {
  /** Registers the pages (the lead's src/serve/pages/); called after the API. */
  pages?: (app: FastifyInstance, ctx: ServerContext) => Promise<void>;
  /** Answers a 404 outside /api/ (an HTML page); /api/ paths always get problem+json. */
  notFound?: (request: FastifyRequest, reply: FastifyReply) => unknown;
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies?: boolean;
  /** Fastify's own request log (off by default: the context's log gets one line per request). */
  logger?: boolean;
}

/**
 * No inline script or style anywhere: pages link /static files. Rendered briefings served as files get their own,
 * still stricter, sandboxed policy (see api/files.ts).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export async function buildServer(ctx: ServerContext, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const server = ctx.config.server;
  const app = Fastify({
    logger: options.logger ?? false,
    // Job ids are UUIDs and file names are long; the default of 100 would turn a long one into a 404.
    routerOptions: { maxParamLength: 500 },
    bodyLimit: 2 * 1024 * 1024,
    // Errors before routing (a malformed URL, a bad content type) get the same problem+json as the rest.
    frameworkErrors: (error, _request, reply) => {
      const found = problemOf(error, server);
      return sendProblem(reply, found.status, found.title, found.detail, found.headers);
    },
    // Fastify's schema validation coerces query strings; bodies stay as sent.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
  });
  app.addHook('onResponse', async (request, reply) => {
    ctx.log({ event: 'http.request', method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime), principal: request.principal?.name });
  });

  app.setErrorHandler((error, request, reply) => {
    const found = problemOf(error, server);
    if (found.unexpected) ctx.log({ event: 'http.error', level: 'error', method: request.method, url: request.url, message: (error as Error)?.stack ?? String(error) });
    return sendProblem(reply, found.status, found.title, found.detail, found.headers);
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.notFound && !request.url.startsWith('/api/') && request.url !== '/api') return options.notFound(request, reply);
    return sendProblem(reply, 404, 'Not found', `nothing is at ${request.method} ${request.url.split('?')[0]}; see /api/openapi.json for the API's routes.`);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'briefing API', version: programInfo().version, description: 'Daily briefings on demand: make one from files or URLs, run an edition, read the archive and the outbox.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await registerSecurity(app, { tokens: server.tokens, sessionSecret: server.sessionSecret, secureCookies: options.secureCookies });
  await app.register(fastifyMultipart, {
    limits: { fileSize: server.maxUploadBytes, files: server.maxUploadFiles, fields: 100 },
  });
  await registerApi(app, ctx);
  if (options.pages) await options.pages(app, ctx);
  return app;
}
