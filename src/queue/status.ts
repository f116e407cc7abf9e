/*
 * What `briefing status --queue` (and the server's Deliveries page) shows of the queue: jobs per queue and state,
 * the workers connected, and the failed jobs with their reason. Read-only.
 */
import type { BriefingConfig } from '../config/index.js';
import { openQueues } from './connection.js';
import { DELIVERY_SEND, EDITION_RUN, EDITIONS_QUEUE } from './jobs.js';
import type { FailedJob, QueueReport, QueueWorkerInfo, QueueDepth } from './report.js';

/** BullMQ names a worker's connection `<prefix>:<queue>:w:<name>` (getWorkers' rawname); the name is ours (host:pid). */
function workerName(clientName: string): string {
  const at = clientName.indexOf(':w:');
  return at >= 0 ? clientName.slice(at + 3) : clientName;
}

export async function queueReport(config: BriefingConfig, url: string, options: { failedLimit?: number } = {}): Promise<QueueReport> {
  const queues = openQueues(config, url, { failFast: true });
  try {
    const depth: QueueDepth[] = [];
    const workers = new Map<string, QueueWorkerInfo>();
    const failed: FailedJob[] = [];
    for (const queue of queues.all()) {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
      depth.push({
        queue: queue.name,
        jobs: queue.name === EDITIONS_QUEUE ? EDITION_RUN : DELIVERY_SEND,
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      });
      for (const client of await queue.getWorkers()) {
        const name = workerName(client.rawname ?? client.name ?? '');
        const known = workers.get(name) ?? { name, addr: client.addr ?? '', age: Number(client.age ?? 0), queues: [] };
        if (!known.queues.includes(queue.name)) known.queues.push(queue.name);
        workers.set(name, known);
      }
      for (const job of await queue.getFailed(0, (options.failedLimit ?? 20) - 1)) {
        failed.push({
          queue: queue.name,
          id: String(job.id),
          name: job.name,
          reason: job.failedReason ?? '',
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          data: job.data,
        });
      }
    }
    return { url: url.replace(/\/\/[^@/]*@/, '//***@'), depth, workers: [...workers.values()].sort((a, b) => a.name.localeCompare(b.name)), failed };
  } finally {
    await queues.close();
  }
}

