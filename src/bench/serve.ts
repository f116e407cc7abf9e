import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { machineCpuMs } from './cpu.js';
import type { ServeFigures } from './pool-report.js';
import { errorMessage } from '../util/errors.js';

export interface ServeLoadOptions {
  /** e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** An admin token (POST /api/briefings needs the admin scope). */
  token: string;
  /** Article files uploaded with every request. */
  files: string[];
  requests: number;
  concurrency: number;
  /** Per request, from the POST to the PDF downloaded. */
  timeoutMs?: number;
  /** CPU of the server (ms, read before and after the load); default the whole machine's. */
  cpuMs?: () => number | undefined;
}

export interface ServeLoadResult extends ServeFigures {
  /** outputs.html of the first job that finished, to give the floor the very HTML the server printed. */
  htmlUrl?: string;
  pdfBytes: number;
}

interface JobAnswer {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  outputs?: Partial<Record<'html' | 'pdf' | 'json' | 'md', string>>;
  errors?: string[];
}

const BUSY_RETRY_LIMIT = 50;

/**
 * The client side of `npm run bench -- --serve`, against the API contract: POST /api/briefings (multipart, the
 * files), 202 with a job; its event stream (GET /api/jobs/:id/events) to its end, then GET /api/jobs/:id for the
 * outputs; GET the PDF of outputs.pdf. `concurrency` requests are in flight at once; a 429 is retried after its
 * Retry-After (capped at 1 s) and counted.
 */
export async function runServeLoad(options: ServeLoadOptions): Promise<ServeLoadResult> {
  const uploads = await Promise.all(options.files.map(async (path) => ({ name: basename(path), bytes: await readFile(path) })));
  const auth = { authorization: `Bearer ${options.token}` };
  const result: ServeLoadResult = {
    requests: options.requests,
    concurrency: options.concurrency,
    ok: 0,
    failed: 0,
    busyRetries: 0,
    wallMs: 0,
    latenciesMs: [],
    errors: [],
    pdfBytes: 0,
  };
  const one = async (): Promise<void> => {
    const started = performance.now();
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    let job: JobAnswer | undefined;
    for (let tries = 0; !job; tries += 1) {
      const form = new FormData();
      for (const upload of uploads) form.append('files', new Blob([upload.bytes], { type: 'text/plain' }), upload.name);
      const answer = await fetch(new URL('/api/briefings', options.baseUrl), { method: 'POST', headers: auth, body: form });
      if (answer.status === 429 && tries < BUSY_RETRY_LIMIT && Date.now() < deadline) {
        result.busyRetries += 1;
        await answer.body?.cancel();
        const after = Number(answer.headers.get('retry-after') ?? 1);
        await sleep(Number.isFinite(after) ? Math.min(1_000, Math.max(50, after * 1_000)) : 1_000);
        continue;
      }
      if (answer.status !== 202) throw new Error(`POST /api/briefings answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`);
      job = (await answer.json()) as JobAnswer;
    }
    if (job.state !== 'done' && job.state !== 'failed') {
      // The job's event stream ends with its last event (done or failed): waiting on it costs the server nothing
      // while the job runs, where polling would have it answer every waiting client several times a second.
      const jobUrl = new URL(`/api/jobs/${encodeURIComponent(job.id)}`, options.baseUrl);
      const timeout = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
      let events: string;
      try {
        const stream = await fetch(`${jobUrl.href}/events`, { headers: auth, signal: timeout });
        if (stream.status !== 200) throw new Error(`GET /api/jobs/${job.id}/events answered ${stream.status}`);
        events = await stream.text();
      } catch (error) {
        throw timeout.aborted ? new Error(`job ${job.id} not finished within ${options.timeoutMs ?? 300_000} ms`) : error;
      }
      if (!/^event: (done|failed)$/m.test(events)) throw new Error(`the event stream of job ${job.id} ended before the job did`);
      const answer = await fetch(jobUrl, { headers: auth });
      if (answer.status !== 200) throw new Error(`GET /api/jobs/${job.id} answered ${answer.status}`);
      job = (await answer.json()) as JobAnswer;
    }
    if (job.state === 'failed') throw new Error(`job ${job.id} failed: ${(job.errors ?? []).join('; ')}`);
    if (!job.outputs?.pdf) throw new Error(`job ${job.id} is done but has no outputs.pdf`);
    const pdf = await fetch(new URL(job.outputs.pdf, options.baseUrl), { headers: auth });
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    if (pdf.status !== 200 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new Error(`GET ${job.outputs.pdf} answered ${pdf.status} without a PDF`);
    }
    result.pdfBytes += bytes.length;
    result.htmlUrl ??= job.outputs.html ? new URL(job.outputs.html, options.baseUrl).href : undefined;
    result.latenciesMs.push(Math.round(performance.now() - started));
  };
  const readCpu = options.cpuMs ?? (() => machineCpuMs());
  const cpu = readCpu();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, options.requests)) }, async () => {
      while (next < options.requests) {
        next += 1;
        try {
          await one();
          result.ok += 1;
        } catch (error) {
          result.failed += 1;
          result.errors.push(errorMessage(error));
        }
      }
    }),
  );
  result.wallMs = Math.round(performance.now() - started);
  const cpuAfter = readCpu();
  result.cpuMs = cpu === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpu;
  return result;
}

/** Downloads a text output (the HTML the server printed) with the token. */
export async function fetchText(url: string, token: string): Promise<string> {
  const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
  return answer.text();
}

export interface ServeProcess {
  baseUrl: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts `briefing serve` as its own process (the bench measures it whole) and waits for the address it listens on,
 * read from its output ("listening at http://127.0.0.1:PORT", as Fastify logs it).
 */
export async function startServeProcess(options: {
  command: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  startTimeoutMs?: number;
}): Promise<ServeProcess> {
  const [file, ...args] = options.command;
  const child = spawn(file!, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env, cwd: options.cwd });
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not say where it listens within ${options.startTimeoutMs ?? 30_000} ms: ${output.slice(-500)}`)), options.startTimeoutMs ?? 30_000);
    const look = (chunk: string) => {
      output = (output + chunk).slice(-4_000);
      const found = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    };
    child.stdout!.setEncoding('utf8').on('data', look);
    child.stderr!.setEncoding('utf8').on('data', look);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited while starting (${signal ?? `code ${code}`}): ${output.slice(-500)}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { baseUrl, process: child, stop };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
