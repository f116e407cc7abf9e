import { hostname } from 'node:os';
import { loadConfig } from '../config/index.js';
import { jobOptions, openQueues } from '../queue/connection.js';
import { queueUrl } from '../queue/url.js';
import { catchUpMissed, missingSchedulers, requeueOwed, syncJobSchedulers } from '../queue/schedulers.js';
import { StoreRunLedger, Sweeper, type ScheduleLogLine } from '../schedule/index.js';
import { openStore, recordHeartbeat, recordSchedulerStopped } from '../store/index.js';
import { UsageError } from '../util/errors.js';
import { DELIVERY_SWEEP_MS, processShutdown, type ScheduleIO, type ScheduleOptions } from './schedule.js';
import { scheduledEditions } from './scheduled.js';

/**
 * `briefing schedule --queue`: the editions' crons become BullMQ job schedulers (cron and zone) that `briefing worker`
 * processes run, and an occurrence missed while no job was there to run it is caught up; then, until SIGINT/SIGTERM,
 * a heartbeat and sweeps that put deliveries the outbox owes back on the queue and schedulers Redis lost back in
 * Redis. Run it on two machines for availability: the schedulers are shared, each occurrence is one job.
 */
export async function runQueueSchedule(options: ScheduleOptions, io: ScheduleIO): Promise<void> {
  const shutdown = (io.shutdown ?? processShutdown)();
  const env = io.env ?? process.env;
  const flag = typeof options.queue === 'string' ? { queue: options.queue } : {};
  const config = await loadConfig({ cwd: io.cwd, file: options.config, env, flags: flag });
  if (config.editions.length === 0) {
    throw new UsageError(`the configuration${config.file ? ` (${config.file})` : ''} has no editions to schedule; add one under editions: (briefing init writes an example).`);
  }
  const url = queueUrl(config, 'briefing schedule --queue');
  const print = (line: Omit<ScheduleLogLine, 'ts'> & Record<string, unknown>) => io.stdout.write(`${JSON.stringify({ ts: io.now().toISOString(), ...line })}\n`);
  const store = await openStore(config.database);
  const queues = openQueues(config, url);
  const self = { host: hostname(), pid: process.pid, startedAt: io.now().toISOString() };
  const onError = (stage: string) => (error: unknown) => print({ level: 'error', event: 'run.error', stage, error: (error as Error)?.message ?? String(error) });
  const intervalMs = io.sweepIntervalMs ?? DELIVERY_SWEEP_MS;
  const heartbeat = new Sweeper({ intervalMs, sweep: () => store.transaction(async (db) => void (await recordHeartbeat(db, self, io.now()))), onError: onError('heartbeat') });
  const owed = new Sweeper({
    intervalMs,
    sweep: async () => {
      const n = await requeueOwed(config, store, queues, io.now());
      if (n > 0) print({ level: 'info', event: 'run.delivery', message: `${n} owed deliveries put (back) on the queue` });
    },
    onError: onError('delivery sweep'),
  });
  const editions = scheduledEditions(config);
  const ledger = new StoreRunLedger(store);
  const catchUp = async () => {
    for (const missed of await catchUpMissed(queues.editions, editions, ledger, io.now())) {
      print({ level: 'info', event: 'catchup', ...missed, message: 'missed while no job was there to run it: queued now' });
    }
  };
  // Redis restarted without its data takes the schedulers with it: put back, with the occurrence that went missing.
  const schedulers = new Sweeper({
    intervalMs,
    sweep: async () => {
      const missing = await missingSchedulers(queues.editions, editions);
      if (missing.length === 0) return;
      await syncJobSchedulers(queues.editions, editions, jobOptions(config));
      print({ level: 'warn', event: 'scheduler.restored', editions: missing, message: 'Redis no longer had these job schedulers (restarted without its append-only file?); they are back' });
      await catchUp();
    },
    onError: onError('scheduler sweep'),
  });
  try {
    const sync = await syncJobSchedulers(queues.editions, editions, jobOptions(config));
    print({ level: 'info', event: 'scheduler.start', editions: sync.upserted, removed: sync.removed, queue: url.replace(/\/\/[^@/]*@/, '//***@') });
    await catchUp();
    await heartbeat.start();
    await owed.start();
    await schedulers.start();
    const signal = await shutdown;
    print({ level: 'info', event: 'scheduler.stop', signal, message: 'the job schedulers stay in Redis; workers go on producing editions' });
  } finally {
    await heartbeat.stop();
    await owed.stop();
    await schedulers.stop();
    await store.transaction(async (db) => void (await recordSchedulerStopped(db, self, io.now()))).catch(() => undefined);
    await queues.close();
    await store.close();
  }
}
