// `briefing serve --queue`: briefings asked of the server are made by a `briefing worker` process, with real
// processes (dist/, built by `npm test`), a real redis-server and a real HTTP client. The server forwards the
// worker's stages, serves the files the worker wrote on the shared folder, reports a briefing that cannot be made
// with the worker's reason, and removes the uploads when a job ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, seedsDir, tempDir } from '../helpers.js';
import { asAdmin, TOKENS_ENV, waitForJob } from '../serve/api/helpers.js';
import { startRedis } from '../servers.js';

const bin = join(repoRoot, 'bin', 'briefing.js');
const SEEDS = ['000_05e9f8036be27b38.txt', '001_855e24eac737cc7a.txt', '002_1550f4f9e6e3dec6.txt'];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

interface Started {
  child: ChildProcess;
  out: () => string;
  err: () => string;
}

function start(args: string[], cwd: string): Started {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, BRIEFING_TOKENS: TOKENS_ENV, TMPDIR: cwd }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (err += String(chunk)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      child.kill('SIGKILL');
    }
  });
  return { child, out: () => out, err: () => err };
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function form(files: Array<{ name: string; bytes: Uint8Array<ArrayBuffer> | string }>): Promise<FormData> {
  const body = new FormData();
  for (const { name, bytes } of files) body.append('files', new Blob([bytes], { type: 'text/plain' }), name);
  return body;
}

const logLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('briefing serve --queue', () => {
  it('has briefings made by a worker: stages forwarded, files served from the shared folder, failures with the reason, uploads removed', async () => {
    if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is not built: run npm run build first (npm test does)');
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const dir = await tempDir('briefing-serve-queue-');
    await writeFile(join(dir, 'briefing.config.yaml'), `title: Desk\noutDir: shared/out\nqueue: { url: "${redis.url}", lockSeconds: 10 }\n`);

    const worker = start(['worker'], dir);
    await until(() => (logLines(worker.out()).some((l) => l.event === 'worker.start') ? true : undefined), 'the worker to start');
    const server = start(['serve', '--queue', '--port', '0'], dir);
    const base = await until(() => /serving on (http:\/\/\S+?)\/? /.exec(server.err())?.[1], 'the server to listen');

    const seeds = await Promise.all(SEEDS.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(seedsDir, name))) })));
    const posted = await fetch(`${base}/api/briefings`, { method: 'POST', headers: asAdmin, body: await form(seeds) });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    const view = (await waitForJob(base, id, 90_000)) as { state: string; stages: Array<{ name: string }>; outputs: Record<string, string>; threads: number; errors: string[] };
    expect(view.errors).toEqual([]);
    expect(view.state).toBe('done');
    // The worker's stages, as the server's job page shows them.
    expect(view.stages.map((s) => s.name)).toEqual(expect.arrayContaining(['ingest', 'clean', 'group', 'render', 'write']));
    expect(view.threads).toBeGreaterThan(0);
    const pdf = Buffer.from(await (await fetch(`${base}${view.outputs.pdf}`, { headers: asAdmin })).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const html = await (await fetch(`${base}${view.outputs.html}`, { headers: asAdmin })).text();
    expect(html).toContain('<html');
    // Made by the worker, on the shared folder: its log has the job, and the files are under outDir/.serve-jobs.
    expect(logLines(worker.out()).some((l) => l.event === 'job.done' && l.name === 'briefing.generate' && l.job === id)).toBe(true);
    const jobsRoot = join(dir, 'shared', 'out', '.serve-jobs');
    const [serverFolder] = await readdir(jobsRoot);
    expect(await readdir(join(jobsRoot, serverFolder!, id))).toEqual(expect.arrayContaining([expect.stringMatching(/\.pdf$/), expect.stringMatching(/\.html$/)]));

    // Nothing usable: the worker's reason comes back, after one attempt.
    const empty = await fetch(`${base}/api/briefings`, { method: 'POST', headers: asAdmin, body: await form([{ name: 'blank.txt', bytes: 'too short.' }]) });
    expect(empty.status).toBe(202);
    const failedId = ((await empty.json()) as { id: string }).id;
    const failed = (await waitForJob(base, failedId, 60_000)) as { state: string; errors: string[] };
    expect(failed.state).toBe('failed');
    expect(failed.errors.join(' ')).toMatch(/article|story|stories/i);
    const failures = logLines(worker.out()).filter((l) => l.event === 'job.failed' && l.job === failedId);
    expect(failures).toHaveLength(1);

    // The uploads were the client's: gone once each job ended; only the jobs' output folders are left.
    expect((await readdir(join(jobsRoot, serverFolder!))).filter((name) => name.startsWith('upload-'))).toEqual([]);
  }, 150_000);
});
