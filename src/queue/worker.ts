/*
 * `briefing worker`: one process taking jobs from the configuration's queues (editions, the server's on-demand
 * briefings, deliveries). One warm BrowserManager for all its renders; editions and briefings a few at a time (the
 * browser's pages), deliveries up to `queue.concurrency` at a time, e-mail through its SMTP host's queue under a
 * shared rate limit. Exactly-once is the store's (runs claim, outbox), so
 * anything BullMQ does twice (a stalled job, a restart of Redis) is harmless.
 */
import { hostname } from 'node:os';
import { DelayedError, UnrecoverableError, Worker, type Job, type RateLimiterOptions } from 'bullmq';
import { BrowserManager, defaultConcurrentPages } from '../browser/browser-manager.js';
import { EngineThreads } from '../produce/engine-threads.js';
import type { BriefingConfig, EditionConfig } from '../config/index.js';
import { editionChannels } from '../edition/run-edition.js';
import { alertOnGiveUp } from '../alerts/index.js';
import type { Store } from '../store/index.js';
import { UsageError } from '../util/errors.js';
import { connectionOptions, openQueues, queueNames } from './connection.js';
import { EditionFiles, handleDeliverySend } from './delivery-job.js';
import { handleEditionRun } from './edition-job.js';
import { BriefingGenerateRefusedError, handleBriefingGenerate } from './generate-job.js';
import { threadsForMachine } from '../capacity.js';
import {
  BRIEFING_GENERATE,
  DELIVERY_SEND,
  EDITION_RUN,
  EDITIONS_QUEUE,
  smtpQueueName,
  type BriefingGenerateData,
  type DeliverySendData,
  type EditionRunData,
} from './jobs.js';

export interface QueueWorkerOptions {
  config: BriefingConfig;
  url: string;
  store: Store;
  /** Deliveries at once in this process; default queue.concurrency. */
  concurrency?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  log: (line: Record<string, unknown>) => void;
}

export interface QueueWorker {
  /** Stops taking jobs and lets the current ones finish within `graceMs`; past it they are left to the stalled check. */
  close(graceMs: number): Promise<void>;
}

/** BullMQ's limiter for `perSecond` jobs a second (0.5: one every two seconds). */
export function rateLimit(perSecond: number): RateLimiterOptions {
  return perSecond >= 1 ? { max: Math.round(perSecond), duration: 1000 } : { max: 1, duration: Math.round(1000 / perSecond) };
}

/**
 * A job about something the configuration does not have (an edition taken out since it was queued) fails at once:
 * retrying cannot mend it. Anything else is retried with backoff.
 */
function usageIsPermanent<T, A extends unknown[]>(processor: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  return async (...args) => {
    try {
      return await processor(...args);
    } catch (error) {
      if (error instanceof UsageError || error instanceof BriefingGenerateRefusedError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { config, store, log } = options;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? config.queue.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency "${concurrency}" must be a whole number of 1 or more.`);
  const lockMs = Math.round(config.queue.lockSeconds * 1000);
  const leaseMs = Math.round(config.queue.leaseSeconds * 1000);
  const connection = connectionOptions(options.url);
  const producers = openQueues(config, options.url);
  const browser = new BrowserManager();
  const editionsAtOnce = Math.max(1, Math.min(defaultConcurrentPages(), concurrency));
  // The CPUs shared among the editions made at once: each reads its pages on its share.
  const pageThreadsPerEdition = Math.max(1, Math.floor(threadsForMachine() / editionsAtOnce));
  // The engine on threads: this thread keeps renewing the jobs' locks (one that runs out while a big day is
  // analysed has BullMQ count the job as stalled and hand it to another worker) and keeps the browser's pages busy.
  const engine = new EngineThreads({ threads: editionsAtOnce });
  const outputs = new EditionFiles();
  const onPermanentFailure = alertOnGiveUp(config, { store, now, env: options.env, log });
  const self = `${hostname()}:${process.pid}`;
  // One set of channels per edition for the process's life: the e-mail channel renders an edition's body once.
  const channels = new Map<string, ReturnType<typeof editionChannels>>();
  const channelsOf = (edition: EditionConfig) => {
    let found = channels.get(edition.name);
    if (!found) channels.set(edition.name, (found = editionChannels(config, edition, options.env)));
    return found;
  };

  const common = { connection, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 2, name: self, autorun: false };
  const editions = new Worker<EditionRunData>(
    EDITIONS_QUEUE,
    usageIsPermanent(async (job: Job<EditionRunData | BriefingGenerateData>, token?: string) => {
      if (job.name === BRIEFING_GENERATE) {
        // The server's on-demand briefing: its stages go back to the server as progress, its files to the shared folder.
        const made = await handleBriefingGenerate(job.data as BriefingGenerateData, {
          config,
          browser,
          engine,
          now,
          onProgress: (progress) => job.updateProgress(progress as unknown as object).catch(() => undefined),
        });
        log({ event: 'job.done', job: job.id, name: job.name, threads: made.threads, files: made.written.length });
        return made;
      }
      if (job.name !== EDITION_RUN) throw new UnrecoverableError(`this worker does not know jobs named ${job.name} (a newer version added it?)`);
      const result = await handleEditionRun(job as Job<EditionRunData>, {
        config,
        leaseMs,
        recheckMs: lockMs,
        store,
        browser,
        engine,
        extractionThreads: pageThreadsPerEdition,
        env: options.env,
        now,
        log,
        addDeliveries: async (jobs) => {
          // One addBulk per queue; an id that exists is left alone (BullMQ), which makes a repeated fan-out harmless.
          const byQueue = new Map<ReturnType<typeof producers.deliveries>, typeof jobs>();
          for (const j of jobs) {
            const queue = producers.deliveries(j.data.channel);
            byQueue.set(queue, [...(byQueue.get(queue) ?? []), j]);
          }
          for (const [queue, list] of byQueue) await queue.addBulk(list.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })));
        },
      });
      if (result.produced === 'later') {
        // Another worker is producing it: look again later (then it is found produced, or its worker is gone).
        await job.moveToDelayed(result.retryAt!.getTime(), token);
        throw new DelayedError(`edition ${result.edition} of ${result.date} is being produced by another worker`);
      }
      log({ event: 'job.done', job: job.id, name: job.name, ...result });
      return result;
    }),
    // Editions render: no more at once than the browser has pages.
    { ...common, concurrency: editionsAtOnce },
  );

  const deliveryProcessor = usageIsPermanent(async (job: Job<DeliverySendData>, token?: string) => {
    if (job.name !== DELIVERY_SEND) throw new UnrecoverableError(`this worker does not know jobs named ${job.name} (a newer version added it?)`);
    const result = await handleDeliverySend(job.data, { config, store, env: options.env, now, log, onPermanentFailure, sendingLeaseMs: leaseMs, outputs, channels: channelsOf });
    if (result.status === 'later') {
      // The outbox's backoff, not a BullMQ attempt: delivery.retry.maxAttempts stays the one limit on tries.
      await job.moveToDelayed(result.retryAt.getTime(), token);
      throw new DelayedError(result.reason);
    }
    log({ event: 'job.done', job: job.id, name: job.name, ...job.data, ...result });
    // Given up (and alerted by the outbox's hook): a failed job, so `briefing status` lists it with its reason.
    if (result.status === 'failed') throw new UnrecoverableError(result.error);
    return result;
  });
  const deliveryWorkers = queueNames(config)
    .filter((name) => name !== EDITIONS_QUEUE)
    .map(
      (name) =>
        new Worker<DeliverySendData>(name, deliveryProcessor, {
          ...common,
          concurrency,
          ...(config.delivery.email && name === smtpQueueName(config.delivery.email) ? { limiter: rateLimit(config.queue.smtpPerSecond) } : {}),
        }),
    );
  const workers = [editions, ...deliveryWorkers];
  for (const worker of workers) {
    // Redis restarting shows here as connection errors; ioredis reconnects by itself and the worker carries on.
    worker.on('error', (error) => log({ event: 'worker.error', level: 'warn', queue: worker.name, error: error.message }));
    worker.on('failed', (job, error) => {
      if (job && !(error instanceof DelayedError)) log({ event: 'job.failed', level: 'error', job: job.id, name: job.name, attempts: job.attemptsMade, error: error.message });
    });
    void worker.run().catch((error: unknown) => log({ event: 'worker.error', level: 'error', queue: worker.name, error: (error as Error).message }));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  log({ event: 'worker.start', level: 'info', worker: self, queues: workers.map((w) => w.name), concurrency });

  let closing: Promise<void> | undefined;
  return {
    close: (graceMs) =>
      (closing ??= (async () => {
        log({ event: 'worker.stop', level: 'info', worker: self, graceMs });
        const graceful = Promise.all(workers.map((w) => w.close()));
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
        // Past the grace period the running jobs are let go: their locks run out and another worker takes them.
        const ended = await Promise.race([graceful.then(() => 'done' as const), late]);
        if (ended === 'late') await Promise.all(workers.map((w) => w.close(true)));
        clearTimeout(timer);
        await producers.close();
        // Runs let go past the grace are left to another worker: their threads end with the process. Ended now,
        // they would fail, and each be recorded as failed (and alerted) before the process is gone.
        if (ended === 'done') await engine.close();
        await browser.close();
      })()),
  };
}
