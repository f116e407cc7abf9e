/*
 * The server's briefings made by `briefing worker` processes (`serve --queue`): a briefing.generate job per request
 * on the editions queue, its stages reported back as the job's progress, its files written to the job's folder on
 * the shared output folder. The server keeps the job's page, its events and its files' URLs as it does for a
 * briefing it makes itself (runner.ts); only the work moves.
 */
import { Job, QueueEvents } from 'bullmq';
import type { BriefingConfig } from '../../config/index.js';
import { connectionOptions, openQueues } from '../../queue/connection.js';
import {
  BRIEFING_GENERATE,
  EDITIONS_QUEUE,
  type BriefingGenerateData,
  type BriefingGenerateProgress,
  type BriefingGenerateResult,
} from '../../queue/jobs.js';

export interface RemoteBriefings {
  /**
   * Adds the job (id `id`: asked twice, it is one job) and resolves with its result when a worker has made it;
   * rejects with the worker's reasons when it failed, or when `signal` aborts the wait (the job goes on).
   */
  run(id: string, data: BriefingGenerateData, onProgress: (progress: BriefingGenerateProgress) => void, signal?: AbortSignal): Promise<BriefingGenerateResult>;
  close(): Promise<void>;
}

/** How often a wait also asks Redis for the job's state: its 'completed' event may fall into a Redis restart. */
const POLL_MS = 2000;

export async function openRemoteBriefings(config: BriefingConfig, url: string): Promise<RemoteBriefings> {
  const queues = openQueues(config, url);
  const events = new QueueEvents(EDITIONS_QUEUE, { connection: connectionOptions(url) });
  events.on('error', () => {});
  await events.waitUntilReady();
  const progress = new Map<string, (progress: BriefingGenerateProgress) => void>();
  events.on('progress', ({ jobId, data }) => progress.get(jobId)?.(data as unknown as BriefingGenerateProgress));

  async function outcome(id: string): Promise<{ done: BriefingGenerateResult } | { failed: string } | null> {
    const job = await Job.fromId<BriefingGenerateData, BriefingGenerateResult>(queues.editions, id);
    if (!job) return { failed: 'the job is no longer in the queue (Redis lost it); submit the briefing again.' };
    const state = await job.getState();
    if (state === 'completed') return { done: job.returnvalue };
    // A job is failed for good once no attempt is left (one attempt: a briefing that failed fails the same again).
    if (state === 'failed') return { failed: job.failedReason || 'the worker gave no reason' };
    return null;
  }

  return {
    async run(id, data, onProgress, signal) {
      progress.set(id, onProgress);
      try {
        // One attempt: a briefing that cannot be made says why at once; a worker that dies is the stalled check's.
        await queues.editions.add(BRIEFING_GENERATE, data, { jobId: id, attempts: 1 });
        for (;;) {
          if (signal?.aborted) throw signal.reason ?? new Error('aborted');
          const finished = await outcome(id);
          if (finished && 'done' in finished) return finished.done;
          if (finished) throw new Error(finished.failed);
          // Woken by the job's own end, or after a while to ask again.
          await new Promise<void>((resolve) => {
            const done = ({ jobId }: { jobId: string }) => jobId === id && wake();
            const timer = setTimeout(() => wake(), POLL_MS);
            const wake = () => {
              clearTimeout(timer);
              events.off('completed', done);
              events.off('failed', done);
              signal?.removeEventListener('abort', wake);
              resolve();
            };
            events.on('completed', done);
            events.on('failed', done);
            signal?.addEventListener('abort', wake, { once: true });
          });
        }
      } finally {
        progress.delete(id);
      }
    },
    async close() {
      await events.close();
      await queues.close();
    },
  };
}
