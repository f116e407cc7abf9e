import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedsDir } from '../../helpers.js';
import { ADMIN_TOKEN, asAdmin, asReader, readEvents, startTestServer, waitForJob, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

const SEEDS = ['000_05e9f8036be27b38.txt', '001_855e24eac737cc7a.txt', '002_1550f4f9e6e3dec6.txt'];

async function seedForm(fields: Record<string, string> = {}, names = SEEDS): Promise<FormData> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const name of names) form.append('files', new Blob([await readFile(join(seedsDir, name))], { type: 'text/plain' }), name);
  return form;
}

describe('the JSON API over real HTTP', () => {
  it('answers 401 without or with a wrong token, 403 to a reader who posts, with problem+json and strict headers', async () => {
    const { base } = await start();
    const none = await fetch(`${base}/api/editions`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(none.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(none.headers.get('x-content-type-options')).toBe('nosniff');
    expect(none.headers.get('referrer-policy')).toBe('same-origin');
    const wrong = await fetch(`${base}/api/editions`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const reader = await fetch(`${base}/api/briefings`, { method: 'POST', headers: asReader, body: await seedForm() });
    expect(reader.status).toBe(403);
    expect(((await reader.json()) as { detail: string }).detail).toMatch(/this needs admin/);
    const run = await fetch(`${base}/api/editions/morning/run`, { method: 'POST', headers: asReader });
    expect(run.status).toBe(403);
  });

  it('answers 404 as problem+json for an unknown job, route, edition or file, and says where to look', async () => {
    const { base } = await start();
    const job = await fetch(`${base}/api/jobs/no-such-job`, { headers: asReader });
    expect(job.status).toBe(404);
    expect(((await job.json()) as { detail: string }).detail).toMatch(/there is no job no-such-job/);
    const route = await fetch(`${base}/api/nothing-here`, { headers: asReader });
    expect(route.status).toBe(404);
    expect(route.headers.get('content-type')).toMatch(/problem\+json/);
    const edition = await fetch(`${base}/api/editions/evening/run`, { method: 'POST', headers: asAdmin });
    expect(edition.status).toBe(404);
    expect(((await edition.json()) as { detail: string }).detail).toMatch(/the configuration has morning/);
    const file = await fetch(`${base}/api/jobs/no-such-job/briefing-2025-07-11.pdf`, { headers: asReader });
    expect(file.status).toBe(404);
  });

  it('makes a briefing from three uploads: 202 with Location, SSE stages in order to done, the PDF and HTML downloaded; uploads removed', async () => {
    const server = await start();
    const { base } = server;
    const posted = await fetch(`${base}/api/briefings`, {
      method: 'POST',
      headers: { ...asAdmin, 'idempotency-key': 'upload-1' },
      body: await seedForm({ title: 'Desk <b>Brief</b>', formats: 'html,pdf,json', paper: 'letter', _csrf: 'ignored' }),
    });
    expect(posted.status, await posted.clone().text()).toBe(202);
    const job = (await posted.json()) as { id: string; state: string; kind: string };
    expect(posted.headers.get('location')).toBe(`/api/jobs/${job.id}`);
    expect(job.kind).toBe('briefing');
    expect(['queued', 'running']).toContain(job.state);

    // The same key again is the same job, not a second one.
    const again = await fetch(`${base}/api/briefings`, { method: 'POST', headers: { ...asAdmin, 'idempotency-key': 'upload-1' }, body: await seedForm() });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { id: string }).id).toBe(job.id);

    const stream = await fetch(`${base}/api/jobs/${job.id}/events`, { headers: asReader });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(stream);
    expect(events.at(-1)!.event, JSON.stringify(events.at(-1))).toBe('done');
    const ended = events.filter((e) => e.event === 'stage' && e.data.phase === 'end').map((e) => e.data.stage);
    expect(ended).toEqual(['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose', 'render', 'write']);
    for (const e of events.filter((e) => e.event === 'stage')) expect(['start', 'end']).toContain(e.data.phase);

    const view = (await (await fetch(`${base}${posted.headers.get('location')}`, { headers: asReader })).json()) as {
      state: string;
      outputs: Record<string, string>;
      stages: Array<{ name: string }>;
      threads: number;
      excluded: Array<{ path: string }>;
    };
    expect(view.state).toBe('done');
    expect(view.threads).toBeGreaterThan(0);
    expect(view.stages.map((s) => s.name)).toEqual(ended);
    expect(Object.keys(view.outputs).sort()).toEqual(['html', 'json', 'pdf']);
    for (const e of view.excluded) expect(e.path).not.toContain(server.project.dir);

    const pdf = await fetch(`${base}${view.outputs.pdf}`, { headers: asReader });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const html = await fetch(`${base}${view.outputs.html}`, { headers: asReader });
    expect(html.headers.get('content-security-policy')).toMatch(/sandbox/);
    const text = await html.text();
    expect(text).toContain('Desk &lt;b&gt;Brief&lt;/b&gt;');
    expect(text).not.toContain('Desk <b>Brief</b>');
    const json = (await (await fetch(`${base}${view.outputs.json}`, { headers: asReader })).json()) as { title: string };
    expect(json.title).toBe('Desk <b>Brief</b>');

    // A name the job did not write, or one that climbs out, is a 404.
    for (const bad of ['..%2F..%2Fbriefing.config.yaml', 'briefing.config.yaml', '%2Fetc%2Fpasswd']) {
      expect((await fetch(`${base}/api/jobs/${job.id}/${bad}`, { headers: asReader })).status).toBe(404);
    }
    // The uploads were the job's to delete; only the job's outputs folder remains.
    expect(await readdir(join(server.project.dir, 'data', 'jobs'))).toEqual([job.id]);
  });

  it('refuses an upload too large or with too many files (413), a wrong file type, theme or URL scheme (400), with the fix', async () => {
    const server = await start({ server: 'server: { maxUploadBytes: 5000, maxUploadFiles: 2 }\n' });
    const { base } = server;
    const post = (body: FormData | string, headers: Record<string, string> = {}) => fetch(`${base}/api/briefings`, { method: 'POST', headers: { ...asAdmin, ...headers }, body });

    const big = new FormData();
    big.append('files', new Blob(['x'.repeat(6000)]), 'big.txt');
    const tooLarge = await post(big);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { detail: string }).detail).toMatch(/5000 bytes \(server\.maxUploadBytes\)/);

    // Each file fits, together they do not.
    const together = await post(await seedForm({}, SEEDS.slice(0, 2)));
    expect(together.status).toBe(413);

    const many = new FormData();
    for (const n of [1, 2, 3]) many.append('files', new Blob([`article ${n}`]), `a${n}.txt`);
    const tooMany = await post(many);
    expect(tooMany.status).toBe(413);
    expect(((await tooMany.json()) as { detail: string }).detail).toMatch(/at most 2 files in one request \(server\.maxUploadFiles\)/);

    const exe = new FormData();
    exe.append('files', new Blob(['MZ']), 'tool.exe');
    const wrongType = await post(exe);
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { detail: string }).detail).toMatch(/tool\.exe.*\.txt \.md/);

    const json = (body: unknown) => post(JSON.stringify(body), { 'content-type': 'application/json' });
    const theme = await json({ urls: ['https://example.org/a'], theme: '../../etc' });
    expect(theme.status).toBe(400);
    expect(((await theme.json()) as { detail: string }).detail).toMatch(/theme .* does not exist/);
    const scheme = await json({ urls: 'file:///etc/passwd' });
    expect(scheme.status).toBe(400);
    expect(((await scheme.json()) as { detail: string }).detail).toMatch(/not an http or https URL/);
    const nothing = await json({ title: 'x' });
    expect(nothing.status).toBe(400);
    const paper = await json({ urls: ['https://example.org/a'], paper: 'a3' });
    expect(paper.status).toBe(400);
    // Nothing refused left a staging folder behind.
    expect(await readdir(join(server.project.dir, 'data', 'jobs'))).toEqual([]);
  });

  it('reads URLs with the fetch address rules: an internal address is refused and the job fails saying why', async () => {
    const { base } = await start();
    const posted = await fetch(`${base}/api/briefings`, {
      method: 'POST',
      headers: { ...asAdmin, 'content-type': 'application/json' },
      body: JSON.stringify({ urls: ['http://127.0.0.1:9/feed.xml'], formats: ['json'] }),
    });
    expect(posted.status).toBe(202);
    const view = await waitForJob(base, ((await posted.json()) as { id: string }).id);
    expect(view.state).toBe('failed');
    expect((view.errors as string[]).join(' ')).toMatch(/127\.0\.0\.1/);
    const events = await readEvents(await fetch(`${base}/api/jobs/${String(view.id)}/events`, { headers: asReader }));
    expect(events.at(-1)!.event).toBe('failed');
  });

  it('answers 429 with Retry-After when the queue is full', async () => {
    const { base } = await start({ concurrency: 1, queueLimit: 1 });
    const forms = await Promise.all([1, 2, 3, 4].map(() => seedForm({ formats: 'json' })));
    const answers = await Promise.all(forms.map((body) => fetch(`${base}/api/briefings`, { method: 'POST', headers: asAdmin, body })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(2);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.headers.get('retry-after')).toBe('10');
    expect(((await refused[0]!.json()) as { detail: string }).detail).toMatch(/server\.queueLimit is 1.*Try again/);
    for (const a of answers.filter((a) => a.status === 202)) await waitForJob(base, ((await a.json()) as { id: string }).id);
  });

  it('runs an edition, lists it, serves its files, and refuses traversal in names and dates', async () => {
    const server = await start();
    const { base } = server;
    const run = await fetch(`${base}/api/editions/morning/run`, {
      method: 'POST',
      headers: { ...asAdmin, 'content-type': 'application/json', 'idempotency-key': 'run-1' },
      body: JSON.stringify({ date: '2025-07-11' }),
    });
    expect(run.status).toBe(202);
    const job = (await run.json()) as { id: string; kind: string; edition: string };
    expect([job.kind, job.edition]).toEqual(['edition', 'morning']);
    const done = await waitForJob(base, job.id);
    expect(done.state, JSON.stringify(done.errors)).toBe('done');
    expect(done.outputs).toEqual({
      json: '/api/editions/morning/2025-07-11.json',
      md: '/api/editions/morning/2025-07-11.md',
      html: '/api/editions/morning/2025-07-11.html',
    });

    const list = (await (await fetch(`${base}/api/editions`, { headers: asReader })).json()) as { names: string[]; editions: Array<Record<string, unknown>> };
    expect(list.names).toEqual(['morning']);
    expect(list.editions).toHaveLength(1);
    expect(list.editions[0]).toMatchObject({ name: 'morning', date: '2025-07-11', status: 'ok' });

    const json = await fetch(`${base}/api/editions/morning/2025-07-11.json`, { headers: asReader });
    expect(json.status).toBe(200);
    expect(((await json.json()) as { date: string }).date).toBe('2025-07-11');
    expect((await fetch(`${base}/api/editions/morning/2025-07-10.json`, { headers: asReader })).status).toBe(404);
    expect((await fetch(`${base}/api/editions/morning/2025-07-11.pdf`, { headers: asReader })).status).toBe(404);

    const attempts = [
      '/api/editions/..%2F..%2Fdata/2025-07-11.json',
      '/api/editions/morning/..%2F..%2Fbriefing.config.yaml',
      '/api/editions/..%2Fmorning/2025-07-11.json',
      '/api/editions/morning/2025-07-11.json%00.yaml',
      '/api/editions/%2E%2E/2025-07-11.json',
    ];
    for (const path of attempts) {
      const answer = await fetch(`${base}${path}`, { headers: asReader });
      expect([400, 404], path).toContain(answer.status);
      const body = await answer.text();
      expect(body).not.toMatch(/title: Test Brief/);
      expect(body).toMatch(/"detail"/);
    }
  });

  it('with no token configured everyone local is admin, but a cross-site browser post without the CSRF token is refused', async () => {
    const { base } = await start({ tokens: '' });
    const forged = await fetch(`${base}/api/briefings`, { method: 'POST', headers: { origin: 'https://evil.example', cookie: 'x=1' }, body: await seedForm({ formats: 'json' }) });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { detail: string }).detail).toMatch(/CSRF token .* reload the page/);
    const script = await fetch(`${base}/api/briefings`, { method: 'POST', body: await seedForm({ formats: 'json' }) });
    expect(script.status).toBe(202);
    await waitForJob(base, ((await script.json()) as { id: string }).id);
  });

  it('a client that leaves the event stream does not cancel the job', async () => {
    const { base } = await start();
    const posted = await fetch(`${base}/api/briefings`, { method: 'POST', headers: asAdmin, body: await seedForm({ formats: 'json' }) });
    const { id } = (await posted.json()) as { id: string };
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/jobs/${id}/events`, { headers: asReader, signal: controller.signal });
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^id: 1\nevent: stage\ndata: \{"type":"stage","stage":"ingest","phase":"start"\}/);
    controller.abort();
    const view = await waitForJob(base, id);
    expect(view.state).toBe('done');
    expect(view.threads).toBeGreaterThan(0);
  });

  it('answers malformed requests with a 4xx problem, never a 500', async () => {
    const { base } = await start();
    const cases: Array<[string, RequestInit]> = [
      ['/api/briefings', { method: 'POST', headers: { ...asAdmin, 'content-type': 'application/json' }, body: '{"urls": [' }],
      ['/api/briefings', { method: 'POST', headers: { ...asAdmin, 'content-type': 'multipart/form-data' }, body: 'no boundary' }],
      ['/api/briefings', { method: 'POST', headers: { ...asAdmin, 'content-type': 'text/plain' }, body: 'hello' }],
      ['/api/briefings', { method: 'POST', headers: { ...asAdmin, 'content-type': 'application/json' }, body: JSON.stringify({ urls: 42, formats: [{}] }) }],
      ['/api/briefings', { method: 'POST', headers: { ...asAdmin, 'content-type': 'application/json', 'idempotency-key': 'k'.repeat(500) }, body: '{}' }],
      ['/api/jobs/%ZZ', { headers: asReader }],
      ['/api/editions?limit=-5', { headers: asReader }],
      ['/api/editions/morning/2025-13-45.json', { headers: asReader }],
      ['/api/deliveries/%00%01/retry', { method: 'POST', headers: asAdmin }],
      ['/api/deliveries/x/resend', { method: 'POST', headers: { ...asAdmin, 'content-type': 'application/json' }, body: '[]' }],
      ['/api/editions/morning/run', { method: 'POST', headers: { ...asAdmin, 'content-type': 'application/json' }, body: JSON.stringify({ date: '../../x' }) }],
    ];
    for (const [path, init] of cases) {
      const answer = await fetch(`${base}${path}`, init);
      expect(answer.status, `${path} ${String(init.body)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${path} ${String(init.body)}`).toBeLessThan(500);
      expect(answer.headers.get('content-type'), path).toMatch(/problem\+json/);
    }
  });

  it('serves /healthz without a token and /api/openapi.json listing every route', async () => {
    const { base } = await start();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; database: { ok: boolean }; browser: { stats: { launches: number } }; jobs: { queued: number } };
    expect(body.status).toBe('ok');
    expect(body.database.ok).toBe(true);
    expect(body.browser.stats.launches).toBe(0);
    expect(body.jobs.queued).toBe(0);

    const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\./);
    const routes = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'GET /healthz',
        'GET /api/openapi.json',
        'POST /api/briefings',
        'GET /api/jobs/{id}',
        'GET /api/jobs/{id}/events',
        'GET /api/jobs/{id}/{file}',
        'GET /api/editions',
        'GET /api/editions/{name}/{file}',
        'POST /api/editions/{name}/run',
        'GET /api/deliveries',
        'POST /api/deliveries/{id}/retry',
        'POST /api/deliveries/{id}/resend',
      ].sort(),
    );
    for (const methods of Object.values(spec.paths)) for (const op of Object.values(methods) as Array<{ responses: object }>) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
  });
});
