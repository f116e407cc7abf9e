/*
 * `briefing serve`: the pages and the JSON API in one process, on one store and one warm browser pool, with
 * `--schedule` also the editions' scheduler, so a single process is the whole product.
 */
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BrowserManager } from '../browser/browser-manager.js';
import { dataFolder, loadConfig } from '../config/index.js';
import { EngineThreads } from '../produce/engine-threads.js';
import type { ScheduleLogLine } from '../schedule/index.js';
import { buildServer } from '../serve/app.js';
import type { ServerContext } from '../serve/context.js';
import { createJobRunner, type JobRunner } from '../serve/jobs/index.js';
import type { RemoteBriefings } from '../serve/jobs/remote.js';
import { servedJobsRoot } from '../queue/jobs.js';
import { queueUrl } from '../queue/url.js';
import { registerPages, renderNotFoundPage } from '../serve/pages/index.js';
import { openStore } from '../store/index.js';
import { UsageError } from '../util/errors.js';
import { processShutdown, startScheduling, type ScheduleIO, type Scheduling } from './schedule.js';

export interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
  schedule?: boolean;
  /** Briefings made by `briefing worker` processes on this queue (true: the configured queue). */
  queue?: string | boolean;
  /** At shutdown, how long running jobs may take before they are aborted, in seconds. */
  grace?: string;
}

export interface ServeIO extends ScheduleIO {
  /** Called once the server listens, with its address (tests read the port from it). */
  onListening?: (url: string) => void;
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}

export async function runServe(options: ServeOptions, io: ServeIO): Promise<void> {
  const env = io.env ?? process.env;
  const config = await loadConfig({ cwd: io.cwd, file: options.config, env, flags: typeof options.queue === 'string' ? { queue: options.queue } : {} });
  const queue = options.queue !== undefined && options.queue !== false ? queueUrl(config, 'briefing serve --queue') : undefined;
  const host = options.host?.trim() || config.server.host;
  const port = options.port === undefined ? config.server.port : parsePort(options.port);
  const graceMs = parseGrace(options.grace);
  if (!isLoopbackHost(host) && config.server.tokens.length === 0) {
    throw new UsageError(
      `refusing to listen on ${host} without an access token: anyone who can reach it could make briefings and read the archive. ` +
        `Add tokens under server.tokens in the configuration or set BRIEFING_TOKENS="name:admin:$(openssl rand -hex 24)", or listen on 127.0.0.1.`,
    );
  }
  // Listening before anything slow, so a signal during start-up is not lost (nor kills the process outright).
  const shutdown = (io.shutdown ?? processShutdown)();
  const print = (line: Record<string, unknown>) => io.stdout.write(`${JSON.stringify({ ts: io.now().toISOString(), level: 'info', ...line })}\n`);
  const store = await openStore(config.database, { log: (entry) => print({ level: entry.level, event: 'store.message', message: entry.message }) });
  // Pages at once: the pool's default (one per CPU, at most 4). Each admitted job renders at most once, so a line
  // as long as the runner's jobs never refuses a job the runner took (the runner's own queue answers 429 first).
  const browser = new BrowserManager({ maxQueuedJobs: config.server.concurrency + config.server.queueLimit });
  let app: FastifyInstance | undefined;
  let scheduling: Scheduling | undefined;
  let jobs: JobRunner | undefined;
  let remote: RemoteBriefings | undefined;
  let engine: EngineThreads | undefined;
  try {
    remote = queue ? await (await import('../serve/jobs/remote.js')).openRemoteBriefings(config, queue) : undefined;
    // Briefings and editions made here run the engine on threads of their own, one per job at once and one more for
    // the scheduled editions (--schedule), so one due while the jobs fill the others need not wait: a big day's
    // engine run would otherwise hold every other request, and the pages printing other jobs, for seconds at a time.
    // With workers (--queue) only editions are made here.
    engine = new EngineThreads({ threads: config.server.concurrency + (options.schedule ? 1 : 0) });
    jobs = await createJobRunner({
      config,
      store,
      browser,
      engine,
      // Emptied at every start. Alone: in the data folder (beside a SQLite database), never inside outDir. With
      // workers: on the folder they share (outDir), one folder per server, since the workers read the uploads there.
      jobsDir: remote ? join(servedJobsRoot(config), `${hostname()}-${port || process.pid}`) : join(dataFolder(config), 'serve-jobs'),
      // Waiting for a worker costs nothing here: as many in flight as may wait, the workers' pace decides.
      concurrency: remote ? Math.max(config.server.concurrency, config.server.queueLimit) : config.server.concurrency,
      remote,
      queueLimit: config.server.queueLimit,
      now: io.now,
      log: print,
    });
    const ctx: ServerContext = { config, store, browser, jobs, now: io.now, log: print };
    app = await buildServer(ctx, { pages: registerPages, notFound: renderNotFoundPage(ctx) });
    await app.listen({ host, port });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
    if (options.schedule) {
      if (config.editions.length === 0) print({ level: 'warn', event: 'serve.schedule', message: 'no editions are configured: --schedule has nothing to run' });
      else {
        scheduling = await startScheduling({
          config: () => config,
          store,
          browser,
          engine,
          now: io.now,
          env,
          print: (line: ScheduleLogLine) => io.stdout.write(`${JSON.stringify(line)}\n`),
          timers: io.timers,
          sweepIntervalMs: io.sweepIntervalMs,
          onPermanentFailure: io.onPermanentFailure,
        });
      }
    }
    io.stderr.write(`briefing: serving on ${url} (API under ${url}api/, OpenAPI at ${url}api/openapi.json${config.server.tokens.length === 0 ? '; no token configured: everyone on this machine is admin' : ''})\n`);
    io.onListening?.(url);
    const signal = await shutdown;
    print({ event: 'serve.stop', signal, graceMs });
  } finally {
    // Stop taking requests first, then let the running jobs and editions finish (up to the grace), then the rest.
    await app?.close().catch(() => undefined);
    await Promise.all([jobs?.close({ deadlineMs: graceMs }), scheduling?.stop(graceMs)]);
    await remote?.close().catch(() => undefined);
    await engine?.close();
    await browser.close();
    await store.close();
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${value}" must be a port number (0 to 65535).`);
  return port;
}

function parseGrace(value: string | undefined): number {
  if (value === undefined) return 30_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--grace "${value}" must be a number of seconds (0 or more).`);
  return Math.round(seconds * 1000);
}
