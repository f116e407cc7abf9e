/*
 * The edge to Redis: BullMQ queues built from the configuration's `queue:` settings. Everything that adds jobs goes
 * through `openQueues`, so the retention that makes a duplicate add a no-op (finished jobs kept `keepDays`) and
 * the retry policy are set in one place.
 */
import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import type { BriefingConfig } from '../config/index.js';
import type { ChannelName } from '../deliver/index.js';
import { deliveryQueueName, DELIVERIES_QUEUE, EDITIONS_QUEUE, smtpQueueName } from './jobs.js';

/** BullMQ's connection: its own clients per queue and worker; maxRetriesPerRequest null so a Redis restart is waited out. */
export function connectionOptions(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

/** Every queue a configuration uses: editions, the SMTP host's, the other deliveries'. */
export function queueNames(config: BriefingConfig): string[] {
  return [EDITIONS_QUEUE, ...(config.delivery.email ? [smtpQueueName(config.delivery.email)] : []), DELIVERIES_QUEUE];
}

/** Job options every add uses: retries with exponential backoff, finished jobs kept long enough to dedupe. */
export function jobOptions(config: BriefingConfig): DefaultJobOptions {
  const keep = { age: Math.round(config.queue.keepDays * 86_400) };
  return {
    attempts: config.queue.attempts,
    backoff: { type: 'exponential', delay: Math.round(config.queue.backoffSeconds * 1000) },
    removeOnComplete: keep,
    removeOnFail: keep,
  };
}

export interface Queues {
  editions: Queue;
  /** The queue a delivery on `channel` goes to (its SMTP host's for e-mail). */
  deliveries(channel: ChannelName): Queue;
  all(): Queue[];
  close(): Promise<void>;
}

/** The configuration's queues as producers (and for status). Close them when done: each holds a Redis connection. */
export function openQueues(config: BriefingConfig, url: string, options: { failFast?: boolean } = {}): Queues {
  // failFast (a status read): an unreachable Redis is an answer, not a wait until it comes back.
  const connection = options.failFast
    ? { url, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000, retryStrategy: () => null }
    : connectionOptions(url);
  const defaultJobOptions = jobOptions(config);
  const byName = new Map<string, Queue>();
  const queue = (name: string) => {
    let found = byName.get(name);
    if (!found) {
      found = new Queue(name, { connection, defaultJobOptions });
      // A Redis restart is reported by ioredis and retried; without a listener the error would end the process.
      found.on('error', () => {});
      byName.set(name, found);
    }
    return found;
  };
  for (const name of queueNames(config)) queue(name);
  return {
    editions: queue(EDITIONS_QUEUE),
    deliveries: (channel) => queue(deliveryQueueName(channel, config.delivery.email)),
    all: () => [...byName.values()],
    close: async () => {
      await Promise.all([...byName.values()].map((q) => q.close()));
    },
  };
}
