/*
 * edition.run in a worker: produce the edition once (runEdition without delivery), then fan it out as one
 * delivery.send job per recipient. Exactly once, even when BullMQ runs the job again (a stalled worker, a retry, a
 * second scheduler's add after Redis forgot): the store's runs table claims the occurrence, and the outbox rows are
 * enqueued before the jobs, so the store, not Redis, knows what is owed.
 */
import type { BrowserManager } from '../browser/browser-manager.js';
import type { BriefingConfig } from '../config/index.js';
import { findEdition, runEdition } from '../edition/run-edition.js';
import { StoreRunLedger } from '../schedule/index.js';
import { enqueueDelivery, getEdition, getRun, type Store } from '../store/index.js';
import { dateInTimeZone } from '../util/dates.js';
import { deliveriesOf, deliveryJobId, scheduledForOf, DELIVERY_SEND, type DeliverySendData, type EditionRunData } from './jobs.js';

/** What the handler reads of a BullMQ job: its data, the scheduler's instant, and whether it ran before. */
export interface EditionJob {
  data: EditionRunData;
  opts: { prevMillis?: number; timestamp?: number };
  /** BullMQ: times the job was taken; more than 1 means an earlier taking of this very job ended without finishing. */
  attemptsStarted: number;
  stalledCounter: number;
}

export interface EditionJobDeps {
  config: BriefingConfig;
  store: Store;
  browser?: BrowserManager;
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
  /** rendered: produced by this job; found: produced earlier, only fanned out; skipped: another holds the claim. */
  produced: 'rendered' | 'found' | 'skipped' | 'failed';
  deliveries: number;
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
    } else if (run?.outcome === 'running' && (job.attemptsStarted > 1 || job.stalledCounter > 0)) {
      // This very job was taken before and that taking died (BullMQ gives a job to one worker at a time, and only
      // after its lock ran out): the claim is ours to finish.
      deps.log({ event: 'run.takeover', level: 'warn', ...base, message: 'an earlier worker stopped during this run; producing it here' });
      render = true;
    } else {
      deps.log({ event: 'run.skipped', level: 'info', ...base, reason: run?.outcome === 'running' ? 'claimed' : `already ${run?.outcome ?? 'claimed'}` });
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
