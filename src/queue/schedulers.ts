/*
 * `briefing schedule --queue`: the editions' crons as BullMQ job schedulers, which produce edition.run jobs in
 * Redis whoever is running. A job scheduler is one key per id: any number of `schedule --queue` processes upsert
 * the same ones, and each occurrence is one job (`repeat:<id>:<instant>`), so none is produced twice; the store's
 * runs claim guards the rest.
 */
import type { DefaultJobOptions, Queue } from 'bullmq';
import type { BriefingConfig } from '../config/index.js';
import type { ScheduledEdition } from '../schedule/index.js';
import { outboxStore, type Store } from '../store/index.js';
import { deliveryJobId, DELIVERY_SEND, EDITION_RUN, type DeliverySendData, type EditionRunData } from './jobs.js';
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
