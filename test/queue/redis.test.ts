// Job schedulers and the queue's status on a real redis-server.
import { afterEach, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import { loadConfig } from '../../src/config/index.js';
import { connectionOptions, openQueues } from '../../src/queue/connection.js';
import { DELIVERY_SEND, EDITION_RUN, EDITIONS_QUEUE, deliveryJobId } from '../../src/queue/jobs.js';
import { syncJobSchedulers } from '../../src/queue/schedulers.js';
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
