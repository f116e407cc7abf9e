import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { runServeLoad, startServeProcess } from '../../src/bench/serve.js';
import { seedsDir } from '../helpers.js';

const TOKEN = 'bench-token';
const files = ['000_05e9f8036be27b38.txt', '001_855e24eac737cc7a.txt', '002_1550f4f9e6e3dec6.txt'].map((name) => join(seedsDir, name));

/**
 * A stand-in for `briefing serve` that keeps the API contract (202 with a job, its event stream ending with done or
 * failed, the job with its outputs, the PDF at outputs.pdf) and records what the client did: real HTTP on 127.0.0.1.
 */
async function fakeServer(options: { busyFirst?: number; failJobs?: boolean } = {}) {
  const seen = { posts: 0, filesPerPost: [] as number[], streams: 0, polls: 0, unauthorized: 0, busy: 0, inFlight: 0, mostInFlight: 0 };
  const jobs = new Map<string, number>();
  let busyLeft = options.busyFirst ?? 0;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('latin1');
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      seen.unauthorized += 1;
      return json(401, { title: 'Unauthorized' });
    }
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'POST' && url.pathname === '/api/briefings') {
      if (busyLeft > 0) {
        busyLeft -= 1;
        seen.busy += 1;
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/problem+json' });
        return res.end('{"title":"busy"}');
      }
      seen.posts += 1;
      seen.filesPerPost.push((body.match(/name="files"; filename="/g) ?? []).length);
      const id = `job${seen.posts}`;
      jobs.set(id, 0);
      seen.inFlight += 1;
      seen.mostInFlight = Math.max(seen.mostInFlight, seen.inFlight);
      return json(202, { id, state: 'queued', outputs: {} });
    }
    const events = /^\/api\/jobs\/(job\d+)\/events$/.exec(url.pathname);
    if (req.method === 'GET' && events && jobs.has(events[1]!)) {
      seen.streams += 1;
      const id = events[1]!;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('id: 1\nevent: stage\ndata: {"type":"stage","stage":"ingest","phase":"start"}\n\n');
      await new Promise((resolve) => setTimeout(resolve, 20));
      jobs.set(id, 1);
      seen.inFlight -= 1;
      const last = options.failJobs ? 'failed' : 'done';
      return res.end(`id: 2\nevent: ${last}\ndata: {"type":"${last}"}\n\n`);
    }
    const poll = /^\/api\/jobs\/(job\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && poll && jobs.has(poll[1]!)) {
      seen.polls += 1;
      const id = poll[1]!;
      if (jobs.get(id) === 0) return json(200, { id, state: 'running', outputs: {} });
      if (options.failJobs) return json(200, { id, state: 'failed', outputs: {}, errors: ['the engine broke; try again'] });
      return json(200, { id, state: 'done', outputs: { pdf: `/api/jobs/${id}/briefing.pdf`, html: `/api/jobs/${id}/briefing.html` } });
    }
    if (req.method === 'GET' && /^\/api\/jobs\/job\d+\/briefing\.pdf$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end('%PDF-1.7 fake');
    }
    json(404, { title: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('the --serve bench client', () => {
  test('posts three files per request with the token, keeps `concurrency` jobs in flight, waits on the event stream of each job (no polling) and downloads each PDF', async () => {
    const { baseUrl, seen } = await fakeServer();
    const result = await runServeLoad({ baseUrl, token: TOKEN, files, requests: 7, concurrency: 3 });
    expect(result).toMatchObject({ requests: 7, concurrency: 3, ok: 7, failed: 0, busyRetries: 0, errors: [] });
    expect(result.latenciesMs).toHaveLength(7);
    expect(result.pdfBytes).toBe(7 * '%PDF-1.7 fake'.length);
    expect(result.htmlUrl).toMatch(new RegExp(`^${baseUrl}/api/jobs/job\\d+/briefing\\.html$`));
    expect(seen.posts).toBe(7);
    expect(seen.filesPerPost).toEqual(Array(7).fill(3));
    expect(seen.mostInFlight).toBe(3);
    expect(seen.streams).toBe(7);
    // One look at the job once its stream has ended, for its outputs.
    expect(seen.polls).toBe(7);
    expect(seen.unauthorized).toBe(0);
    expect(result.wallMs).toBeGreaterThan(0);
  });

  test('a 429 is retried and counted; failed jobs and a wrong token are counted as failures with the reason', async () => {
    const busy = await fakeServer({ busyFirst: 2 });
    const retried = await runServeLoad({ baseUrl: busy.baseUrl, token: TOKEN, files, requests: 2, concurrency: 2 });
    expect(retried).toMatchObject({ ok: 2, failed: 0, busyRetries: 2 });

    const failing = await fakeServer({ failJobs: true });
    const failed = await runServeLoad({ baseUrl: failing.baseUrl, token: TOKEN, files, requests: 2, concurrency: 1 });
    expect(failed).toMatchObject({ ok: 0, failed: 2 });
    expect(failed.errors[0]).toBe('job job1 failed: the engine broke; try again');

    const denied = await runServeLoad({ baseUrl: failing.baseUrl, token: 'wrong', files, requests: 1, concurrency: 1 });
    expect(denied).toMatchObject({ ok: 0, failed: 1 });
    expect(denied.errors[0]).toMatch(/^POST \/api\/briefings answered 401/);
  });

  test('startServeProcess reads the address the server prints, and stop() ends it', async () => {
    const script =
      "const s=require('http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>console.log('Server listening at http://127.0.0.1:'+s.address().port));process.on('SIGTERM',()=>s.close(()=>process.exit(0)))";
    const server = await startServeProcess({ command: [process.execPath, '-e', script] });
    onTestFinished(() => server.stop());
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(server.baseUrl)).text()).toBe('ok');
    await server.stop();
    expect(server.process.exitCode).toBe(0);

    await expect(startServeProcess({ command: [process.execPath, '-e', 'process.exit(3)'] })).rejects.toThrow(/exited while starting \(code 3\)/);
  });
});
