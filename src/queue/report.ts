/*
 * The queue's view as `briefing status --queue` prints it (and the server's Deliveries page shows it): the shapes and the text, without BullMQ (status without
 * --queue loads none of it). Read by src/queue/status.ts.
 */

export interface QueueDepth {
  queue: string;
  /** The job type the queue carries. */
  jobs: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface QueueWorkerInfo {
  /** host:pid of the worker process. */
  name: string;
  addr: string;
  /** Seconds connected. */
  age: number;
  queues: string[];
}

export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  reason: string;
  attempts: number;
  failedAt: string | null;
  data: unknown;
}

export interface QueueReport {
  /** The URL with any password taken out. */
  url: string;
  depth: QueueDepth[];
  workers: QueueWorkerInfo[];
  failed: FailedJob[];
}

export function formatQueueReport(report: QueueReport): string {
  const lines = [`queue: ${report.url}, ${report.workers.length} worker(s)`];
  for (const d of report.depth) {
    lines.push(`  ${d.jobs.padEnd(13)} ${d.queue}: ${d.waiting} waiting, ${d.active} active, ${d.delayed} delayed, ${d.failed} failed, ${d.completed} completed`);
  }
  for (const w of report.workers) lines.push(`  worker  ${w.name} (${w.addr}, connected ${w.age} s)`);
  for (const f of report.failed) lines.push(`  failed  ${f.name} ${f.id} after ${f.attempts} attempt(s): ${f.reason}`);
  return `${lines.join('\n')}\n`;
}
