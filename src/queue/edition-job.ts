/*
 * edition.run in a worker: produce the edition once (runEdition without delivery), then fan it out as one
 * delivery.send job per recipient. Exactly once, even when BullMQ runs the job again (a stalled worker, a retry, a
 * second scheduler's add after Redis forgot): the store's runs table claims the occurrence, and the outbox rows are
 * enqueued before the jobs, so the store, not Redis, knows what is owed.
 */
import type { BrowserManager } from '../browser/browser-manager.js';
import type { EngineThreads } from '../produce/engine-threads.js';
import type { BriefingConfig } from '../config/index.js';
import { findEdition, runEdition } from '../edition/run-edition.js';
import { StoreRunLedger } from '../schedule/index.js';
import { enqueueDelivery, getEdition, getRun, type Store } from '../store/index.js';
import { dateInTimeZone } from '../util/dates.js';
import { deliveriesOf, deliveryJobId, scheduledForOf, DELIVERY_SEND, type DeliverySendData, type EditionRunData } from './jobs.js';

/** What the handler reads of a BullMQ job: its data and the scheduler's instant. */
export interface EditionJob {
  data: EditionRunData;
  opts: { prevMillis?: number; timestamp?: number };
}

export interface EditionJobDeps {
  config: BriefingConfig;
  /** How long a claimed run is left to the worker that claimed it (queue.leaseSeconds) before another redoes it. */
  leaseMs: number;
  /** While another worker may still be producing it, look again after at most this long (the job lock's length). */
  recheckMs: number;
  store: Store;
  browser?: BrowserManager;
  /** Where the engine runs (the worker process's threads); default this thread. */
  engine?: EngineThreads;
  /** Web pages read at once on threads of the run's own (GenerateOptions.extractionThreads; default 1). */
  extractionThreads?: number;
  env?: NodeJS.ProcessEnv;
  now: () => Date;
  log: (line: Record<string, unknown>) => void;
  /** Adds delivery.send jobs (stable ids: an existing one is left as it is). */
  addDeliveries: (jobs: { name: string; data: DeliverySendData; jobId: string }[]) => Promise<void>;
}

export interface EditionJobResult {
  edition: string;
  date: string;
  scheduledFor: string;
  /**
   * rendered: produced by this job; found: produced earlier, only fanned out; later: another worker holds the claim
   * (try again at retryAt); skipped: the run ended otherwise (failed, aborted) and is not redone; failed: this run failed.
   */
  produced: 'rendered' | 'found' | 'later' | 'skipped' | 'failed';
  deliveries: number;
  retryAt?: Date;
  error?: string;
}

export async function handleEditionRun(job: EditionJob, deps: EditionJobDeps): Promise<EditionJobResult> {
  const { config, store } = deps;
  const edition = findEdition(config, job.data.edition);
  const scheduledFor = scheduledForOf(job.data, job.opts, deps.now());
  const at = scheduledFor.toISOString();
  // The date of the occurrence, not of the moment it ran: a late job still produces that day's edition.
  const date = dateInTimeZone(scheduledFor, edition.schedule.timezone);
  const base = { edition: edition.name, date, scheduledFor: at };
  const ledger = new StoreRunLedger(store);

  let render = await ledger.claim(edition.name, scheduledFor, deps.now());
  if (!render) {
    const run = await store.read((db) => getRun(db, edition.name, at));
    const produced = await store.read((db) => getEdition(db, edition.name, date));
    const producedSinceClaim = produced?.status === 'ok' && run !== undefined && (produced.finishedAt ?? '') >= run.claimedAt;
    if (run?.outcome === 'ok' || producedSinceClaim) {
      // Produced already (this job was cut off while fanning out, or Redis forgot it): fan out, never render again.
      if (run?.outcome !== 'ok') await ledger.finish(edition.name, scheduledFor, deps.now(), 'success');
    } else if (run?.outcome === 'running') {
      // Claimed and not finished: by a worker still at it (BullMQ hands a job on when a lock is missed, which a
      // starved but living worker can do), or by one that died. Only past the lease is it taken over.
      const leaseEnd = Date.parse(run.claimedAt) + deps.leaseMs;
      const now = deps.now().getTime();
      if (now < leaseEnd) {
        deps.log({ event: 'run.skipped', level: 'info', ...base, reason: 'claimed', claimedAt: run.claimedAt });
        return { ...base, produced: 'later', deliveries: 0, retryAt: new Date(Math.min(leaseEnd, now + deps.recheckMs)) };
      }
      deps.log({ event: 'run.takeover', level: 'warn', ...base, claimedAt: run.claimedAt, message: 'the worker that claimed this run is gone (its lease ran out); producing it here' });
      render = true;
    } else {
      deps.log({ event: 'run.skipped', level: 'info', ...base, reason: `already ${run?.outcome ?? 'claimed'}` });
      return { ...base, produced: 'skipped', deliveries: 0 };
    }
  }

  if (render) {
    // runEdition returns the failures it knows; one it throws leaves the claim running for BullMQ's retry (a takeover).
    const outcome = await runEdition(config, edition.name, {
      date,
      now: deps.now(),
      deliver: false,
      store,
      browser: deps.browser,
      engine: deps.engine,
      extractionThreads: deps.extractionThreads,
      env: deps.env,
      log: deps.log,
    });
    if (outcome.status !== 'success') {
      // A failed run is recorded and alerted by runEdition, as in the embedded mode; it is not retried either.
      await ledger.finish(edition.name, scheduledFor, deps.now(), outcome.status, outcome.error);
      return { ...base, produced: 'failed', deliveries: 0, error: outcome.error };
    }
    deps.log({ event: 'edition.rendered', level: 'info', ...base, outputs: outcome.outputs });
  }

  // The store first, then Redis: every delivery owed is an outbox row before any job exists for it.
  const deliveries = deliveriesOf(edition, date);
  // One transaction for all of them (hundreds of recipients): INSERT OR IGNORE, so a repeated fan-out adds nothing.
  await store.transaction(async (db) => {
    for (const d of deliveries) await enqueueDelivery(db, d, deps.now());
  });
  if (render) await ledger.finish(edition.name, scheduledFor, deps.now(), 'success');
  await deps.addDeliveries(deliveries.map((data) => ({ name: DELIVERY_SEND, data, jobId: deliveryJobId(data) })));
  return { ...base, produced: render ? 'rendered' : 'found', deliveries: deliveries.length };
}
