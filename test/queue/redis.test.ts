// Job schedulers and the queue's status on a real redis-server.
import { afterEach, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import { loadConfig } from '../../src/config/index.js';
import { connectionOptions, openQueues } from '../../src/queue/connection.js';
import { DELIVERY_SEND, EDITION_RUN, EDITIONS_QUEUE, deliveryJobId, editionRunJobId } from '../../src/queue/jobs.js';
import { catchUpMissed, syncJobSchedulers } from '../../src/queue/schedulers.js';
import { previousRun, StoreRunLedger } from '../../src/schedule/index.js';
import { queueReport } from '../../src/queue/status.js';
import { formatQueueReport } from '../../src/queue/report.js';
import { editionProject } from '../edition/helpers.js';
import { startRedis } from '../servers.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup() {
  const redis = await startRedis();
  cleanup.push(() => redis.stop());
  const project = await editionProject({ cron: '0 6 * * *', extra: `queue: { url: "${redis.url}" }\n` });
  const config = await loadConfig({ cwd: project.dir, env: {} });
  return { redis, config };
}

describe('briefing schedule --queue: job schedulers', () => {
  it('two schedulers upserting the same editions make one scheduler and one next job per edition', async () => {
    const { redis, config } = await setup();
    const first = openQueues(config, redis.url);
    const second = openQueues(config, redis.url);
    cleanup.push(() => first.close(), () => second.close());
    const editions = [
      { name: 'morning', cron: '0 6 * * *', timeZone: 'Europe/London' },
      { name: 'evening', cron: '0 18 * * 1-5', timeZone: 'America/New_York' },
    ];
    await Promise.all([syncJobSchedulers(first.editions, editions), syncJobSchedulers(second.editions, editions)]);
    const schedulers = await first.editions.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['edition-evening', '0 18 * * 1-5', 'America/New_York'],
      ['edition-morning', '0 6 * * *', 'Europe/London'],
    ]);
    const delayed = await first.editions.getDelayed();
    expect(delayed.map((j) => j.name)).toEqual([EDITION_RUN, EDITION_RUN]);
    // Each job is the next occurrence in its zone: 06:00 in London.
    const morning = delayed.find((j) => j.data.edition === 'morning')!;
    const at = new Date(morning.opts.prevMillis!);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(at)).toBe('06:00');

    // An edition taken out of the configuration loses its scheduler.
    const sync = await syncJobSchedulers(second.editions, editions.slice(0, 1));
    expect(sync.removed).toEqual(['evening']);
    expect((await first.editions.getJobSchedulers()).map((s) => s.key)).toEqual(['edition-morning']);
  });
});

describe('briefing schedule --queue: catching up what Redis did not keep', () => {
  const HOUR = 3_600_000;
  async function withStore() {
    const { redis, config } = await setup();
    const { claimRun, openStore } = await import('../../src/store/index.js');
    const store = await openStore(config.database);
    const queues = openQueues(config, redis.url);
    cleanup.push(() => store.close(), () => queues.close());
    const claim = (edition: string, at: Date) => store.transaction((db) => claimRun(db, edition, at.toISOString(), at));
    return { redis, config, store, queues, claim, ledger: new StoreRunLedger(store) };
  }

  it('queues the latest occurrence missed since the last run, once, and nothing for an edition that never ran', async () => {
    const { queues, claim, ledger } = await withStore();
    const now = new Date();
    const latest = previousRun('0 6 * * *', 'UTC', now)!;
    await claim('morning', new Date(latest.getTime() - 24 * HOUR));
    const editions = [
      { name: 'morning', cron: '0 6 * * *', timeZone: 'UTC' },
      { name: 'evening', cron: '0 18 * * *', timeZone: 'UTC' },
    ];
    const added = await catchUpMissed(queues.editions, editions, ledger, now);
    expect(added).toEqual([{ edition: 'morning', scheduledFor: latest.toISOString(), lastScheduledFor: new Date(latest.getTime() - 24 * HOUR).toISOString() }]);
    const job = await queues.editions.getJob(editionRunJobId('morning', latest.toISOString()));
    expect(job?.name).toBe(EDITION_RUN);
    expect(job?.data).toEqual({ edition: 'morning', scheduledFor: latest.toISOString() });
    // A second schedule --queue (or the next sweep) finds the job there and adds nothing.
    expect(await catchUpMissed(queues.editions, editions, ledger, now)).toEqual([]);
    expect(await queues.editions.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 0 });
  });

  it('leaves an occurrence produced already, one past the catch-up window, and one whose scheduler job Redis still holds', async () => {
    const { queues, claim, ledger } = await withStore();
    const now = new Date();
    const latest = previousRun('0 6 * * *', 'UTC', now)!;
    await claim('morning', latest);
    const morning = { name: 'morning', cron: '0 6 * * *', timeZone: 'UTC' };
    expect(await catchUpMissed(queues.editions, [morning], ledger, now)).toEqual([]);
    // Past the window: a scheduler down for longer does not produce a stale edition.
    await claim('late', new Date(latest.getTime() - 24 * HOUR));
    const late = { name: 'late', cron: '0 6 * * *', timeZone: 'UTC', catchUpMs: 1_000 };
    expect(await catchUpMissed(queues.editions, [late], ledger, new Date(latest.getTime() + 2_000))).toEqual([]);
    // The scheduler's own (delayed) job for the next occurrence: when that occurrence is due it is not added again.
    const evening = { name: 'evening', cron: '0 18 * * *', timeZone: 'UTC' };
    await syncJobSchedulers(queues.editions, [evening]);
    const [next] = await queues.editions.getDelayed();
    const at = new Date(next!.opts.prevMillis!);
    await claim('evening', new Date(at.getTime() - 24 * HOUR));
    expect(await catchUpMissed(queues.editions, [evening], ledger, new Date(at.getTime() + 60_000))).toEqual([]);
    // The same occurrence without that job is caught up: the check above is what kept it out.
    await queues.editions.removeJobScheduler('edition-evening');
    await next!.remove();
    expect((await catchUpMissed(queues.editions, [evening], ledger, new Date(at.getTime() + 60_000))).map((a) => a.scheduledFor)).toEqual([at.toISOString()]);
  });

  it('puts back the schedulers of a Redis that lost its data, and queues the occurrence missed meanwhile', async () => {
    const { redis, config, queues, claim } = await withStore();
    const { runCli } = await import('../../src/cli/program.js');
    const { captureIO } = await import('../helpers.js');
    const now = new Date();
    const latest = previousRun('0 6 * * *', 'UTC', now)!;
    await claim('morning', new Date(latest.getTime() - 24 * HOUR));
    let stop!: (signal: string) => void;
    const io = { ...captureIO(config.baseDir, now), now: () => new Date(), env: {}, sweepIntervalMs: 100, shutdown: () => new Promise<string>((resolve) => (stop = resolve)) };
    const running = runCli(['schedule', '--queue', config.queue!.url!], io);
    const waitFor = async (what: string, done: () => Promise<boolean> | boolean) => {
      const deadline = Date.now() + 15_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`${what}: ${io.out()} ${io.err()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    // At start: the occurrence missed since yesterday's run is queued.
    const jobId = editionRunJobId('morning', latest.toISOString());
    await waitFor('no catch-up at start', async () => io.out().includes('"catchup"') && (await queues.editions.getJob(jobId)) !== undefined);
    // Redis restarted without its append-only file: everything gone, the connections come back by themselves.
    await redis.restart();
    expect(await queues.editions.getJob(jobId)).toBeUndefined();
    await waitFor('the schedulers were not put back', async () => (await queues.editions.getJobSchedulers()).length === 1);
    await waitFor('the missed occurrence was not queued again', async () => (await queues.editions.getJob(jobId)) !== undefined);
    const lines = io.out().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((l) => l.event === 'scheduler.restored')).toMatchObject({ level: 'warn', editions: ['morning'] });
    expect(lines.filter((l) => l.event === 'catchup').map((l) => l.scheduledFor)).toEqual([latest.toISOString(), latest.toISOString()]);
    stop('SIGTERM');
    expect(await running).toBe(0);
  });
});

describe('briefing schedule --queue from the command line', () => {
  it('upserts the job schedulers, writes the heartbeat, puts owed deliveries back on the queue, and stops on a signal', async () => {
    const { redis, config } = await setup();
    const { runCli } = await import('../../src/cli/program.js');
    const { captureIO } = await import('../helpers.js');
    const { enqueueDelivery, latestHeartbeat, openStore } = await import('../../src/store/index.js');
    // A delivery the outbox owes with no job (as after Redis lost its data).
    const store = await openStore(config.database);
    cleanup.push(() => store.close());
    const owed = { edition: 'morning', date: '2025-07-11', channel: 'file' as const, recipient: '/srv/drop' };
    await store.transaction(async (db) => void (await enqueueDelivery(db, owed, new Date('2025-07-11T06:00:00Z'))));
    let stop!: (signal: string) => void;
    const io = { ...captureIO(config.baseDir, new Date()), now: () => new Date(), env: {}, shutdown: () => new Promise<string>((resolve) => (stop = resolve)) };
    const running = runCli(['schedule', '--queue', redis.url], io);
    const queues = openQueues(config, redis.url);
    cleanup.push(() => queues.close());
    const deadline = Date.now() + 15_000;
    while (!io.out().includes('"scheduler.start"') || (await queues.deliveries('file').getWaitingCount()) === 0) {
      if (Date.now() > deadline) throw new Error(`schedule --queue did not start: ${io.err()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await queues.editions.getJobSchedulers()).map((s) => [s.key, s.pattern, s.tz])).toEqual([['edition-morning', '0 6 * * *', 'UTC']]);
    expect((await queues.deliveries('file').getWaiting()).map((j) => j.id)).toEqual([deliveryJobId(owed)]);
    expect(await store.read((db) => latestHeartbeat(db))).toMatchObject({ pid: process.pid });
    stop('SIGTERM');
    expect(await running).toBe(0);
    expect(io.out()).toContain('"scheduler.stop"');
    expect(await store.read((db) => latestHeartbeat(db))).toMatchObject({ stoppedAt: expect.any(String) });
  });
});

describe('the worker', () => {
  it('fails a job for an edition the configuration no longer has at once, with the reason, instead of retrying it', async () => {
    const { redis, config } = await setup();
    const { startQueueWorker } = await import('../../src/queue/worker.js');
    const { openStore } = await import('../../src/store/index.js');
    const store = await openStore(config.database);
    cleanup.push(() => store.close());
    const lines: Record<string, unknown>[] = [];
    const worker = await startQueueWorker({ config, url: redis.url, store, log: (line) => void lines.push(line) });
    cleanup.push(() => worker.close(1000));
    const queues = openQueues(config, redis.url);
    cleanup.push(() => queues.close());
    await queues.editions.add(EDITION_RUN, { edition: 'gone', scheduledFor: '2025-07-11T06:00:00.000Z' }, { jobId: 'edition.run|gone|2025' });
    const deadline = Date.now() + 15_000;
    while ((await queues.editions.getFailedCount()) === 0) {
      if (Date.now() > deadline) throw new Error(`the job did not fail: ${JSON.stringify(lines.slice(-3))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [failed] = await queues.editions.getFailed();
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toContain('no edition is named "gone"; the configuration has morning');
    expect(lines.some((l) => l.event === 'worker.start')).toBe(true);
  });
});

describe('briefing status --queue', () => {
  it('shows jobs per queue, the workers connected and failed jobs with their reason', async () => {
    const { redis, config } = await setup();
    const queues = openQueues(config, redis.url);
    cleanup.push(() => queues.close());
    const data = { edition: 'morning', date: '2025-07-11', channel: 'file' as const, recipient: '/srv/drop' };
    // A duplicate add of the same delivery is one job.
    await queues.deliveries('file').add(DELIVERY_SEND, data, { jobId: deliveryJobId(data) });
    await queues.deliveries('file').add(DELIVERY_SEND, data, { jobId: deliveryJobId(data) });
    await queues.editions.add(EDITION_RUN, { edition: 'gone' }, { jobId: 'edition.run|gone|x', attempts: 1 });
    const worker = new Worker(EDITIONS_QUEUE, async () => {
      throw new UnrecoverableError('no edition is named "gone"');
    }, { connection: connectionOptions(redis.url), name: 'test-host:4242' });
    cleanup.push(() => worker.close());
    const failed = new Promise((resolve) => worker.once('failed', resolve));
    await failed;

    const report = await queueReport(config, redis.url);
    expect(report.depth.find((d) => d.jobs === DELIVERY_SEND)).toMatchObject({ waiting: 1, failed: 0 });
    expect(report.depth.find((d) => d.queue === EDITIONS_QUEUE)).toMatchObject({ failed: 1, waiting: 0 });
    expect(report.workers.map((w) => w.name)).toEqual(['test-host:4242']);
    expect(report.failed).toEqual([expect.objectContaining({ name: EDITION_RUN, reason: 'no edition is named "gone"' })]);
    const text = formatQueueReport(report);
    expect(text).toContain('1 worker(s)');
    expect(text).toContain('failed  edition.run edition.run|gone|x after 1 attempt(s): no edition is named "gone"');
  });

  it('says so when Redis does not answer, instead of waiting for it', async () => {
    const { redis, config } = await setup();
    await redis.stop();
    await expect(queueReport(config, redis.url)).rejects.toThrow();
  });
});
