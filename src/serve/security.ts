/*
 * Who may do what on `briefing serve`, in one place for the API and the pages.
 *
 * - A principal comes from a bearer token (scripts) or a signed session cookie (people who signed in with a token on
 *   the sign-in page). With no token configured the server only listens on loopback (cli/serve.ts refuses otherwise)
 *   and everyone is the admin "local".
 * - Form posts carry a CSRF token (@fastify/csrf-protection, its secret in a cookie): a hidden `_csrf` field for
 *   url-encoded forms, `?_csrf=` on the action of multipart forms (their body is read later, by the route), or an
 *   X-CSRF-Token header. A request with none of the headers a browser sends on a post (Cookie, Origin,
 *   Sec-Fetch-Site) cannot be a forged browser request, and neither can one with an Authorization header: both are
 *   exempt, so `curl` and scripts need no token dance.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ServerToken } from '../config/index.js';
import type { Principal, Scope } from './context.js';
import { ProblemError } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; undefined when not signed in (only possible when tokens are configured). */
    principal?: Principal;
    /** An Authorization header was sent and not accepted. */
    tokenRejected?: boolean;
  }
}

export interface SecurityOptions {
  tokens: ServerToken[];
  /** Signs the session cookie; a random one per process when absent. */
  sessionSecret?: string;
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies?: boolean;
  /** How long a sign-in lasts. */
  sessionHours?: number;
  now?: () => Date;
}

export const SESSION_COOKIE = 'briefing_session';
const LOCAL: Principal = { name: 'local', scope: 'admin' };
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const sessionMs = (options.sessionHours ?? 12) * 3_600_000;
  const tokens = options.tokens.map((t) => ({ ...t, digest: digest(t.token) }));
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies ?? false };

  await app.register(fastifyCookie, { secret: options.sessionSecret ?? randomBytes(32).toString('hex') });
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    cookieOpts: { ...cookieOptions, signed: true },
    getToken: (request) => csrfTokenOf(request),
  });

  app.decorateRequest('principal', undefined);
  app.decorateRequest('tokenRejected', false);

  app.addHook('onRequest', async (request) => {
    if (tokens.length === 0) {
      request.principal = LOCAL;
      return;
    }
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const found = match ? findToken(tokens, match[1]!) : undefined;
      if (found) request.principal = { name: found.name, scope: found.scope };
      else request.tokenRejected = true;
      return;
    }
    const session = readSession(request, now());
    const known = session && tokens.find((t) => t.name === session.name && t.scope === session.scope);
    // A token removed from the configuration ends the sessions it opened at the next restart.
    if (known) request.principal = { name: known.name, scope: known.scope };
  });

  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || !needsCsrf(request)) return done();
    app.csrfProtection(request, reply, done);
  });

  app.post('/signin', { schema: { hide: true } as object }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(typeof body.next === 'string' ? body.next : '/');
    const given = typeof body.token === 'string' ? body.token.trim() : '';
    const found = findToken(tokens, given);
    if (!found) return reply.code(303).header('location', `/signin?failed=1&next=${encodeURIComponent(next)}`).send();
    const value = JSON.stringify({ name: found.name, scope: found.scope, expires: now().getTime() + sessionMs });
    reply.setCookie(SESSION_COOKIE, value, { ...cookieOptions, signed: true, maxAge: Math.floor(sessionMs / 1000) });
    request.log.info({ principal: found.name }, 'signed in');
    return reply.code(303).header('location', next).send();
  });

  app.post('/signout', { schema: { hide: true } as object }, async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(303).header('location', '/signin').send();
  });

  function readSession(request: FastifyRequest, at: Date): Principal | undefined {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return undefined;
    try {
      const data = JSON.parse(unsigned.value) as { name?: unknown; scope?: unknown; expires?: unknown };
      if (typeof data.name !== 'string' || (data.scope !== 'read' && data.scope !== 'admin')) return undefined;
      if (typeof data.expires !== 'number' || data.expires <= at.getTime()) return undefined;
      return { name: data.name, scope: data.scope };
    } catch {
      return undefined;
    }
  }
}

/**
 * A preHandler for a route: 401 (no or a wrong token) or 403 (too small a scope), each saying what to do; a page
 * sends people who are not signed in to the sign-in page and back.
 */
export function requireScope(scope: Scope, how: 'api' | 'page'): preHandlerAsyncHookHandler {
  return async function checkScope(request: FastifyRequest, reply: FastifyReply) {
    const principal = request.principal;
    if (!principal) {
      if (how === 'page') {
        return reply.code(303).header('location', `/signin?next=${encodeURIComponent(safeNext(request.url))}`).send();
      }
      throw new ProblemError(401, 'Not signed in', request.tokenRejected
        ? 'The bearer token was not accepted. Use a token from the server\'s configuration (server.tokens or BRIEFING_TOKENS), sent as "Authorization: Bearer TOKEN".'
        : 'Send a token from the server\'s configuration as "Authorization: Bearer TOKEN".', { 'www-authenticate': 'Bearer realm="briefing"' });
    }
    // Thrown, not sent: the API answers it as problem+json, the pages as a page of their own look.
    if (!allows(principal.scope, scope)) {
      throw new ProblemError(403, 'Not allowed', `You are signed in as "${principal.name}" with the ${principal.scope} scope; this needs ${scope}. Sign in with an admin token.`);
    }
  };
}

export function allows(has: Scope, needs: Scope): boolean {
  return has === 'admin' || needs === 'read';
}

/** Only a path of this server: never `//evil.example` or a full URL, so the sign-in cannot be used to redirect away. */
export function safeNext(next: string): string {
  return /^\/(?![/\\])[^\s\\]*$/.test(next) && !next.startsWith('/signin') ? next : '/';
}

function needsCsrf(request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined) return false;
  const h = request.headers;
  return h.cookie !== undefined || h.origin !== undefined || h['sec-fetch-site'] !== undefined;
}

function csrfTokenOf(request: FastifyRequest): string | void {
  const body = request.body as Record<string, unknown> | undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const header = request.headers['x-csrf-token'];
  const token = (body && typeof body === 'object' ? body._csrf : undefined) ?? query?._csrf ?? header;
  return typeof token === 'string' ? token : undefined;
}

// Both sides hashed to one length first, so the comparison takes the same time whatever was sent.
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function findToken<T extends ServerToken & { digest: Buffer }>(tokens: T[], given: string): T | undefined {
  if (!given) return undefined;
  const wanted = digest(given);
  let found: T | undefined;
  for (const token of tokens) if (timingSafeEqual(token.digest, wanted)) found = token;
  return found;
}
