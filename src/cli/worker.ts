import { loadConfig } from '../config/index.js';
import { queueUrl } from '../queue/url.js';
import { startQueueWorker } from '../queue/worker.js';
import { openStore } from '../store/index.js';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';
import { processShutdown } from './schedule.js';

export interface WorkerOptions {
  config?: string;
  /** The queue's URL; true (`--queue` alone) or absent: the configured one. */
  queue?: string | boolean;
  concurrency?: string;
  /** Seconds the current jobs get to finish at SIGINT/SIGTERM. */
  grace?: string;
}

export interface WorkerIO extends CommandIO {
  /** Resolves when the process is asked to stop; tests resolve it themselves. */
  shutdown?: () => Promise<string>;
}

/**
 * `briefing worker --queue redis://HOST:PORT`: takes editions and deliveries from the queue until SIGINT/SIGTERM,
 * one JSON log line per event on stdout. Start as many as needed, on as many machines as share the database and
 * the output folder.
 */
export async function runWorker(options: WorkerOptions, io: WorkerIO): Promise<void> {
  const shutdown = (io.shutdown ?? processShutdown)();
  const env = io.env ?? process.env;
  const config = await loadConfig({ cwd: io.cwd, file: options.config, env, flags: typeof options.queue === 'string' ? { queue: options.queue } : {} });
  const url = queueUrl(config, 'briefing worker');
  const concurrency = options.concurrency === undefined ? undefined : wholeNumber(options.concurrency, '--concurrency');
  const graceMs = options.grace === undefined ? 30_000 : wholeNumber(options.grace, '--grace', 0) * 1000;
  const print = (line: Record<string, unknown>) => io.stdout.write(`${JSON.stringify({ ts: io.now().toISOString(), level: 'info', ...line })}\n`);
  const store = await openStore(config.database, { log: (entry) => print({ level: entry.level, event: 'store.message', message: entry.message }) });
  try {
    const worker = await startQueueWorker({ config, url, store, concurrency, env, now: io.now, log: print });
    await shutdown;
    await worker.close(graceMs);
  } finally {
    await store.close();
  }
}

function wholeNumber(value: string, flag: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} "${value}" must be a whole number of ${min} or more.`);
  return n;
}
