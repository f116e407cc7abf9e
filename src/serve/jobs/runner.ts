/*
 * The server's job runner: briefings and edition runs made off the request path, a bounded FIFO queue in front of a
 * concurrency limit, progress as events a page or an SSE client replays from the start. A client that goes away
 * only unsubscribes: the job runs on for whoever else waits for it (or asks again with the same Idempotency-Key).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { BrowserManager } from '../../browser/browser-manager.js';
import type { BriefingConfig } from '../../config/index.js';
import { findEdition, runEdition } from '../../edition/run-edition.js';
import type { EngineThreads } from '../../produce/engine-threads.js';
import { produceBriefing, type ProduceStageEvent } from '../../produce/index.js';
import { DEFAULT_FORMATS, type OutputFormat } from '../../render/formats.js';
import type { Store } from '../../store/index.js';
import { dateInTimeZone, defaultTimeZone } from '../../util/dates.js';
import { EditionRunFailedError } from '../../util/errors.js';
import type { BriefingRequest, JobEvent, JobView, Jobs, Principal } from '../context.js';
import type { BriefingGenerateData, BriefingGenerateProgress, BriefingGenerateResult } from '../../queue/jobs.js';
import { JobQueueFullError, JobRunnerClosedError } from './errors.js';
import type { RemoteBriefings } from './remote.js';

export interface JobRunnerOptions {
  config: BriefingConfig;
  store: Store;
  browser: BrowserManager;
  /** Where the engine of briefings and editions made here runs (worker threads), so a big one does not hold the server; default this thread. */
  engine?: EngineThreads;
  /** The runner's own folder: emptied at start, one sub-folder per job. */
  jobsDir: string;
  concurrency: number;
  queueLimit: number;
  now?: () => Date;
  log?: (line: Record<string, unknown>) => void;
  /** Finished jobs kept (newest first) and for how long; older ones and their files are removed. */
  keepJobs?: number;
  keepMs?: number;
  /** How long an Idempotency-Key maps to its job. */
  idempotencyMs?: number;
  /**
   * `serve --queue`: briefings are made by `briefing worker` processes (jobsDir must then be on the folder they
   * share); editions the server runs itself stay here.
   */
  remote?: RemoteBriefings;
}

export type JobRunnerStats = ReturnType<Jobs['stats']>;

export interface JobRunner extends Jobs {
  /**
   * Takes no new job, lets the running ones finish until `deadlineMs`, then aborts them (an aborted run writes
   * nothing) and removes the jobs folder.
   */
  close(options?: { deadlineMs?: number }): Promise<void>;
}

const DAY_MS = 24 * 3_600_000;

interface Job {
  view: JobView;
  events: JobEvent[];
  listeners: Set<(event: JobEvent) => void>;
  /** Where its outputs are written (briefings), or the edition's own folder (editions). */
  outDir: string;
  /** Output file names by format; for editions, absolute paths. */
  files: Map<string, string>;
  stagingDir?: string;
  work: (job: Job, signal: AbortSignal) => Promise<void>;
  controller: AbortController;
  finishedAtMs?: number;
}

export async function createJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const keepJobs = options.keepJobs ?? 100;
  const keepMs = options.keepMs ?? DAY_MS;
  const idempotencyMs = options.idempotencyMs ?? DAY_MS;
  const jobsDir = resolve(options.jobsDir);
  // Jobs do not survive a restart (their clients are gone): whatever a previous process left is removed.
  await rm(jobsDir, { recursive: true, force: true });
  await mkdir(jobsDir, { recursive: true });

  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  const running = new Set<Job>();
  const idempotent = new Map<string, { id: string; expiresMs: number }>();
  const settled = new Set<Promise<void>>();
  let closed = false;

  function newJob(kind: JobView['kind'], work: Job['work'], extra: Partial<JobView> = {}): Job {
    const id = randomUUID();
    return {
      view: { id, kind, state: 'queued', stages: [], createdAt: now().toISOString(), outputs: {}, excluded: [], warnings: [], errors: [], ...extra },
      events: [],
      listeners: new Set(),
      outDir: join(jobsDir, id),
      files: new Map(),
      work,
      controller: new AbortController(),
    };
  }

  function emit(job: Job, event: JobEvent): void {
    job.events.push(event);
    for (const listener of [...job.listeners]) {
      try {
        listener(event);
      } catch (error) {
        log({ event: 'job.listener', level: 'warn', job: job.view.id, message: (error as Error).message });
      }
    }
    if (event.type !== 'stage') job.listeners.clear();
  }

  function onStage(job: Job) {
    return (event: ProduceStageEvent) => {
      job.view.stage = event.stage;
      if (event.phase === 'end') job.view.stages.push({ name: event.stage, ms: event.ms ?? 0 });
      emit(job, { type: 'stage', stage: event.stage, phase: event.phase, ...(event.ms !== undefined ? { ms: event.ms } : {}) });
    };
  }

  /** Same key + same principal → the same job, while the key lasts and the job is still known. */
  function remembered(key: string | undefined, principal: Principal | undefined): Job | undefined {
    if (!key) return undefined;
    const entry = idempotent.get(idempotencyId(key, principal));
    if (!entry || entry.expiresMs <= now().getTime()) return undefined;
    return jobs.get(entry.id);
  }

  function admit(job: Job, key: string | undefined, principal: Principal | undefined): JobView {
    if (closed) throw new JobRunnerClosedError('the server is shutting down and takes no new job; try again when it is back.');
    // Also here, not only when a job ends, so a quiet day still lets old jobs go.
    prune();
    if (queue.length >= options.queueLimit) {
      throw new JobQueueFullError(`${queue.length} jobs are already waiting (server.queueLimit is ${options.queueLimit}).`);
    }
    jobs.set(job.view.id, job);
    if (key) idempotent.set(idempotencyId(key, principal), { id: job.view.id, expiresMs: now().getTime() + idempotencyMs });
    queue.push(job);
    log({ event: 'job.queued', job: job.view.id, kind: job.view.kind, principal: principal?.name, queued: queue.length });
    pump();
    return view(job);
  }

  function pump(): void {
    while (running.size < options.concurrency && queue.length > 0) {
      const job = queue.shift()!;
      running.add(job);
      const done = run(job).finally(() => {
        running.delete(job);
        settled.delete(done);
        prune();
        pump();
      });
      settled.add(done);
    }
  }

  async function run(job: Job): Promise<void> {
    job.view.state = 'running';
    const started = performance.now();
    log({ event: 'job.start', job: job.view.id, kind: job.view.kind });
    let last: JobEvent;
    try {
      await job.work(job, job.controller.signal);
      job.view.state = 'done';
      last = { type: 'done' };
    } catch (error) {
      job.view.state = 'failed';
      const reasons = error instanceof EditionRunFailedError ? [...error.reasons] : [(error as Error)?.message ?? String(error)];
      if (job.view.errors.length === 0) job.view.errors.push(...reasons);
      last = { type: 'failed', message: job.view.errors.join('; ') };
    }
    // Uploaded articles are the client's, not ours to keep: gone before anyone hears the job ended.
    if (job.stagingDir) await rm(job.stagingDir, { recursive: true, force: true }).catch(() => undefined);
    const ms = Math.round(performance.now() - started);
    job.view.finishedAt = now().toISOString();
    job.finishedAtMs = now().getTime();
    log({ event: 'job.end', job: job.view.id, state: job.view.state, ms });
    emit(job, { ...last, ms });
  }

  /** Finished jobs past the count or the age are forgotten and their files removed. */
  function prune(): void {
    const at = now().getTime();
    const finished = [...jobs.values()].filter((j) => j.finishedAtMs !== undefined).sort((a, b) => b.finishedAtMs! - a.finishedAtMs!);
    finished.forEach((job, index) => {
      if (index < keepJobs && at - job.finishedAtMs! < keepMs) return;
      jobs.delete(job.view.id);
      if (job.view.kind === 'briefing') void rm(job.outDir, { recursive: true, force: true }).catch(() => undefined);
    });
    for (const [key, entry] of idempotent) if (entry.expiresMs <= at || !jobs.has(entry.id)) idempotent.delete(key);
  }

  function view(job: Job): JobView {
    return structuredClone(job.view);
  }

  /** A briefing made in this process (no queue): what a worker's briefing.generate job returns. */
  async function produceHere(asked: BriefingGenerateData, startedAt: Date, self: Job, signal: AbortSignal): Promise<BriefingGenerateResult> {
    const produced = await produceBriefing({
      ...asked,
      config: options.config,
      now: startedAt,
      branding: options.config.branding,
      // Only a PDF needs the browser: given, it would be warmed up (prelaunched) for nothing.
      browser: asked.formats.includes('pdf') ? options.browser : undefined,
      engine: options.engine,
      // A job's folder is removed when the server starts again, so what is in it never has to survive a crash.
      flush: false,
      signal,
      onStage: onStage(self),
    });
    return {
      written: produced.written,
      excluded: produced.briefing.excluded,
      warnings: [...produced.warnings, ...produced.sourceWarnings, ...produced.themeWarnings],
      threads: produced.briefing.threads.length,
    };
  }

  const runner: JobRunner = {
    submitBriefing(request: BriefingRequest, submit = {}) {
      const again = remembered(submit.idempotencyKey, submit.principal);
      if (again) {
        if (submit.stagingDir && submit.stagingDir !== again.stagingDir) void rm(submit.stagingDir, { recursive: true, force: true }).catch(() => undefined);
        return view(again);
      }
      const job = newJob('briefing', async (self, signal) => {
        const config = options.config;
        const timezone = config.timezone ?? defaultTimeZone();
        const startedAt = now();
        const formats = request.formats && request.formats.length > 0 ? request.formats : DEFAULT_FORMATS;
        const asked = {
          inputs: [...request.files, ...request.urls],
          date: request.date ?? dateInTimeZone(startedAt, timezone),
          timezone,
          title: request.title ?? config.title,
          formats,
          theme: request.theme,
          paper: request.paper,
          outDir: self.outDir,
        };
        const made = options.remote
          ? await options.remote.run(self.view.id, asked, onStage(self) as (progress: BriefingGenerateProgress) => void, signal)
          : await produceHere(asked, startedAt, self, signal);
        made.written.forEach((path) => {
          const name = basename(path);
          const format = extname(name).slice(1);
          self.files.set(name, path);
          (self.view.outputs as Record<string, string>)[format] = `/api/jobs/${self.view.id}/${encodeURIComponent(name)}`;
        });
        self.view.excluded = made.excluded.map((e) => ({ path: displayPath(e.path, self.stagingDir), reason: e.reason }));
        self.view.warnings = made.warnings;
        self.view.threads = made.threads;
      });
      job.stagingDir = submit.stagingDir;
      try {
        return admit(job, submit.idempotencyKey, submit.principal);
      } catch (error) {
        if (submit.stagingDir) void rm(submit.stagingDir, { recursive: true, force: true }).catch(() => undefined);
        throw error;
      }
    },

    runEdition(name, submit = {}) {
      const again = remembered(submit.idempotencyKey, submit.principal);
      if (again) return view(again);
      const edition = findEdition(options.config, name);
      const job = newJob(
        'edition',
        async (self, signal) => {
          const outcome = await runEdition(options.config, edition.name, {
            date: submit.date,
            now: now(),
            deliver: true,
            signal,
            store: options.store,
            browser: options.browser,
            engine: options.engine,
            log,
            onStage: onStage(self),
          });
          self.view.warnings = outcome.warnings ?? [];
          if (outcome.status !== 'success') {
            self.view.errors = outcome.reasons ?? [outcome.error ?? `the run ended ${outcome.status}`];
            throw new Error(self.view.errors.join('; '));
          }
          for (const path of outcome.outputs ?? []) {
            const format = extname(path).slice(1);
            (self.view.outputs as Record<string, string>)[format] = `/api/editions/${encodeURIComponent(edition.name)}/${outcome.date}.${format}`;
          }
          self.view.threads = outcome.briefing?.threads.length;
        },
        { edition: edition.name },
      );
      return admit(job, submit.idempotencyKey, submit.principal);
    },

    get(id) {
      const job = jobs.get(id);
      return job && view(job);
    },

    outputPath(id, filename) {
      const job = jobs.get(id);
      if (!job || job.view.kind !== 'briefing' || job.view.state !== 'done') return undefined;
      // Only a name the job wrote: never a path built from what the client sent.
      const path = job.files.get(filename);
      return path && resolve(path).startsWith(job.outDir + sep) ? path : undefined;
    },

    subscribe(id, listener) {
      const job = jobs.get(id);
      if (!job) return () => {};
      for (const event of job.events) listener(event);
      const finished = job.events.some((e) => e.type !== 'stage');
      if (finished) return () => {};
      job.listeners.add(listener);
      return () => void job.listeners.delete(listener);
    },

    async createStaging() {
      return mkdtemp(join(jobsDir, 'upload-'));
    },

    stats() {
      return { queued: queue.length, running: running.size, finished: [...jobs.values()].filter((j) => j.finishedAtMs !== undefined).length };
    },

    async close(closeOptions = {}) {
      closed = true;
      for (const job of queue.splice(0)) {
        job.view.errors.push('the server shut down before the job started; submit it again.');
        job.work = async () => Promise.reject(new Error(job.view.errors[0]));
        settled.add(run(job));
      }
      const deadline = closeOptions.deadlineMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<'late'>((resolveLate) => (timer = setTimeout(() => resolveLate('late'), deadline)));
      const all = Promise.allSettled([...settled]);
      if ((await Promise.race([all, timeUp])) === 'late') {
        for (const job of running) job.controller.abort(new Error('the server shut down while the job ran; submit it again.'));
        await all;
      }
      clearTimeout(timer);
      await rm(jobsDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
  return runner;
}

function idempotencyId(key: string, principal: Principal | undefined): string {
  return `${principal?.name ?? ''}\u0000${key}`;
}

/** An uploaded file is shown by its name, not by the server's folder it was saved in. */
function displayPath(path: string, stagingDir: string | undefined): string {
  return stagingDir && path.startsWith(stagingDir + sep) ? path.slice(stagingDir.length + 1) : path;
}
