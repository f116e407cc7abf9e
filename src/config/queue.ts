/*
 * The `queue:` section of the configuration: scale-out mode on BullMQ (Redis). Read here once, with its defaults, so
 * the worker, the schedulers and `briefing status` never hold a second copy of a default. Absent (and no --queue
 * flag, no BRIEFING_QUEUE): the embedded mode, one process with its in-process scheduler.
 */
import { z } from '../util/zod.js';
import { ConfigError } from './errors.js';

export const QUEUE_URL_ENV = 'BRIEFING_QUEUE';

const redisUrl = z
  .string()
  .trim()
  .refine((v) => /^rediss?:\/\/[^\s]+$/i.test(v), { message: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' });

export const QueueSchema = z
  .object({
    /** redis://HOST:PORT (or rediss:// for TLS); a password may come from the URL (redis://:PASS@HOST:PORT). */
    url: redisUrl.optional(),
    /** Jobs one worker process runs at once (deliveries; editions are at most the browser pool's pages). */
    concurrency: z.number().int().min(1).max(200).optional(),
    /** Tries of a job that failed unexpectedly (the store unreachable, a crash); deliveries' own retries are delivery.retry. */
    attempts: z.number().int().min(1).max(50).optional(),
    /** First delay of those tries, doubled each time. */
    backoffSeconds: z.number().min(0).optional(),
    /** E-mails per second through the SMTP host, across all workers. */
    smtpPerSecond: z.number().positive().optional(),
    /** A worker that stops answering for this long loses its jobs to another worker (BullMQ's lock and stalled check). */
    lockSeconds: z.number().min(1).max(3600).optional(),
    /**
     * How long a delivery or an edition a worker took is left to it before another worker may do it again: above the
     * longest send and the longest edition run, since a worker slow but alive past it would do it twice; the work
     * of a killed worker waits this long.
     */
    leaseSeconds: z.number().min(1).max(86_400).optional(),
    /** How long finished jobs are kept: a second scheduler's add of the same edition within this window is ignored. */
    keepDays: z.number().positive().max(365).optional(),
  })
  .strict();

export type QueueFile = z.infer<typeof QueueSchema>;

export interface QueueSettings {
  /** Undefined: no queue configured (the embedded mode). */
  url?: string;
  concurrency: number;
  attempts: number;
  backoffSeconds: number;
  smtpPerSecond: number;
  lockSeconds: number;
  leaseSeconds: number;
  keepDays: number;
}

export function defaultQueueSettings(): QueueSettings {
  return { concurrency: 8, attempts: 5, backoffSeconds: 10, smtpPerSecond: 10, lockSeconds: 30, leaseSeconds: 300, keepDays: 7 };
}

export function applyQueueFile(settings: QueueSettings, file: QueueFile): QueueSettings {
  const defined = Object.fromEntries(Object.entries(file).filter(([, v]) => v !== undefined)) as Partial<QueueSettings>;
  return { ...settings, ...defined };
}

/** A queue URL from the environment or a --queue flag, checked as the file's is; `where` names it in the error. */
export function checkQueueUrl(value: string, where: string): string {
  const parsed = redisUrl.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${where} "${value}" ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}
