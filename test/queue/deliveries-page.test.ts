// The server's Deliveries page in scale-out mode: the queue beside the outbox, read from a real redis-server.
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/queue/connection.js';
import { EDITIONS_QUEUE, EDITION_RUN } from '../../src/queue/jobs.js';
import { openQueues } from '../../src/queue/connection.js';
import { READ_TOKEN, Session, decodeEntities, startPagesServer, type PagesServer } from '../serve/pages/helpers.js';
import { startRedis, type TestRedis } from '../servers.js';

let redis: TestRedis;
let server: PagesServer;
beforeAll(async () => {
  redis = await startRedis();
  server = await startPagesServer({ extra: `queue: { url: "${redis.url}" }\n` });
});
afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

describe('the Deliveries page with a queue', () => {
  it('shows jobs per queue, the workers and the failed jobs, their reasons escaped', async () => {
    const queues = openQueues(server.config, redis.url);
    const worker = new Worker(EDITIONS_QUEUE, async () => {
      throw new UnrecoverableError('no edition is named "<b>gone</b>"');
    }, { connection: connectionOptions(redis.url), name: 'page-host:77' });
    try {
      const failed = new Promise((resolve) => worker.once('failed', resolve));
      await queues.editions.add(EDITION_RUN, { edition: 'gone' }, { jobId: 'edition.run|gone|x', attempts: 1 });
      await failed;
      const session = new Session(server.base);
      expect((await session.signIn(READ_TOKEN)).status).toBe(303);
      const html = await (await session.get('/deliveries')).text();
      expect(html).toContain('<h2>Queue</h2>');
      expect(decodeEntities(html)).toContain('1 worker(s) (page-host:77)');
      expect(html).toContain('<td>edition.run</td><td>briefing-editions</td><td>0</td><td>0</td><td>0</td><td>1</td>');
      expect(html).toContain('&lt;b&gt;gone&lt;/b&gt;');
      expect(html).not.toContain('<b>gone</b>');
    } finally {
      await worker.close();
      await queues.close();
    }
  });
});
