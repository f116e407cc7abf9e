import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { problemOf, sendProblem } from '../../src/serve/problem.js';
import { registerSecurity, requireScope, safeNext } from '../../src/serve/security.js';

const READ = 'read-token-0123456789';
const ADMIN = 'admin-token-0123456789';
const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function start(tokens = [{ name: 'desk', scope: 'read' as const, token: READ }, { name: 'ops', scope: 'admin' as const, token: ADMIN }]) {
  const app = Fastify();
  apps.push(app);
  // The app's own error handler (src/serve/app.ts) answers the same way: problem+json from problemOf.
  app.setErrorHandler((error, _request, reply) => {
    const problem = problemOf(error, { maxUploadBytes: 1, maxUploadFiles: 1 });
    return sendProblem(reply, problem.status, problem.title, problem.detail, problem.headers);
  });
  await registerSecurity(app, { tokens, sessionSecret: 'a-secret-of-enough-length-0123' });
  app.get('/api/who', { preHandler: requireScope('read', 'api') }, async (request) => request.principal);
  app.post('/api/act', { preHandler: requireScope('admin', 'api') }, async (request) => ({ by: request.principal!.name }));
  app.get('/page', { preHandler: requireScope('read', 'page') }, async (request) => `hello ${request.principal!.name}`);
  app.get('/form', async (_request, reply) => ({ csrf: await reply.generateCsrf() }));
  app.post('/form', { preHandler: requireScope('admin', 'page') }, async () => 'posted');
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return base;
}

function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

describe('registerSecurity: tokens, sessions and CSRF over real HTTP', () => {
  it('answers 401 without or with a wrong token, 403 for too small a scope, and names the fix', async () => {
    const base = await start();
    const none = await fetch(`${base}/api/who`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="briefing"');
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await none.json()).detail).toMatch(/Authorization: Bearer TOKEN/);
    const wrong = await fetch(`${base}/api/who`, { headers: { authorization: `Bearer ${READ}x` } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).detail).toMatch(/was not accepted/);
    const reader = await fetch(`${base}/api/who`, { headers: { authorization: `Bearer ${READ}` } });
    expect(await reader.json()).toEqual({ name: 'desk', scope: 'read' });
    const forbidden = await fetch(`${base}/api/act`, { method: 'POST', headers: { authorization: `Bearer ${READ}` } });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).detail).toMatch(/"desk" with the read scope; this needs admin/);
    const admin = await fetch(`${base}/api/act`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(await admin.json()).toEqual({ by: 'ops' });
  });

  it('signs in with a token on a form (CSRF-checked), keeps a session cookie, and refuses a forged post', async () => {
    const base = await start();
    const redirect = await fetch(`${base}/page`, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('/signin?next=%2Fpage');

    const form = await fetch(`${base}/form`);
    const csrfCookie = cookiesOf(form);
    const { csrf } = (await form.json()) as { csrf: string };
    const post = (body: Record<string, string>, cookie: string) =>
      fetch(`${base}/signin`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });

    const forged = await post({ token: ADMIN, next: '/page' }, csrfCookie);
    expect(forged.status).toBe(403);
    const failed = await post({ token: 'not-a-token-at-all-000', next: '/page', _csrf: csrf }, csrfCookie);
    expect(failed.headers.get('location')).toBe('/signin?failed=1&next=%2Fpage');
    const away = await post({ token: ADMIN, next: '//evil.example/', _csrf: csrf }, csrfCookie);
    expect(away.headers.get('location')).toBe('/');
    const ok = await post({ token: ADMIN, next: '/page', _csrf: csrf }, csrfCookie);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/page');
    const session = `${csrfCookie}; ${cookiesOf(ok)}`;
    expect(await (await fetch(`${base}/page`, { headers: { cookie: session } })).text()).toBe('hello ops');

    const noToken = await fetch(`${base}/form`, { method: 'POST', headers: { cookie: session, origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(noToken.status).toBe(403);
    const inQuery = await fetch(`${base}/form?_csrf=${encodeURIComponent(csrf)}`, { method: 'POST', headers: { cookie: session, origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(await inQuery.text()).toBe('posted');
    const tampered = session.replace(/briefing_session=[^;]+/, (c) => c.replace('ops', 'xxx'));
    expect((await fetch(`${base}/page`, { redirect: 'manual', headers: { cookie: tampered } })).status).toBe(303);
  });

  it('lets everyone in as the local admin when no token is configured, still refusing browser posts without CSRF', async () => {
    const base = await start([]);
    expect(await (await fetch(`${base}/api/who`)).json()).toEqual({ name: 'local', scope: 'admin' });
    expect(await (await fetch(`${base}/api/act`, { method: 'POST' })).json()).toEqual({ by: 'local' });
    const crossSite = await fetch(`${base}/api/act`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: 'x' });
    expect(crossSite.status).toBe(403);
  });

  it('only follows local paths after sign-in', () => {
    expect(safeNext('/archive?q=x')).toBe('/archive?q=x');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', '/signin?next=/', 'archive']) expect(safeNext(bad)).toBe('/');
  });
});
