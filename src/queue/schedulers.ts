/*
 * `briefing schedule --queue`: the editions' crons as BullMQ job schedulers, which produce edition.run jobs in
 * Redis whoever is running. A job scheduler is one key per id: any number of `schedule --queue` processes upsert
 * the same ones, and each occurrence is one job (`repeat:<id>:<instant>`), so none is produced twice; the store's
 * runs claim guards the rest. What Redis does not keep (an occurrence whose job it lost, schedulers gone with a
 * restart without its append-only file) the store's runs table tells: caught up like the embedded scheduler does.
 */
import type { DefaultJobOptions, Queue } from 'bullmq';
import type { BriefingConfig } from '../config/index.js';
import { missedOccurrence, type RunLedger, type ScheduledEdition } from '../schedule/index.js';
import { outboxStore, type Store } from '../store/index.js';
import { deliveryJobId, DELIVERY_SEND, EDITION_RUN, editionRunJobId, type DeliverySendData, type EditionRunData } from './jobs.js';
import type { Queues } from './connection.js';

/** The scheduler id of an edition; BullMQ derives each occurrence's job id from it (no ':' allowed). */
export function schedulerIdOf(edition: string): string {
  return `edition-${encodeURIComponent(edition)}`;
}

export interface SchedulerSync {
  upserted: string[];
  /** Schedulers of editions no longer configured, taken out. */
  removed: string[];
}

/** Makes the queue's job schedulers the configuration's editions: one per edition (cron and zone), none for others. */
export async function syncJobSchedulers(queue: Queue, editions: ScheduledEdition[], opts: DefaultJobOptions = {}): Promise<SchedulerSync> {
  const wanted = new Map(editions.map((e) => [schedulerIdOf(e.name), e]));
  const result: SchedulerSync = { upserted: [], removed: [] };
  for (const [id, edition] of wanted) {
    const data: EditionRunData = { edition: edition.name };
    // The queue's job options (retries, how long finished jobs are kept) given again: a template has its own.
    await queue.upsertJobScheduler(id, { pattern: edition.cron, tz: edition.timeZone }, { name: EDITION_RUN, data, opts });
    result.upserted.push(edition.name);
  }
  for (const existing of await queue.getJobSchedulers()) {
    const id = existing.key;
    if (existing.name === EDITION_RUN && id.startsWith('edition-') && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      result.removed.push(decodeURIComponent(id.slice('edition-'.length)));
    }
  }
  return result;
}

/** The job a scheduler makes for one occurrence (BullMQ's own id scheme): present while Redis keeps it. */
function schedulerJobId(edition: string, at: Date): string {
  return `repeat:${schedulerIdOf(edition)}:${at.getTime()}`;
}

export interface CaughtUp {
  edition: string;
  /** The missed occurrence, now an edition.run job. */
  scheduledFor: string;
  /** The occurrence claimed before it (the last run the store knows). */
  lastScheduledFor: string;
}

/**
 * The occurrences nobody produced and no job in Redis will: for each edition that ran before, its most recent
 * occurrence within the catch-up window when the store has no run of it (or later) and its scheduler's job is not
 * in Redis (lost with Redis's data, or never made because the schedulers were gone). Each becomes an edition.run
 * job with a stable id; a second add, by another `schedule --queue`, is ignored, and the runs claim keeps a job
 * that still turns up from producing it twice. An edition that never ran has missed nothing.
 */
export async function catchUpMissed(queue: Queue, editions: ScheduledEdition[], ledger: Pick<RunLedger, 'lastRun'>, now: Date): Promise<CaughtUp[]> {
  const added: CaughtUp[] = [];
  for (const edition of editions) {
    const missed = await missedOccurrence(edition, ledger, now);
    if (!missed) continue;
    const scheduledFor = missed.scheduledFor.toISOString();
    const jobId = editionRunJobId(edition.name, scheduledFor);
    if ((await queue.getJob(schedulerJobId(edition.name, missed.scheduledFor))) || (await queue.getJob(jobId))) continue;
    const data: EditionRunData = { edition: edition.name, scheduledFor };
    await queue.add(EDITION_RUN, data, { jobId });
    added.push({ edition: edition.name, scheduledFor, lastScheduledFor: missed.lastScheduledFor.toISOString() });
  }
  return added;
}

/** The editions whose job scheduler Redis no longer has (it restarted without its data, or someone removed it). */
export async function missingSchedulers(queue: Queue, editions: ScheduledEdition[]): Promise<string[]> {
  const present = new Set((await queue.getJobSchedulers()).map((scheduler) => scheduler.key));
  return editions.filter((edition) => !present.has(schedulerIdOf(edition.name))).map((edition) => edition.name);
}

/**
 * Puts every delivery the outbox owes now back on the queue (stable ids: one still queued or delayed is left as
 * it is). What makes the store, not Redis, the record of what is owed: after Redis lost its data, or for rows
 * `briefing deliver` rescheduled by hand. Returns how many were owed.
 */
export async function requeueOwed(config: BriefingConfig, store: Store, queues: Queues, now: Date): Promise<number> {
  const owed = await outboxStore(store).listDue({}, now);
  const known = new Set(config.editions.map((e) => e.name));
  const jobs = owed
    .filter((row) => known.has(row.edition) && (row.channel === 'email' || row.channel === 'file' || row.channel === 'webhook'))
    .map((row) => ({ edition: row.edition, date: row.date, channel: row.channel, recipient: row.recipient }) as DeliverySendData);
  for (const data of jobs) await queues.deliveries(data.channel).add(DELIVERY_SEND, data, { jobId: deliveryJobId(data) });
  return jobs.length;
}
